/* gen.c: the benchmark's data generator (see docs/benchmarks.md).
 *
 *   gen ZONES DIR [ORDER]
 *
 * writes into DIR, for ZONES zones of 400 enterprises each (5 parks of 80):
 *   units.csv       code,name,kind,parent: the root "province", zones
 *                   z001.., parks z001p1..z001p5, enterprises z001e0001..
 *                   (each under its park)
 *   indicators.csv  30 flow indicators i01..i30 in 万元, 2 decimals,
 *                   headline 1..30 (the bulletin shows all of them)
 *   data.csv        unit,indicator,period,value: every enterprise ×
 *                   indicator × month of 2016-01..2017-12, values such as
 *                   1234.56, deterministic pseudo-random (the same for the
 *                   same arguments on any machine)
 *   targets.csv     unit,indicator,year,value: 2017 targets of the province
 *                   and of every zone (last year's total + 10 %, whole 万元)
 *
 * ORDER is the row order of data.csv: "period" (default: month by month,
 * then enterprise, then indicator, as monthly reports arrive) or
 * "indicator" (indicator, then year, then enterprise, then month).
 *
 * The sqlite3 baseline reads the same files: units.csv gives the
 * enterprise → park → zone mapping through the parent column. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PARKS = 5, PER_PARK = 80, PER_ZONE = PARKS * PER_PARK, NIND = 30, YEAR0 = 2016,
       NYEARS = 2 };

static uint64_t splitmix(uint64_t x)
{
	x += UINT64_C(0x9E3779B97F4A7C15);
	x = (x ^ (x >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94D049BB133111EB);
	return x ^ (x >> 31);
}

/* The month's value in hundredths of 万元: a level per enterprise and
 * indicator (10.00 .. 5 009.99), ±20 % from month to month, +8 % in 2017. */
static int64_t value_cents(unsigned zone, unsigned ent, unsigned ind, int year, int month)
{
	uint64_t key = ((uint64_t)zone << 40) | ((uint64_t)ent << 20) | ((uint64_t)ind << 8);
	int64_t base = 1000 + (int64_t)(splitmix(key) % 500000);
	uint64_t r = splitmix(key ^ ((uint64_t)year << 4) ^ (uint64_t)month ^ UINT64_C(0x5bd1e995));
	int64_t pct = 80 + (int64_t)(r % 41);          /* 80 .. 120 % */
	if (year == YEAR0 + 1)
		pct += 8;
	return base * pct / 100;
}

/* A small fast line writer: data.csv has up to 33 million lines. */
static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

static char *put_uint(char *p, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_cents(char *p, int64_t c)
{
	p = put_uint(p, (uint64_t)(c / 100), 1);
	*p++ = '.';
	return put_uint(p, (uint64_t)(c % 100), 2);
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
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

static void close_out(FILE *f, const char *name)
{
	if (ferror(f) || fclose(f) != 0) {
		fprintf(stderr, "gen: writing %s failed\n", name);
		exit(1);
	}
}

static void data_row(FILE *f, unsigned z, unsigned e, unsigned i, int y, int m, int64_t *sum)
{
	char line[96], *p = line;
	int64_t v = value_cents(z, e, i, y, m);
	p = put_str(p, "z");
	p = put_uint(p, z, 3);
	p = put_str(p, "e");
	p = put_uint(p, e, 4);
	p = put_str(p, ",i");
	p = put_uint(p, i, 2);
	*p++ = ',';
	p = put_uint(p, (uint64_t)y, 4);
	*p++ = '-';
	p = put_uint(p, (uint64_t)m, 2);
	*p++ = ',';
	p = put_cents(p, v);
	*p++ = '\n';
	fwrite(line, 1, (size_t)(p - line), f);
	if (y == YEAR0)
		sum[(z - 1) * NIND + (i - 1)] += v;
}

int main(int argc, char **argv)
{
	unsigned zones;
	const char *dir, *order = argc > 3 ? argv[3] : "period";
	int64_t *sum2016, *prov;
	FILE *f;

	if (argc < 3 || (zones = (unsigned)strtoul(argv[1], NULL, 10)) < 1 || zones > 999 ||
	    (strcmp(order, "period") != 0 && strcmp(order, "indicator") != 0)) {
		fprintf(stderr, "usage: gen ZONES(1..999) DIR [period|indicator]\n");
		return 1;
	}
	dir = argv[2];

	f = open_out(dir, "units.csv");
	fputs("code,name,kind,parent\nprovince,全省,province,\n", f);
	for (unsigned z = 1; z <= zones; z++) {
		fprintf(f, "z%03u,开发区%03u,zone,province\n", z, z);
		for (unsigned p = 1; p <= PARKS; p++)
			fprintf(f, "z%03up%u,开发区%03u园区%u,park,z%03u\n", z, p, z, p, z);
		for (unsigned e = 1; e <= PER_ZONE; e++)
			fprintf(f, "z%03ue%04u,企业%03u-%04u,enterprise,z%03up%u\n", z, e, z, e, z,
			        (e - 1) / PER_PARK + 1);
	}
	close_out(f, "units.csv");

	f = open_out(dir, "indicators.csv");
	fputs("code,name_zh,measure,kind,agg,decimals,headline\n", f);
	for (unsigned i = 1; i <= NIND; i++)
		fprintf(f, "i%02u,指标%02u,万元,flow,sum,2,%u\n", i, i, i);
	close_out(f, "indicators.csv");

	sum2016 = calloc((size_t)zones * NIND, sizeof *sum2016);
	prov = calloc(NIND, sizeof *prov);
	if (!sum2016 || !prov) {
		fprintf(stderr, "gen: out of memory\n");
		return 1;
	}
	f = open_out(dir, "data.csv");
	fputs("unit,indicator,period,value\n", f);
	if (strcmp(order, "period") == 0) {
		for (int y = YEAR0; y < YEAR0 + NYEARS; y++)
			for (int m = 1; m <= 12; m++)
				for (unsigned z = 1; z <= zones; z++)
					for (unsigned e = 1; e <= PER_ZONE; e++)
						for (unsigned i = 1; i <= NIND; i++)
							data_row(f, z, e, i, y, m, sum2016);
	} else {
		for (unsigned i = 1; i <= NIND; i++)
			for (int y = YEAR0; y < YEAR0 + NYEARS; y++)
				for (unsigned z = 1; z <= zones; z++)
					for (unsigned e = 1; e <= PER_ZONE; e++)
						for (int m = 1; m <= 12; m++)
							data_row(f, z, e, i, y, m, sum2016);
	}
	close_out(f, "data.csv");

	/* Targets in whole 万元: the province's is the sum of its zones'. */
	f = open_out(dir, "targets.csv");
	fputs("unit,indicator,year,value\n", f);
	for (unsigned z = 1; z <= zones; z++)
		for (unsigned i = 1; i <= NIND; i++) {
			int64_t t = (sum2016[(z - 1) * NIND + (i - 1)] * 110 / 100 + 50) / 100;
			prov[i - 1] += t;
			fprintf(f, "z%03u,i%02u,%d,%lld\n", z, i, YEAR0 + 1, (long long)t);
		}
	for (unsigned i = 1; i <= NIND; i++)
		fprintf(f, "province,i%02u,%d,%lld\n", i, YEAR0 + 1, (long long)prov[i - 1]);
	close_out(f, "targets.csv");
	free(sum2016);
	free(prov);
	return 0;
}
