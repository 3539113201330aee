/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_FRAMECLASS_H
#define VMS_FRAMECLASS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Frame classes: every frame of the machine in exactly one class, by its
 * kpageflags, so that the classes sum to all the frames of
 * /proc/kpageflags. The first class whose bits the frame has wins.
 */
struct frame_class {
	const char *name;	/* a label value: "anon", "file" */
	uint64_t any;		/* the frame has any of these bits */
	const char *help;
};

extern const struct frame_class frame_classes[];
extern const size_t frame_nclasses;

/* The index in frame_classes of a frame with these kpageflags. */
size_t frame_class_of(uint64_t flags);

#endif
