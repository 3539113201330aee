/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_SHAREIMAGE_H
#define VMS_SHAREIMAGE_H

#include <stdint.h>
#include <sys/types.h>

#include "read/procfs.h"
#include "walk/share.h"

/*
 * The build-id (hex) of the file v maps, read through PID/map_files once
 * per file (device, inode) in a run: thread-safe. NULL when it has none.
 */
const char *share_file_buildid(struct share *s, const struct procfs *p,
			       pid_t pid, const struct share_vma *v);
/*
 * The image of v (by build-id when given, else device and inode, else its
 * name or [anon]): found, or added to s->images. One thread.
 */
uint32_t share_image_of(struct share *s, const struct share_vma *v,
			const char *buildid);

#endif
