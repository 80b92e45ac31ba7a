/* measure.h: units of measure (计量单位) and their scales.
 *
 * A measure belongs to a family whose base unit values are stored in (元,
 * 美元, %, 亩, 平方米, each counted noun ...) and is 10^shift base units:
 * 万元 is 元 with shift 4, 亿美元 is 美元 with shift 8. Converting between
 * measures of one family is exact (see dec.h). Depends on dec and err only. */
#ifndef KFQ_MEASURE_H
#define KFQ_MEASURE_H

#include "base/dec.h"
#include "base/err.h"

struct measure {
	const char *name;    /* canonical name: "万元" */
	const char *family;  /* "元", "美元", "件", "%", ... (the base unit) */
	int shift;           /* value = 10^shift base units */
	int counted;         /* a counted noun's (件, 家, 人 …): whole values, not below zero */
};

/* Look a measure up by its name or an alias ("万元", "wan yuan", "10k CNY",
 * "㎡"). Returns NULL and fills err (listing the known measures) when
 * unknown. */
const struct measure *measure_find(const char *name, struct kfq_err *err);
/* Check that `to` can express values of `from` (same family); -1 with a
 * message otherwise. */
int measure_compatible(const struct measure *from, const struct measure *to,
                       struct kfq_err *err);

/* A value of a counted noun's measure (件, 个, 家, 人, 户 …; not money, %,
 * area, length, weight, energy or index points) counts things: a whole
 * number of them, not below zero. v: the value in the family's base unit
 * at DEC_SCALE places (dec.h), text: as it was given. -1 with a message
 * naming text when it is not such a count; 0 for any value of another
 * measure. */
int measure_count_check(const struct measure *m, dec v, const char *text, struct kfq_err *err);

#endif
