// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The file a picture is written to. A picture is often written over the
 * last one (a report made again): opening that with O_TRUNC freed its
 * blocks on ext4 before they were allocated again, 0.3 ms, as long as
 * drawing a third of the picture of a sparse process; writing over them
 * and cutting the file to its new length after took 0.01 ms. A file
 * that is no regular file (a pipe, a terminal, /dev/null) is written as
 * it is.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "show/picture-file.h"

FILE *pic_file_open(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, 0666);
	FILE *f;

	if (fd < 0)
		return NULL;
	f = fdopen(fd, "wb");
	if (!f)
		close(fd);
	return f;
}

int pic_file_close(FILE *f)
{
	struct stat st;
	off_t end;
	int rc = fflush(f) ? -1 : 0;

	if (!rc && !fstat(fileno(f), &st) && S_ISREG(st.st_mode) &&
	    ((end = ftello(f)) < 0 || (end < st.st_size &&
					ftruncate(fileno(f), end))))
		rc = -1;
	if (fclose(f))
		rc = -1;
	return rc;
}
