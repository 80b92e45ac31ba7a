/* model.c: loading units and indicators together, and a thread's model
 * kept while the database's model version stands (see model.h). */
#include "model/model.h"
#include "base/xalloc.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A model handed out: freed when no one reads it and the thread no longer
 * keeps it (a newer one replaced it while a caller still read it). */
struct held {
	struct kfq_model m;
	int64_t version;
	int refs;
	int kept;
	char *db;      /* the database's name */
};

static int keeping;
static pthread_key_t kept_key;   /* the thread's kept model, freed when it ends */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void held_free(struct held *h)
{
	model_release(&h->m);
	free(h->db);
	free(h);
}

static void thread_ends(void *p)
{
	struct held *h = p;
	h->kept = 0;
	if (h->refs == 0)
		held_free(h);
}

static void make_key(void)
{
	pthread_key_create(&kept_key, thread_ends);
}

void model_keep(void)
{
	pthread_once(&once, make_key);
	keeping = 1;
}

/* The database's model version: 0, or -1 with err. */
static int version_of(struct kfq_db *db, int64_t *v, struct kfq_err *err)
{
	static const char SQL[] = "SELECT n FROM model_version WHERE id = 1";
	struct kfq_stmt *st;
	int rc;
	if (db_cached(db, SQL, &st, err) < 0)
		return -1;
	if ((rc = st_step(st)) == ST_ROW)
		*v = st_i64(st, 0);
	else if (rc == ST_DONE)
		*v = 0;
	else
		db_fault(db, err, "reading the model's version");
	st_reset(st);
	return rc == ST_ERROR ? -1 : 0;
}

const struct kfq_model *model_get(struct kfq_db *db, struct kfq_err *err)
{
	struct held *h, *kept = NULL;
	int64_t v = 0;
	if (keeping) {
		kept = pthread_getspecific(kept_key);
		if (version_of(db, &v, err) < 0)
			return NULL;
		if (kept && kept->version == v && strcmp(kept->db, db_name(db)) == 0) {
			kept->refs++;
			return &kept->m;
		}
	}
	h = xcalloc(1, sizeof *h);
	if (model_load(db, &h->m, err) < 0) {
		free(h);
		return NULL;
	}
	h->refs = 1;
	/* kept only when read outside a transaction: one read inside may hold
	 * the transaction's own changes, which a rollback takes back while a
	 * later change brings the count where it was */
	if (keeping && !db_in_tx(db)) {
		h->version = v;
		h->db = xstrdup(db_name(db));
		h->kept = 1;
		if (kept) {
			kept->kept = 0;
			if (kept->refs == 0)
				held_free(kept);
		}
		pthread_setspecific(kept_key, h);
	}
	return &h->m;
}

void model_put(const struct kfq_model *m)
{
	struct held *h;
	if (!m)
		return;
	h = (struct held *)((char *)(uintptr_t)m - offsetof(struct held, m));
	if (--h->refs == 0 && !h->kept)
		held_free(h);
}

int model_load(struct kfq_db *db, struct kfq_model *m, struct kfq_err *err)
{
	memset(m, 0, sizeof *m);
	if (units_load(db, &m->units, err) < 0)
		return -1;
	if (indicators_load(db, &m->inds, err) < 0) {
		units_release(&m->units);
		return -1;
	}
	return 0;
}

void model_release(struct kfq_model *m)
{
	units_release(&m->units);
	indicators_release(&m->inds);
}

long model_unit_or_root(const struct kfq_model *m, const char *code, struct kfq_err *err)
{
	long root = -1, zone = -1;
	int zones = 0;
	if (code)
		return units_need(&m->units, code, err);
	/* a province of assessment data beside the zone (kind province, its
	 * zones under it) leaves the zone the one top-level unit of kind zone */
	for (size_t i = 0; i < m->units.n; i++)
		if (m->units.v[i].parent < 0 && strcmp(m->units.v[i].kind, "zone") == 0) {
			zone = (long)i;
			zones++;
		}
	if (zones == 1)
		return zone;
	for (size_t i = 0; i < m->units.n; i++)
		if (m->units.v[i].parent < 0) {
			if (root >= 0)
				return kfq_error(err, "several top-level units (%s, %s ...): name one with "
				                 "--unit", m->units.v[root].code, m->units.v[i].code);
			root = (long)i;
		}
	if (root < 0)
		return kfq_error(err, "no units yet (import a units file first)");
	return root;
}
