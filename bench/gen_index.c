/* gen_index.c: the eyewear index benchmark's data generator (see
 * docs/benchmarks.md, bench/index.sh).
 *
 *   gen_index DIR
 *
 * writes into DIR tab-separated files for the sqlite3 tool to load into a
 * kfq database (the schema's own tables; bench/index.sh loads them):
 *   units.tsv       id, code, name, kind, parent: the zone "dy" and 400
 *                   reporting enterprises / merchants
 *   categories.tsv  id, code, name, parent, seq: 4 top-level categories with
 *                   12 leaves under them
 *   weights.tsv     year, category, channel, weight: 2017 weights of each leaf
 *                   × channel (dec, 1/10 000)
 *   items.tsv       id, code, category, channel, unit, replaces, overlap
 *                   year, overlap month: 32 000 items (a leaf × channel
 *                   each); 200 of them replace another from mid-year
 *   quotes.tsv      item, year, month, day, price (dec), sales (dec or empty):
 *                   December 2016 and every month of 2017; half the items
 *                   quoted weekly (days 7, 14, 21, 28), half monthly (day 0):
 *                   about 1.04 million quotes. About 1 % of the monthly
 *                   prices are missing (imputed), a few are 4 × the usual
 *                   (outliers).
 * Deterministic: the same files on any machine. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { UNITS = 400, TOPS = 4, LEAVES = 12, CHANNELS = 3, ITEMS = 32000, REPL = 200 };

static const char *const CH[CHANNELS] = { "factory", "wholesale", "online" };

static uint64_t splitmix(uint64_t x)
{
	x += UINT64_C(0x9E3779B97F4A7C15);
	x = (x ^ (x >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94D049BB133111EB);
	return x ^ (x >> 31);
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "w"))) {
		perror(path);
		exit(1);
	}
	return f;
}

/* An item's price in month t (0 = December 2016) in 1/10 000 元: a level of
 * 20 … 2 000 元, a trend per leaf × channel, noise of ±3 %. */
static int64_t price(unsigned item, unsigned ea, int t, int week)
{
	uint64_t h = splitmix(item);
	double level = 20 + (double)(h % 198000) / 100;
	double trend = ((double)(splitmix(ea * 7919u) % 21) - 10) / 1000;   /* −1 … +1 % a month */
	uint64_t r = splitmix(((uint64_t)item << 20) ^ ((uint64_t)t << 8) ^ (uint64_t)week);
	double noise = 1 + ((double)(r % 601) - 300) / 10000;
	double p = level * (1 + trend * t) * noise;
	if (r % 5000 == 7)
		p *= 4;   /* an outlier */
	return (int64_t)(p * 100) * 100;
}

int main(int argc, char **argv)
{
	FILE *f;
	if (argc != 2) {
		fprintf(stderr, "usage: gen_index DIR\n");
		return 2;
	}
	f = open_out(argv[1], "units.tsv");
	fprintf(f, "1\tdy\t丹阳眼镜城\tzone\t\n");
	for (unsigned u = 0; u < UNITS; u++)
		fprintf(f, "%u\tm%03u\t商户%03u\tenterprise\t1\n", u + 2, u + 1, u + 1);
	fclose(f);

	f = open_out(argv[1], "categories.tsv");
	for (unsigned c = 0; c < TOPS; c++)
		fprintf(f, "%u\tt%u\t大类%u\t\t%u\n", c + 1, c + 1, c + 1, c + 1);
	for (unsigned c = 0; c < LEAVES; c++)
		fprintf(f, "%u\tt%u_l%u\t小类%u\t%u\t%u\n", TOPS + c + 1, c % TOPS + 1, c + 1, c + 1,
		        c % TOPS + 1, TOPS + c + 1);
	fclose(f);

	f = open_out(argv[1], "weights.tsv");
	for (unsigned c = 0; c < LEAVES; c++)
		for (unsigned k = 0; k < CHANNELS; k++)
			fprintf(f, "2017\t%u\t%s\t%llu\n", TOPS + c + 1, CH[k],
			        (unsigned long long)(100 + splitmix(c * 3 + k) % 900) * 10000);
	fclose(f);

	f = open_out(argv[1], "items.tsv");
	for (unsigned i = 0; i < ITEMS; i++) {
		unsigned ea = i % (LEAVES * CHANNELS);
		unsigned unit = 2 + (unsigned)(splitmix(i ^ 0xabcdu) % UNITS);
		if (i >= ITEMS - REPL) {
			/* replaces item i - 36 × k of the same leaf × channel in July */
			unsigned old = i - (LEAVES * CHANNELS) * 40;
			fprintf(f, "%u\tx%05u\t%u\t%s\t%u\t%u\t2017\t7\n", i + 1, i + 1,
			        TOPS + ea / CHANNELS + 1, CH[ea % CHANNELS], unit, old + 1);
		} else {
			fprintf(f, "%u\tx%05u\t%u\t%s\t%u\t\t\t\n", i + 1, i + 1, TOPS + ea / CHANNELS + 1,
			        CH[ea % CHANNELS], unit);
		}
	}
	fclose(f);

	f = open_out(argv[1], "quotes.tsv");
	size_t n = 0;
	for (unsigned i = 0; i < ITEMS; i++) {
		unsigned ea = i % (LEAVES * CHANNELS);
		int weekly = i % 2 == 0;
		int repl = i >= ITEMS - REPL, replaced = 0;
		for (unsigned k = ITEMS - REPL; k < ITEMS; k++)
			if (k - (LEAVES * CHANNELS) * 40 == i)
				replaced = 1;
		for (int t = 0; t <= 12; t++) {
			int y = t == 0 ? 2016 : 2017, m = t == 0 ? 12 : t;
			if ((repl && t < 7) || (replaced && t > 7))
				continue;   /* a replacement from July; the old item until July */
			if (!weekly && !repl && !replaced && t > 0 && splitmix(i * 31u + (unsigned)t) % 100 == 0)
				continue;   /* a missing price */
			if (weekly) {
				for (int w = 1; w <= 4; w++) {
					fprintf(f, "%u\t%d\t%d\t%d\t%lld\t\n", i + 1, y, m, w * 7,
					        (long long)price(i, ea, t, w));
					n++;
				}
			} else {
				int64_t p = price(i, ea, t, 0);
				fprintf(f, "%u\t%d\t%d\t0\t%lld\t%lld\n", i + 1, y, m, (long long)p,
				        (long long)(p * (int64_t)(10 + splitmix(i) % 90)));
				n++;
			}
		}
	}
	fclose(f);
	printf("%zu\n", n);
	return 0;
}
