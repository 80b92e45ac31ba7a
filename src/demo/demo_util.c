/* demo_util.c: the helpers the demo's builders share (see demo_util.h).
 * Private to src/demo. Depends on base, store, io. */
#include "demo/demo_util.h"
#include "base/xalloc.h"
#include "io/import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

uint64_t demo_rng_next(struct demo_rng *r)
{
	uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

int64_t demo_rng_in(struct demo_rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(demo_rng_next(r) % (uint64_t)(hi - lo + 1));
}

void demo_split(int64_t total, const int64_t *w, size_t n, int64_t *out)
{
	__int128 sw = 0, given = 0;
	__int128 *rem = xmalloc((n ? n : 1) * sizeof *rem);

	for (size_t i = 0; i < n; i++)
		sw += w[i];
	for (size_t i = 0; i < n; i++) {
		__int128 num = (__int128)total * w[i];
		out[i] = sw ? (int64_t)(num / sw) : 0;
		rem[i] = sw ? num % sw : 0;
		given += out[i];
	}
	/* hand out what is left to the largest remainders */
	for (int64_t left = (int64_t)(total - given); left > 0; left--) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (w[i] > 0 && (best == n || rem[i] > rem[best]))
				best = i;
		if (best == n)
			break;
		out[best]++;
		rem[best] = -1;
	}
	free(rem);
}

int demo_import(const struct kfq_ctx *cx, struct kfq_db *db, const char *dir, const char *name, const char *kind,
                const struct sbuf *csv, int synthetic, struct kfq_err *err)
{
	char path[512];
	/* the demo's year stands for records kept before kfq: back-filled */
	struct import_opts o = { kind, path, NULL, 0, synthetic, NULL, NULL, NULL, NULL, 1 };
	struct import_result r;
	FILE *fp;
	int rc, ok = 0;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fp = fopen(path, "w"))) {
		ok = fwrite(csv->buf, 1, csv->len, fp) == csv->len;
		if (fclose(fp) != 0)
			ok = 0;
	}
	if (!ok) {
		rc = kfq_fault(err, "%s: %s", path, strerror(errno));
		unlink(path);
		return rc;
	}
	rc = import_run(cx, db, &o, &r, err);
	if (rc < 0 && r.messages) {
		/* the first messages, without the last one's newline */
		int n = (int)strnlen(r.messages, 300);
		while (n > 0 && r.messages[n - 1] == '\n')
			n--;
		kfq_err_prefix(err, "demo data rejected (a bug): %.*s", n, r.messages);
		err->kind = KFQ_EFAULT;
	}
	import_result_release(&r);
	unlink(path);
	return rc;
}
