/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SNAPCLEAN_H
#define VMS_SNAPCLEAN_H

/*
 * A private temporary directory (in $TMPDIR or /tmp) that is removed when
 * the program ends: at exit, and by a watcher process when the program is
 * killed. NULL after a message.
 */
char *snapclean_mkdtemp(void);
/* A string freed at exit, with the trees: returned as it is. */
const char *snapclean_keep(char *s);
/* Remove a tree without following links or leaving its file system. */
void snapclean_rmtree(const char *dir);

#endif
