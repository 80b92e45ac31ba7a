/* model.c: loading units and indicators together (see model.h). */
#include "model/model.h"

#include <string.h>

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
