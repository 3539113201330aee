/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_CAPS_H
#define VMS_CAPS_H

#include <stdbool.h>

/* What a command needs of the capabilities (libcap). */
enum {
	NEED_SYS_ADMIN = 1 << 0,	/* PFNs in pagemap, kpage* files */
	NEED_SYS_PTRACE = 1 << 1,	/* other users' pagemap, mem */
	NEED_DAC_READ = 1 << 2,		/* root-only files: kpage* (0400) */
	NEED_FOWNER = 1 << 3,		/* cachestat, mincore, O_NOATIME of others' files */
};

/*
 * At start: keep only the capabilities in need (effective and permitted),
 * drop every other one; say once, on stderr, what is missing and which
 * columns it affects. Returns the NEED_* bits actually held.
 */
unsigned int caps_setup(unsigned int need, const char *affects);

/* CAP_SYS_ADMIN is effective now: a pagemap opened now shows PFNs. */
bool caps_have_sys_admin(void);

#endif
