/* assess_gen.c: the files of the assessment benchmark (bench/assess.sh):
 * N enterprises (default 2000) under one zone, each with land, an industry
 * and 2017 values of the 7 source indicators of an 8-indicator per-mu scheme,
 * deterministic (splitmix64, fixed seed). Usage: assess_gen N DIR.
 * Writes DIR/units.csv, indicators.csv, data.csv and bench.scheme. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = UINT64_C(0x2017BE4C4A55E55);

static uint64_t next(void)
{
	uint64_t z = (state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* A number from lo to hi. */
static long in(long lo, long hi)
{
	return lo + (long)(next() % (uint64_t)(hi - lo + 1));
}

static FILE *open_in(const char *dir, const char *name)
{
	char path[1024];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "w"))) {
		perror(path);
		exit(1);
	}
	return f;
}

int main(int argc, char **argv)
{
	long n;
	FILE *u, *i, *d, *s;
	if (argc != 3 || (n = strtol(argv[1], NULL, 10)) < 10) {
		fprintf(stderr, "usage: assess_gen N DIR (N >= 10)\n");
		return 2;
	}
	u = open_in(argv[2], "units.csv");
	i = open_in(argv[2], "indicators.csv");
	d = open_in(argv[2], "data.csv");
	s = open_in(argv[2], "bench.scheme");
	fprintf(i, "code,name_zh,measure,kind,agg,decimals\n"
	        "sales,应税销售,万元,flow,sum,1\n"
	        "tax,税收,万元,flow,sum,1\n"
	        "va,工业增加值,万元,flow,sum,1\n"
	        "staff,从业人员,人,stock,sum,0\n"
	        "energy,综合能耗,吨,flow,sum,1\n"
	        "emis,主要污染物排放,吨,flow,sum,2\n"
	        "rd,研发经费,万元,flow,sum,1\n");
	fprintf(u, "code,name,kind,parent,industry,land_mu\nzone,开发区,zone,,,\n");
	fprintf(d, "unit,indicator,period,value\n");
	for (long k = 1; k <= n; k++) {
		long land = in(5, 200), sales = in(200, 200000), va = sales * in(15, 40) / 100;
		fprintf(u, "e%05ld,企业%ld,enterprise,zone,%ld,%ld\n", k, k, in(13, 44) * 100 + in(0, 99),
		        land);
		fprintf(d, "e%05ld,sales,2017,%ld\n", k, sales);
		fprintf(d, "e%05ld,tax,2017,%ld\n", k, sales * in(2, 10) / 100 + 1);
		fprintf(d, "e%05ld,va,2017,%ld\n", k, va + 1);
		fprintf(d, "e%05ld,staff,2017-12,%ld\n", k, sales / in(30, 160) + 3);
		fprintf(d, "e%05ld,energy,2017,%ld\n", k, va * in(10, 110) / 100 + 1);
		fprintf(d, "e%05ld,emis,2017,%ld.%02ld\n", k, va / 500, in(1, 99));
		fprintf(d, "e%05ld,rd,2017,%ld\n", k, sales * in(1, 40) / 1000 + 1);
	}
	fprintf(s, "scheme bench\nversion 1\nentities kind=enterprise under=zone\n"
	        "classes percentile A=20 B=40 C=35 D=5\nexclude industry=44 reason=\"公用事业\"\n"
	        "sensitivity weights=20 norm=minmax,rank agg=arithmetic,geometric\n"
	        "pillar output name=\"产出\" weight=60\n"
	        "indicator tax_mu parent=output weight=40 source=tax per=unit.land_mu dir=higher norm=minmax\n"
	        "indicator sales_mu parent=output weight=20 source=sales per=unit.land_mu dir=higher norm=minmax\n"
	        "indicator va_mu parent=output weight=20 source=va per=unit.land_mu dir=higher norm=minmax\n"
	        "indicator va_staff parent=output weight=20 source=va per=staff dir=higher norm=minmax\n"
	        "pillar quality name=\"质量\" weight=40\n"
	        "indicator va_energy parent=quality weight=30 source=va per=energy dir=higher norm=minmax\n"
	        "indicator emis_va parent=quality weight=30 source=emis per=va dir=lower norm=minmax\n"
	        "indicator rd_sales parent=quality weight=20 source=rd per=sales dir=higher norm=minmax\n"
	        "indicator staff parent=quality weight=20 source=staff dir=higher norm=zscore winsor=5\n");
	fclose(u);
	fclose(i);
	fclose(d);
	fclose(s);
	return 0;
}
