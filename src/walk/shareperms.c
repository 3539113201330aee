// SPDX-License-Identifier: GPL-2.0-or-later
/* share --perms: mappings kept by their permissions. */
#include "config.h"

#include <string.h>

#include "walk/share.h"

int share_perms_parse(const char *arg, struct share_perms *p)
{
	static const char letters[] = "rwxs";
	size_t i, n = strlen(arg);

	memset(p, 0, sizeof(*p));
	/* A maps field: "r-xp", each place its letter or '-'. */
	if (n == 4 && strchr("sp", arg[3])) {
		for (i = 0; i < 3 && (arg[i] == letters[i] || arg[i] == '-');
		     i++)
			if (arg[i] == letters[i])
				p->need |= 1U << i;
		if (i == 3) {
			p->exact = true;
			p->shared = arg[3] == 's';
			p->private = arg[3] == 'p';
			return 0;
		}
		memset(p, 0, sizeof(*p));
	}
	for (i = 0; i < n; i++) {
		const char *at = strchr(letters, arg[i]);

		if (arg[i] == 'p')
			p->private = true;
		else if (at && arg[i])
			p->need |= 1U << (at - letters);
		else
			return -1;
	}
	p->shared = p->need & VMA_SHARED;
	p->need &= ~(unsigned int)VMA_SHARED;
	return n && !(p->shared && p->private) ? 0 : -1;
}

bool share_perms_match(const struct share_perms *p, unsigned int perms)
{
	unsigned int rwx = perms & (VMA_READ | VMA_WRITE | VMA_EXEC);

	if (p->shared && !(perms & VMA_SHARED))
		return false;
	if (p->private && (perms & VMA_SHARED))
		return false;
	return p->exact ? rwx == p->need : (rwx & p->need) == p->need;
}
