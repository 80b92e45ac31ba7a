/* dynlib.h: a shared library's functions taken when first needed, not
 * linked into the program (store/pg_lib.c, web/mhd_lib.c, base/zip_lib.c,
 * report/xlsxw_lib.c): each start of kfq maps and relocates only the
 * libraries every command uses. Depends on libc (dlopen, pthreads). */
#ifndef KFQ_DYNLIB_H
#define KFQ_DYNLIB_H

#include <pthread.h>
#include <stddef.h>

/* One function: its name in the library, and where its address goes (a
 * typed function pointer, written through as POSIX's dlsym allows). */
struct dynlib_sym {
	const char *name;
	void **slot;
};
#define DYNLIB_SYM(table, fn) { #fn, (void **)&(table).fn }

/* Load the library by its soname and fill every slot of syms (ended by a
 * NULL name); the library stays loaded for the process. 0, or -1 with the
 * reason in why (dlerror's, or the function it lacks). Not thread-safe:
 * the program's libraries call it through dynlib_need, once. */
int dynlib_load(const char *soname, const struct dynlib_sym *syms, char *why, size_t n);

/* A library loaded once for the process, at its first use, from whichever
 * thread comes first (DYNLIB_INIT; the others wait for it). */
struct dynlib {
	const char *soname;
	const struct dynlib_sym *syms;
	pthread_mutex_t lock;
	int tried;
	char why[512];      /* empty: loaded */
};
#define DYNLIB_INIT(soname, syms) { (soname), (syms), PTHREAD_MUTEX_INITIALIZER, 0, "" }

/* Load l the first time (dynlib_load); every call: NULL when its functions
 * are there, else the reason it could not be loaded. */
const char *dynlib_need(struct dynlib *l);

#endif
