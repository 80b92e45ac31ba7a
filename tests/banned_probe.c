/* banned_probe.c: must NOT compile. make check compiles it with kfq's flags
 * and fails when it does: base/banned.h must stop strcpy, strcat, sprintf,
 * vsprintf, gets and strtok (one of each, so that each is seen). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#ifndef PROBE
#define PROBE 1
#endif

void probe(char *a, const char *b, va_list ap);
void probe(char *a, const char *b, va_list ap)
{
#if PROBE == 1
	strcpy(a, b);
#elif PROBE == 2
	strcat(a, b);
#elif PROBE == 3
	sprintf(a, "%s", b);
#elif PROBE == 4
	vsprintf(a, b, ap);
#elif PROBE == 5
	(void)strtok(a, b);
#endif
	(void)a; (void)b; (void)ap;
}
