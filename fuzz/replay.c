/* replay.c: a fuzz harness as a plain program, without libFuzzer: each file
 * named, and each file in each folder named, is read and handed to the
 * harness's LLVMFuzzerTestOneInput once, as libFuzzer hands a corpus
 * entry. make check builds every fuzz/fuzz_NAME.c with it (gcc, the
 * sanitizers) as build/san/fuzz/replay_NAME and replays fuzz/corpus/NAME,
 * so that the corpus stays a test: a crash, a leak or an abort() of the
 * harness's checks fails it. Without arguments it replays
 * fuzz/corpus/NAME (NAME from its own name, replay_NAME). Prints "replay
 * NAME: N inputs, B bytes" and a cmocka-like "[  PASSED  ] N test(s)."
 * (each input one test, as tests/unit/run.sh counts); a file that cannot
 * be read is exit 2. Depends on nothing of kfq's. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t inputs, bytes;

static int one_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;
	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "replay: %s: cannot read it\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	/* a copy of exactly the file's size, as libFuzzer's: a read past the
	   end is caught by AddressSanitizer */
	buf = malloc(n ? (size_t)n : 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "replay: %s: cannot read it\n", path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	inputs++;
	bytes += (size_t)n;
	return 0;
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder's files in name order (a run is the same on every machine). */
static int one_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	if (!d) {
		fprintf(stderr, "replay: %s: cannot read the folder\n", path);
		return -1;
	}
	while ((e = readdir(d))) {
		size_t len;
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = realloc(names, cap * sizeof *names);
			if (!names)
				abort();
		}
		len = strlen(path) + strlen(e->d_name) + 2;
		names[n] = malloc(len);
		if (!names[n])
			abort();
		snprintf(names[n++], len, "%s/%s", path, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, compare);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode) && one_file(names[i]) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

static int one_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: no such file or folder\n", path);
		return -1;
	}
	return S_ISDIR(st.st_mode) ? one_dir(path) : one_file(path);
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');
	char corpus[256];
	int rc = 0;
	name = name ? name + 1 : argv[0];
	if (strncmp(name, "replay_", 7) == 0)
		name += 7;
	if (argc < 2) {   /* the harness's corpus, from the top of the tree */
		snprintf(corpus, sizeof corpus, "fuzz/corpus/%s", name);
		rc = one_path(corpus) < 0 ? 2 : 0;
	}
	for (int i = 1; i < argc; i++)
		if (one_path(argv[i]) < 0)
			rc = 2;
	printf("replay %s: %zu inputs, %zu bytes\n", name, inputs, bytes);
	if (rc == 0)   /* as the unit suites end (tests/unit/run.sh counts it) */
		printf("[  PASSED  ] %zu test(s).\n", inputs);
	return rc;
}
