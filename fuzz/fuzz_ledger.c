/* fuzz_ledger.c: libFuzzer harness for ledger definitions
 * (ledger/ledger_def.c) and the canonical values of their fields.
 *
 * Checked: a refusal always says something and names the file; what parses
 * has a name, fields, a key of required fields, and figures whose fields
 * are in range and of the right types (a count or sum has its date field,
 * a sum a number field, a ratio two figures of the ledger); each field's
 * canonical value of a few texts (the input's first line among them), when
 * taken, is taken again unchanged. Depends on base and ledger_def.c only. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ledger_def d;
	struct kfq_err err = { 0 };
	char first[128];
	size_t n = 0;

	if (size > 1 << 16)
		return 0;
	if (ledger_def_parse("f.ledger", (const char *)data, size, &d, &err) < 0) {
		if (!err.msg[0] || strncmp(err.msg, "f.ledger", 8) != 0)
			abort();
		ledger_def_release(&d);
		return 0;
	}
	if (!d.name || !d.nf || !d.nkey)
		abort();
	for (size_t k = 0; k < d.nkey; k++)
		if (d.key[k] >= d.nf || !d.f[d.key[k]].required)
			abort();
	for (size_t i = 0; i < d.nfig; i++) {
		const struct ledger_figure *g = &d.fig[i];
		if (!g->measure || !g->code)
			abort();
		if (g->kind == LFIG_RATIO) {
			int num = 0, den = 0;
			for (size_t j = 0; j < d.nfig; j++) {
				num |= d.fig[j].kind != LFIG_RATIO && strcmp(d.fig[j].code, g->num) == 0;
				den |= d.fig[j].kind != LFIG_RATIO && strcmp(d.fig[j].code, g->den) == 0;
			}
			if (!num || !den)
				abort();
			continue;
		}
		if (g->date_field < 0 || (size_t)g->date_field >= d.nf ||
		    d.f[g->date_field].type != LF_DATE)
			abort();
		if (g->kind == LFIG_SUM && (g->sum_field < 0 || d.f[g->sum_field].type != LF_NUMBER))
			abort();
		if (g->unit_field >= 0 && d.f[g->unit_field].type != LF_UNIT)
			abort();
	}
	while (n < size && n + 1 < sizeof first && data[n] != '\n')
		n++;
	memcpy(first, data, n);
	first[n] = 0;
	for (size_t i = 0; i < d.nf; i++) {
		const char *texts[] = { first, "2017-03-05", "12.5", "是", "", NULL };
		for (size_t t = 0; texts[t]; t++) {
			char a[4096], b[4096];
			if (ledger_value(&d.f[i], texts[t], NULL, a, sizeof a, &err) < 0) {
				if (!err.msg[0])
					abort();
				continue;
			}
			if (ledger_value(&d.f[i], a, NULL, b, sizeof b, &err) < 0 || strcmp(a, b) != 0)
				abort();
		}
	}
	ledger_def_release(&d);
	return 0;
}
