/* fuzz_period.c: libFuzzer harness for the period parser. Every accepted
 * period must print to a canonical form that parses back to the same
 * period; anything else must be refused with a message, never a crash. */
#include "base/period.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[256], out[64], label[64];
	struct period p, q;
	struct kfq_err err;

	if (size >= sizeof buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if (period_parse(buf, &p, &err) < 0) {
		if (err.msg[0] == '\0')
			abort();
		return 0;
	}
	if (p.first < 1 || p.last > 12 || p.first > p.last)
		abort();
	period_format(&p, out, sizeof out);
	if (period_parse(out, &q, &err) < 0 || !period_equal(&p, &q))
		abort();
	period_label_zh(&p, label, sizeof label);
	if (period_parse(label, &q, &err) < 0 || !period_equal(&p, &q))
		abort();
	return 0;
}
