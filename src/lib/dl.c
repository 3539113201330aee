// SPDX-License-Identifier: GPL-2.0-or-later
/* Libraries opened when a command needs them (see dl.h). */
#include "config.h"

#include <dlfcn.h>
#include <err.h>

#include "lib/dl.h"

int vms_dl_open(void **handle, const char *soname,
		const struct vms_dl_sym *syms, size_t n, const char *what)
{
	static const char failed;
	void *h;
	size_t i;

	if (*handle)
		return *handle == &failed ? -1 : 0;
	*handle = (void *)&failed;
	h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		warnx("%s needs %s: %s", what, soname, dlerror());
		return -1;
	}
	for (i = 0; i < n; i++) {
		*syms[i].addr = dlsym(h, syms[i].name);
		if (!*syms[i].addr) {
			warnx("%s needs %s: %s", what, soname, dlerror());
			dlclose(h);
			return -1;
		}
	}
	*handle = h;
	return 0;
}
