/* demo_rules.c: the demo's validation rules (docs/quality.md), the text of
 * docs/examples/demo-rules.csv (t0170 checks that they are the same), imported
 * after the demo's data, which passes them: a flow's year to date never
 * falls, value added ≤ taxable sales, budget revenue ≤ taxable sales (the
 * parks'), an above-scale month within a factor of 3 of the same month last
 * year, the magnitude slip (元 for 万元), a robust outlier against the
 * enterprise's last 12 months, its growth against its park's other
 * enterprises (peer) and its value added (the statistics report) against its
 * taxable sales (the tax bureau) compared with the same ratio in its last
 * 12 months (ratio). Depends on base, store, io. */
#include "demo/demo.h"
#include "demo/demo_util.h"

static const char RULES[] =
	"code,severity,left,op,right,kind,group,industry,months,params,message\n"
	"ytd_never_falls,error,ytd(taxable_sales),>=,ytd(prev(taxable_sales)),enterprise,,,2-12,,{name} 的应税销售累计不应小于上月累计\n"
	"va_le_sales,error,ind_value_added,<=,taxable_sales,enterprise,,,,,规上工业增加值不应大于应税销售\n"
	"budget_le_sales,warning,budget_revenue,<=,taxable_sales,park,,,,,财政收入不应大于应税销售\n"
	"sales_vs_last_year,warning,taxable_sales,within,prior(taxable_sales),enterprise,above_scale,,,factor=3,{name} {period} 应税销售与去年同月相差三倍以上\n"
	"sales_magnitude,error,taxable_sales,magnitude,,enterprise,,,,history=months n=12,是否把万元填成了元？\n"
	"sales_outlier,warning,taxable_sales,outlier,,enterprise,,,,history=months n=12 k=15,\n"
	"sales_growth_peer,warning,taxable_sales / prior(taxable_sales),peer,,enterprise,,,,k=10,{name} 的应税销售增速与同园区企业相差过大\n"
	"va_sales_apart,warning,ind_value_added,ratio,taxable_sales,enterprise,,,,history=months n=12 factor=1.5,{name} 的工业增加值（统计报表）与应税销售（税务）背离\n"
	;

int demo_rules(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err)
{
	struct sbuf csv;
	int rc;
	sbuf_init(&csv);
	sbuf_adds(&csv, RULES);
	rc = demo_import(cx, db, dir, "rules.csv", "rules", &csv, 0, err);
	sbuf_release(&csv);
	return rc;
}
