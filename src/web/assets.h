/* assets.h: the browser pages built into the binary: every file under
 * web/ and Apache ECharts (vendor/echarts.min.js), put in by
 * scripts/embed at build time (the generated table is
 * build/gen/assets.c). web/static.c serves them when kfq serve is given no
 * --static DIR. */
#ifndef KFQ_ASSETS_H
#define KFQ_ASSETS_H

struct web_asset {
	const char *name;                    /* its path, without a leading / */
	const unsigned char *start, *end;    /* its bytes */
};
extern const struct web_asset WEB_ASSETS[];   /* terminated by a NULL name */

#endif
