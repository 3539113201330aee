// SPDX-License-Identifier: GPL-2.0-or-later
/* The environment knobs: their table, read once at start. */
#include "config.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "lib/env.h"
#include "lib/escape.h"
#include "lib/util.h"

/* In the order of enum pagemap_mode (read/pagemap.h). */
static const char *const pagemap_words[] = { "auto", "plain", "scan", NULL };
/* In the order of enum cache_method (walk/cache.h). */
static const char *const cache_words[] = {
	"auto", "cachestat", "mincore", NULL
};

/* How tables are printed (show/output-table.c): 0 auto. */
static const char *const output_words[] = { "auto", "libsmartcols", NULL };

const struct vms_env vms_env_table[ENV_COUNT] = {
	[ENV_PAGEMAP] = {
		"VMASCOPE_PAGEMAP", ENV_CHOICE, pagemap_words, 0, 0, 0, true,
		"auto, plain or scan",
		"how pagemap is read: PAGEMAP_SCAN where sparse, never, always" },
	[ENV_CACHE] = {
		"VMASCOPE_CACHE", ENV_CHOICE, cache_words, 0, 0, 0, true,
		"auto, cachestat or mincore",
		"how cache counts a file's pages" },
	[ENV_FOLIO] = {
		"VMASCOPE_FOLIO", ENV_NUMBER, NULL, 0, 1, 1, true, "1 or 0",
		"0: read every page's flags, not once per large folio" },
	[ENV_THREADS] = {
		"VMASCOPE_THREADS", ENV_NUMBER, NULL, 1, UINT32_MAX, 0, true,
		"a number of threads, 1 or more",
		"threads of a scan of every process or frame (16 at most)" },
	[ENV_OUTPUT] = {
		"VMASCOPE_OUTPUT", ENV_CHOICE, output_words, 0, 0, 0, true,
		"auto or libsmartcols",
		"libsmartcols: every table by libsmartcols, none by the program" },
	[ENV_PICTURE_TIME] = {
		"VMASCOPE_PICTURE_TIME", ENV_TEXT, NULL, 0, 0, 0, true, "text",
		"a fixed text for a picture's machine and time" },
	[ENV_FONT_DIR] = {
		"VMASCOPE_FONT_DIR", ENV_TEXT, NULL, 0, 0, 0, false, "a directory",
		"the directory of a picture's DejaVu fonts, in place of the usual ones" },
	[ENV_COLUMNS] = {
		"COLUMNS", ENV_NUMBER, NULL, 20, 1000, 80, false,
		"a width from 20 to 1000",
		"a picture's width when the output is not a terminal" },
	[ENV_NO_COLOR] = {
		"NO_COLOR", ENV_FLAG, NULL, 0, 0, 0, false, "any text",
		"set: pictures in plain characters, no colour" },
	[ENV_TMPDIR] = {
		"TMPDIR", ENV_TEXT, NULL, 0, 0, 0, false, "a directory",
		"where a compressed snapshot is unpacked (default /tmp)" },
	[ENV_TERM] = {
		"TERM", ENV_LIBRARY, NULL, 0, 0, 0, false, NULL,
		"the terminal whose terminfo entry gives a picture's colours" },
	[ENV_ARGP_HELP_FMT] = {
		"ARGP_HELP_FMT", ENV_LIBRARY, NULL, 0, 0, 0, false, NULL,
		"argp: the layout of --help" },
	[ENV_SCOLS_DEBUG] = {
		"LIBSMARTCOLS_DEBUG", ENV_LIBRARY, NULL, 0, 0, 0, false, NULL,
		"libsmartcols: its debug messages" },
	[ENV_SCOLS_DEBUG_PADDING] = {
		"LIBSMARTCOLS_DEBUG_PADDING", ENV_LIBRARY, NULL, 0, 0, 0, false,
		NULL, "libsmartcols: its padding made visible" },
};

static struct {
	bool set;
	uint64_t num;		/* a choice's index, a number */
	const char *text;
} vals[ENV_COUNT];

int env_word(enum vms_env_id id, const char *s)
{
	const char *const *words = vms_env_table[id].choices;
	int i;

	for (i = 0; words && words[i]; i++)
		if (!strcmp(words[i], s))
			return i;
	return -1;
}

int env_parse(enum vms_env_id id, const char *s)
{
	const struct vms_env *e = &vms_env_table[id];
	uint64_t n = 0;
	int i;

	switch (e->kind) {
	case ENV_CHOICE:
		i = env_word(id, s);
		if (i < 0)
			return -1;
		n = (uint64_t)i;
		break;
	case ENV_NUMBER:
		if (parse_user_u64(s, &n) || n < e->min || n > e->max)
			return -1;
		break;
	case ENV_TEXT:
	case ENV_FLAG:
		break;
	case ENV_LIBRARY:
		return 0;
	}
	vals[id].set = true;
	vals[id].num = n;
	vals[id].text = s;
	return 0;
}

int env_read(void)
{
	const struct vms_env *e;
	const char *s;
	char *shown;
	int rc = 0;

	for (e = vms_env_table; e < vms_env_table + ENV_COUNT; e++) {
		s = getenv(e->name);
		if (e->kind == ENV_LIBRARY || !s || !*s ||
		    !env_parse((enum vms_env_id)(e - vms_env_table), s))
			continue;
		shown = esc_dup(ESC_TEXT, s, strlen(s));
		warnx("%s: unknown value: '%s' (%s)%s", e->name, shown,
		      e->expect, e->strict ? "" : "; not used");
		free(shown);
		if (e->strict)
			rc = -1;
	}
	return rc;
}

void env_unset(enum vms_env_id id)
{
	vals[id].set = false;
}

bool env_is_set(enum vms_env_id id)
{
	return vals[id].set;
}

unsigned int env_choice(enum vms_env_id id)
{
	return vals[id].set ? (unsigned int)vals[id].num : 0;
}

uint64_t env_number(enum vms_env_id id)
{
	return vals[id].set ? vals[id].num : vms_env_table[id].def;
}

const char *env_text(enum vms_env_id id)
{
	return vals[id].set ? vals[id].text : NULL;
}
