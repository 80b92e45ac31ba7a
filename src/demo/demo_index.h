/* demo_index.h: the China Danyang Eyewear Index (中国丹阳眼镜指数) of the
 * synthetic demo zone: the eyewear town's price sample and its monthly
 * prosperity surveys, 2016年12月 to 2017年12月. Twelve leaf categories in
 * five groups (镜架 frames, 镜片 lenses, 太阳镜 sunglasses, 隐形眼镜 contact
 * lenses, 配件与设备 accessories and equipment), 2016 and 2017 weights per
 * category and channel, 300 items priced by 80 reporting units (30 of the town's
 * enterprises at the factory gate, 50 market merchants, new units of kind
 * merchant: 30 wholesale stalls of the eyewear market and 20 online shops),
 * monthly quotes (weekly for a few stalls) for the three channels, with a
 * handful of missing prices, 4 replacements with an overlap month and 3
 * outliers; and two monthly surveys (enterprises, market merchants) of
 * eight questions with some non-responses. The story: prices broadly
 * stable overall, lenses rising about 5% over the year, online retail
 * falling about 4%. All synthetic, deterministic, and imported through
 * the same import as users' files; then computed (kfq index compute's
 * defaults), published into the core for the eyewear town (eyewear_pi …)
 * and frozen, 2016-12 to 2017-12. Depends on base, store, index, io. */
#ifndef KFQ_DEMO_INDEX_H
#define KFQ_DEMO_INDEX_H

#include "store/db.h"

/* Write the index's files into the folder dir, import them (merchant units
 * first), remove them again, compute the index to 2017-12 and publish it.
 * The demo's eyewear town and its enterprises must be in db already. */
int demo_index(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, struct kfq_err *err);

#endif
