/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_INTERVALTERM_H
#define VMS_INTERVALTERM_H

#include <stddef.h>

/* terminfo for standard output; -1 when the terminal is unknown. */
int term_open(void);
/* From the top left: the header, then what fits of buf; the rest cleared. */
void term_draw(const char *head, const char *buf, size_t len);
/* The cursor back, below the last sample. */
void term_close(void);

#endif
