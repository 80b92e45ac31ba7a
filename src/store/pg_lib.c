/* pg_lib.c: libpq, loaded when kfq first opens a PostgreSQL database.
 *
 * The program is not linked with libpq: libpq brings Kerberos, LDAP, SASL
 * and OpenSSL, whose mapping and relocation was a third of the loader's
 * work at every start of kfq, for every command on an SQLite file too. Its
 * functions are taken from the installed library (its soname, the one the
 * Debian package libpq5 installs) on the first open of a server's
 * database, once for the process; their types are libpq-fe.h's, so a call
 * is checked by the compiler as a direct call would be.
 * Depends on base and libpq's header. */
#include "store/pg_part.h"

#include "base/dynlib.h"

#include <stddef.h>

#define LIBPQ_SONAME "libpq.so.5"

struct pg_lib libpq;

static const struct dynlib_sym SYMS[] = {
	DYNLIB_SYM(libpq, PQclear),
	DYNLIB_SYM(libpq, PQcmdTuples),
	DYNLIB_SYM(libpq, PQconnectdb),
	DYNLIB_SYM(libpq, PQerrorMessage),
	DYNLIB_SYM(libpq, PQescapeIdentifier),
	DYNLIB_SYM(libpq, PQexec),
	DYNLIB_SYM(libpq, PQexecParams),
	DYNLIB_SYM(libpq, PQexecPrepared),
	DYNLIB_SYM(libpq, PQfinish),
	DYNLIB_SYM(libpq, PQfname),
	DYNLIB_SYM(libpq, PQfreemem),
	DYNLIB_SYM(libpq, PQftype),
	DYNLIB_SYM(libpq, PQgetResult),
	DYNLIB_SYM(libpq, PQgetisnull),
	DYNLIB_SYM(libpq, PQgetvalue),
	DYNLIB_SYM(libpq, PQnfields),
	DYNLIB_SYM(libpq, PQntuples),
	DYNLIB_SYM(libpq, PQprepare),
	DYNLIB_SYM(libpq, PQputCopyData),
	DYNLIB_SYM(libpq, PQputCopyEnd),
	DYNLIB_SYM(libpq, PQresultErrorField),
	DYNLIB_SYM(libpq, PQresultStatus),
	DYNLIB_SYM(libpq, PQstatus),
	DYNLIB_SYM(libpq, PQunescapeBytea),
	{ NULL, NULL },
};

static struct dynlib lib = DYNLIB_INIT(LIBPQ_SONAME, SYMS);

int pg_lib_load(const char *db_name, struct kfq_err *err)
{
	const char *why = dynlib_need(&lib);
	if (why)
		return kfq_env(err, "%s: cannot use PostgreSQL: its client library could not be "
		               "loaded (%s; the Debian package libpq5 installs it)", db_name, why);
	return 0;
}
