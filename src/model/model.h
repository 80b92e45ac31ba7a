/* model.h: the units and indicators of a database, loaded together for the
 * commands that compute figures. Depends on store and model. */
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
/* The unit named by code; when code is NULL, the single top-level unit of
 * kind zone, else the single top-level unit. */
long model_unit_or_root(const struct kfq_model *m, const char *code, struct kfq_err *err);

#endif
