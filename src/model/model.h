/* model.h: the units and indicators of a database, loaded together for the
 * commands that compute figures, and kept by a server's threads while they
 * stand. Depends on store and model. */
#ifndef KFQ_MODEL_H
#define KFQ_MODEL_H

#include "model/indicator.h"
#include "model/unit.h"

struct kfq_model {
	struct unit_set units;
	struct indicator_set inds;
};

int model_load(struct kfq_db *db, struct kfq_model *m, struct kfq_err *err);
void model_release(struct kfq_model *m);

/* The model of db, to read until model_put. Loaded afresh, unless this
 * process called model_keep: then each thread keeps the last model it
 * loaded outside a transaction while the database's model version stands
 * (store/schema.c, migration 21: counted up by every change to a unit or
 * an indicator, in any process), so that a server's requests at a
 * province (46 000 units, 27 MB, some 35 ms to load) read one small row
 * instead. Inside a transaction the kept model serves when the version
 * read there is its own; otherwise the transaction's own (its changes
 * included) is loaded and not kept. NULL with err on failure. */
const struct kfq_model *model_get(struct kfq_db *db, struct kfq_err *err);
void model_put(const struct kfq_model *m);
/* Keep models in this process from now on (kfq serve, before its threads
 * start). */
void model_keep(void);
/* The unit named by code; when code is NULL, the single top-level unit of
 * kind zone, else the single top-level unit. */
long model_unit_or_root(const struct kfq_model *m, const char *code, struct kfq_err *err);

#endif
