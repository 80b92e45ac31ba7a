/* import_lock.c: the derived figures of an approved month, held as its
 * data rows are (model/lock.h). A kind with an after() step (key projects,
 * leads, a ledger, the finance platform) derives its figures again from
 * all its records; the derived month values in the months that hold an
 * approval are read before the step and compared after it, and one that
 * changed in a locked month refuses the import, naming the file, the
 * figure, the unit, the month, both values and who approved it. Private
 * to the import (import_kind.h). Depends on base, store, model. */
#include "io/import_kind.h"
#include "model/lock.h"

int import_after_locked(struct ictx *c, struct kfq_err *err)
{
	struct derived_snap before;
	int rc;
	if (derived_snap_read(c->db, &before, err) < 0)
		return -1;
	rc = c->k->after(c, err);
	if (rc == 0)
		rc = derived_hold(c->db, &before, c->o->path, err);
	derived_snap_release(&before);
	return rc;
}
