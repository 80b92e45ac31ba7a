/* dynlib.c: a shared library's functions taken when first needed (see
 * dynlib.h). Depends on libc. */
#include "base/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>

int dynlib_load(const char *soname, const struct dynlib_sym *syms, char *why, size_t n)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(why, n, "%s", dlerror());
		return -1;
	}
	for (const struct dynlib_sym *s = syms; s->name; s++) {
		if (!(*s->slot = dlsym(h, s->name))) {
			snprintf(why, n, "%s has no %s (%s)", soname, s->name, dlerror());
			return -1;
		}
	}
	return 0;
}

const char *dynlib_need(struct dynlib *l)
{
	pthread_mutex_lock(&l->lock);
	if (!l->tried) {
		dynlib_load(l->soname, l->syms, l->why, sizeof l->why);
		l->tried = 1;
	}
	pthread_mutex_unlock(&l->lock);
	return l->why[0] ? l->why : NULL;
}
