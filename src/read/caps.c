// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Capabilities (libcap): vmascope only reads, so at start it keeps the
 * few capabilities that widen what it can read and drops every other one;
 * a bug then cannot turn into a write with root's powers.
 */
#include "config.h"

#include <err.h>
#include <stdbool.h>
#include <sys/capability.h>
#include <sys/prctl.h>

#include "lib/util.h"
#include "read/caps.h"
#include "read/frames.h"

/* NEED_* bit i is capability need_caps[i]. */
static const cap_value_t need_caps[] = {
	CAP_SYS_ADMIN,		/* the kernel shows PFNs to pagemap openers with it */
	CAP_SYS_PTRACE,		/* ptrace read access to other users' processes */
	CAP_DAC_READ_SEARCH,	/* read 0400 files: kpage*, others' pagemap */
	CAP_FOWNER,		/* the kernel counts a file's cache for its owner */
};

static bool cap_is(cap_t c, cap_value_t v, cap_flag_t which)
{
	cap_flag_value_t f = CAP_CLEAR;

	return c && cap_get_flag(c, v, which, &f) == 0 && f == CAP_SET;
}

bool caps_have_sys_admin(void)
{
	cap_t c = cap_get_proc();
	bool ok = cap_is(c, CAP_SYS_ADMIN, CAP_EFFECTIVE);

	cap_free(c);
	return ok;
}

/*
 * Nothing we could ever exec regains what we drop: no_new_privs makes an
 * exec keep at most the permitted set it starts with (setuid bits and
 * file capabilities grant nothing, root's exec included). One prctl that
 * needs no capability, where dropping the bounding set took one per
 * capability (some 80 calls, each new credentials) and CAP_SETPCAP.
 */
static void no_new_privs(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		warn("cannot set no_new_privs");
}

/* Permitted and effective = the held ones; inheritable empty. */
static void keep_only(unsigned int held)
{
	cap_t c = cap_init();
	size_t i;

	if (!c)
		return;
	for (i = 0; i < ARRAY_SIZE(need_caps); i++) {
		if (!(held & (1U << i)))
			continue;
		cap_set_flag(c, CAP_PERMITTED, 1, &need_caps[i], CAP_SET);
		cap_set_flag(c, CAP_EFFECTIVE, 1, &need_caps[i], CAP_SET);
	}
	if (cap_set_proc(c))
		warn("cannot drop capabilities");
	cap_free(c);
}

unsigned int caps_setup(unsigned int need, const char *affects)
{
	cap_t now = cap_get_proc();
	unsigned int held = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(need_caps); i++)
		if ((need & (1U << i)) &&
		    cap_is(now, need_caps[i], CAP_PERMITTED))
			held |= 1U << i;
	no_new_privs();
	if (now) {
		keep_only(held);
		cap_free(now);
	}
	/* Capabilities do not tell (a user namespace): the data does. */
	if (need & NEED_SYS_ADMIN)
		frames_live_visible(affects);
	return held;
}
