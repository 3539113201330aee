/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PICTURE_FILE_H
#define VMS_PICTURE_FILE_H

#include <stdio.h>

/*
 * The file a PNG or SVG picture is written to: opened for writing (made
 * if missing) and not truncated; pic_file_close cuts it to what was
 * written. NULL, or -1, with errno set.
 */
FILE *pic_file_open(const char *path);
int pic_file_close(FILE *f);

#endif
