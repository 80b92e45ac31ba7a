/* case_read.c: what the case module's queries share when they read the
 * store into their results (case_part.h): a stored text or date column
 * copied into a result, who raised a case, the day a request names or the
 * context's today. Depends on base, store and case/case_query.h. */
#include "case/case_part.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

char *case_col_text(struct kfq_stmt *st, int col)
{
	const char *s = st_text(st, col);
	return s ? xstrdup(s) : NULL;
}

int case_col_date(struct kfq_stmt *st, int col, struct date *d, struct kfq_err *err)
{
	const char *s = st_text(st, col);
	d->year = d->month = d->day = 0;
	if (!s)
		return 0;
	if (date_parse(s, d, NULL) < 0)
		return kfq_fault(err, "a stored case date \"%s\" is not a date", s);
	return 0;
}

struct date case_day(const struct kfq_ctx *cx, const struct date *asked)
{
	return asked && asked->year ? *asked : cx->today;
}

int case_names_n(const char *const *names)
{
	int n = 0;
	while (names[n])
		n++;
	return n;
}

void case_read_party(struct kfq_stmt *st, int col, struct case_party *p)
{
	p->unit = case_col_text(st, col);
	p->unit_name = case_col_text(st, col + 1);
	p->household = case_col_text(st, col + 2);
	p->community = case_col_text(st, col + 3);
}

void case_party_release(struct case_party *p)
{
	free(p->unit);
	free(p->unit_name);
	free(p->household);
	free(p->community);
	memset(p, 0, sizeof *p);
}
