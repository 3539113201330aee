// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Replays inputs through the harnesses without libFuzzer, for make check:
 * with no arguments every file of fuzz/seeds/NAME and fuzz/regressions/NAME
 * through harness NAME (and the maps corpus through "maps"); otherwise
 * "replay NAME FILE..." for one harness. A broken check aborts.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>

#include "fuzz.h"
#include "lib/util.h"

static struct fuzz_target *targets;

void fuzz_register(struct fuzz_target *t)
{
	t->next = targets;
	targets = t;
}

static struct fuzz_target *find(const char *name)
{
	struct fuzz_target *t;

	for (t = targets; t; t = t->next)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/* Returns the number of inputs run, or -1 when path cannot be read. */
static int replay_file(const struct fuzz_target *t, const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL, *copy;
	size_t cap = 0, len = 0, n;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	fclose(f);
	/* An exact-size copy, so that overreads are caught by ASan. */
	copy = xmalloc(len);
	memcpy(copy, buf, len);
	free(buf);
	t->one((const uint8_t *)copy, len);
	free(copy);
	return 1;
}

/* Every regular file of dir; a missing dir is none. */
static int replay_dir(const struct fuzz_target *t, const char *dir)
{
	struct dirent **ents;
	int n, i, done = 0;

	n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0)
		return errno == ENOENT ? 0 : -1;
	for (i = 0; i < n; i++) {
		char *path;

		if (ents[i]->d_name[0] != '.' && done >= 0) {
			xasprintf(&path, "%s/%s", dir, ents[i]->d_name);
			if (replay_file(t, path) < 0)
				done = -1;
			else
				done++;
			free(path);
		}
		free(ents[i]);
	}
	free(ents);
	return done;
}

static int replay_all(void)
{
	static const char *const kinds[] = { "seeds", "regressions" };
	struct fuzz_target *t;
	size_t k;
	int n, total;

	for (t = targets; t; t = t->next) {
		total = 0;
		for (k = 0; k < ARRAY_SIZE(kinds); k++) {
			char *dir;

			xasprintf(&dir, "%s/%s/%s", FUZZ_SRCDIR, kinds[k],
				  t->name);
			n = replay_dir(t, dir);
			free(dir);
			if (n < 0)
				return 1;
			total += n;
		}
		if (!strcmp(t->name, "maps")) {
			n = replay_dir(t, CORPUS_DIR);
			if (n < 0)
				return 1;
			total += n;
		}
		fprintf(stderr, "%s: %d inputs replayed\n", t->name, total);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct fuzz_target *t;
	int i;

	/* What the harnesses print (tables) is not the test's output. */
	if (!freopen("/dev/null", "w", stdout))
		return 1;
	if (argc < 2)
		return replay_all();
	t = find(argv[1]);
	if (!t) {
		fprintf(stderr, "replay: no harness '%s'\n", argv[1]);
		return 64;
	}
	for (i = 2; i < argc; i++)
		if (replay_file(t, argv[i]) < 0)
			return 1;
	return 0;
}
