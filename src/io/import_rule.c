/* import_rule.c: the validation rules as an import kind (`kfq import
 * rules FILE`): each row a rule checked (its expressions compiled against
 * the indicators, its operator, severity, applicability, parameters and
 * message placeholders) and stored with its history (quality/rule.h);
 * every refusal names the line and the column. Format: docs/formats.md,
 * "Validation rules". Depends on base, store, model and quality. */
#include "io/import_kind.h"
#include "quality/rule.h"

enum { R_CODE, R_SEVERITY, R_LEFT, R_OP, R_RIGHT, R_KIND, R_GROUP, R_INDUSTRY, R_MONTHS,
       R_PARAMS, R_MESSAGE };
static const struct column_def RULE_COLS[] = {
	{ "code", "规则代码|代码|rule", 1 },
	{ "severity", "级别|严重程度", 1 },
	{ "left", "左式|左边|表达式", 1 },
	{ "op", "运算符|比较", 1 },
	{ "right", "右式|右边", 0 },
	{ "kind", "单位类型|类型", 0 },
	{ "group", "分组|组", 0 },
	{ "industry", "行业|行业代码", 0 },
	{ "months", "月份", 0 },
	{ "params", "参数", 0 },
	{ "message", "提示|说明|消息", 0 },
};

static int rule_row(struct ictx *c, const char *const *cell, struct kfq_err *err)
{
	struct rule_row row = { cell[R_CODE], cell[R_SEVERITY], cell[R_LEFT], cell[R_OP],
	                        cell[R_RIGHT], cell[R_KIND], cell[R_GROUP], cell[R_INDUSTRY],
	                        cell[R_MONTHS], cell[R_PARAMS], cell[R_MESSAGE] };
	struct rule r;
	int changed, rc;

	if (row_once_of(c, "this rule", err, "rule", cell[R_CODE], NULL) < 0)
		return -1;
	if (rule_parse(&row, &c->inds, &r, err) < 0)
		return -1;
	rc = rule_put(c->db, &r, &changed, err);
	rule_release(&r);
	if (rc < 0)
		return -1;
	c->res->added += changed == 1;
	c->res->changed += changed == 2;
	c->res->unchanged += changed == 0;
	return 0;
}

const struct kind_def RULE_KINDS[] = {
	{ "rules", RULE_COLS, NCOLS(RULE_COLS), rule_row, 1, NULL, NULL },
};
const size_t NRULE_KINDS = NCOLS(RULE_KINDS);
