/* demo_ledgers.c: the demo zone's ledgers (see demo_ledgers.h): each
 * docs/examples/ledgers/NAME.ledger and NAME.csv, built into kfq as they
 * are (the assembler's .incbin, so the examples and the demo cannot
 * differ), written to the demo's folder, defined and imported. Depends on
 * base, store, io, ledger. */
#include "demo/demo_ledgers.h"
#include "io/import.h"
#include "ledger/ledger.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A file of the source tree as a NUL-terminated array (make runs in the
 * tree's root; the Makefile rebuilds this file when one changes). */
#define EMBED(sym, path) \
	__asm__(".section .rodata\n.global " #sym "\n" #sym ":\n.incbin \"" path "\"\n" \
	        ".byte 0\n.previous\n"); \
	extern const char sym[];

EMBED(demo_ledger_civil_affairs_ledger, "docs/examples/ledgers/civil_affairs.ledger")
EMBED(demo_ledger_civil_affairs_csv, "docs/examples/ledgers/civil_affairs.csv")
EMBED(demo_ledger_environment_ledger, "docs/examples/ledgers/environment.ledger")
EMBED(demo_ledger_environment_csv, "docs/examples/ledgers/environment.csv")
EMBED(demo_ledger_factories_ledger, "docs/examples/ledgers/factories.ledger")
EMBED(demo_ledger_factories_csv, "docs/examples/ledgers/factories.csv")
EMBED(demo_ledger_fire_safety_ledger, "docs/examples/ledgers/fire_safety.ledger")
EMBED(demo_ledger_fire_safety_csv, "docs/examples/ledgers/fire_safety.csv")
EMBED(demo_ledger_innovation_ledger, "docs/examples/ledgers/innovation.ledger")
EMBED(demo_ledger_innovation_csv, "docs/examples/ledgers/innovation.csv")
EMBED(demo_ledger_legal_aid_ledger, "docs/examples/ledgers/legal_aid.ledger")
EMBED(demo_ledger_legal_aid_csv, "docs/examples/ledgers/legal_aid.csv")
EMBED(demo_ledger_ncms_ledger, "docs/examples/ledgers/ncms.ledger")
EMBED(demo_ledger_ncms_csv, "docs/examples/ledgers/ncms.csv")
EMBED(demo_ledger_party_ledger, "docs/examples/ledgers/party.ledger")
EMBED(demo_ledger_party_csv, "docs/examples/ledgers/party.csv")
EMBED(demo_ledger_plans_ledger, "docs/examples/ledgers/plans.ledger")
EMBED(demo_ledger_plans_csv, "docs/examples/ledgers/plans.csv")
EMBED(demo_ledger_social_security_ledger, "docs/examples/ledgers/social_security.ledger")
EMBED(demo_ledger_social_security_csv, "docs/examples/ledgers/social_security.csv")
EMBED(demo_ledger_talent_ledger, "docs/examples/ledgers/talent.ledger")
EMBED(demo_ledger_talent_csv, "docs/examples/ledgers/talent.csv")
EMBED(demo_ledger_tenants_ledger, "docs/examples/ledgers/tenants.ledger")
EMBED(demo_ledger_tenants_csv, "docs/examples/ledgers/tenants.csv")
EMBED(demo_ledger_villages_ledger, "docs/examples/ledgers/villages.ledger")
EMBED(demo_ledger_villages_csv, "docs/examples/ledgers/villages.csv")
EMBED(demo_ledger_works_ledger, "docs/examples/ledgers/works.ledger")
EMBED(demo_ledger_works_csv, "docs/examples/ledgers/works.csv")

static const struct {
	const char *name, *def, *rows;
} LEDGERS[] = {
	{ "civil_affairs", demo_ledger_civil_affairs_ledger, demo_ledger_civil_affairs_csv },
	{ "environment", demo_ledger_environment_ledger, demo_ledger_environment_csv },
	{ "factories", demo_ledger_factories_ledger, demo_ledger_factories_csv },
	{ "fire_safety", demo_ledger_fire_safety_ledger, demo_ledger_fire_safety_csv },
	{ "innovation", demo_ledger_innovation_ledger, demo_ledger_innovation_csv },
	{ "legal_aid", demo_ledger_legal_aid_ledger, demo_ledger_legal_aid_csv },
	{ "ncms", demo_ledger_ncms_ledger, demo_ledger_ncms_csv },
	{ "party", demo_ledger_party_ledger, demo_ledger_party_csv },
	{ "plans", demo_ledger_plans_ledger, demo_ledger_plans_csv },
	{ "social_security", demo_ledger_social_security_ledger, demo_ledger_social_security_csv },
	{ "talent", demo_ledger_talent_ledger, demo_ledger_talent_csv },
	{ "tenants", demo_ledger_tenants_ledger, demo_ledger_tenants_csv },
	{ "villages", demo_ledger_villages_ledger, demo_ledger_villages_csv },
	{ "works", demo_ledger_works_ledger, demo_ledger_works_csv },
};

static int write_file(const char *path, const char *text, struct kfq_err *err)
{
	FILE *fp = fopen(path, "w");
	size_t n = strlen(text);
	int ok = 0;
	if (fp) {
		ok = fwrite(text, 1, n, fp) == n;
		if (fclose(fp) != 0)
			ok = 0;
	}
	if (!ok) {
		kfq_fault(err, "%s: %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

static int one(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, size_t i,
               struct kfq_err *err)
{
	char def[512], rows[512], as[128];
	struct define_result dr;
	struct import_opts o = { "ledger", rows, NULL, 0, 0, NULL, NULL, NULL, LEDGERS[i].name, 1 };
	struct import_result r;
	int rc;

	snprintf(def, sizeof def, "%s/%s.ledger", dir, LEDGERS[i].name);
	snprintf(rows, sizeof rows, "%s/%s.csv", dir, LEDGERS[i].name);
	if (write_file(def, LEDGERS[i].def, err) < 0)
		return -1;
	snprintf(as, sizeof as, "docs/examples/ledgers/%s.ledger", LEDGERS[i].name);
	rc = ledger_define_as(cx, db, def, as, &dr, err);
	unlink(def);
	if (rc < 0)
		return -1;
	if (write_file(rows, LEDGERS[i].rows, err) < 0)
		return -1;
	rc = import_run(cx, db, &o, &r, err);
	unlink(rows);
	if (rc < 0 && r.messages) {
		int n = (int)strnlen(r.messages, 300);
		while (n > 0 && r.messages[n - 1] == '\n')
			n--;
		kfq_err_prefix(err, "demo ledger rejected (a bug): %.*s", n, r.messages);
		err->kind = KFQ_EFAULT;
	}
	import_result_release(&r);
	return rc;
}

int demo_ledgers(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir,
                 struct kfq_err *err)
{
	for (size_t i = 0; i < sizeof LEDGERS / sizeof LEDGERS[0]; i++)
		if (one(cx, db, dir, i, err) < 0)
			return -1;
	return 0;
}
