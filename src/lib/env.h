/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_ENV_H
#define VMS_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The environment variables the program heeds: one table (env.c) with
 * each name, what it does and the values it takes, read once at start by
 * env_read(); every module asks here, none calls getenv. The man page's
 * ENVIRONMENT section names the same rows (tests/shipped/docs-drift.sh).
 */
enum vms_env_id {
	ENV_PAGEMAP,
	ENV_CACHE,
	ENV_FOLIO,
	ENV_THREADS,
	ENV_OUTPUT,
	ENV_PICTURE_TIME,
	ENV_FONT_DIR,
	ENV_COLUMNS,
	ENV_NO_COLOR,
	ENV_TMPDIR,
	ENV_TERM,
	ENV_ARGP_HELP_FMT,
	ENV_SCOLS_DEBUG,
	ENV_SCOLS_DEBUG_PADDING,
	ENV_COUNT
};

enum env_kind {
	ENV_CHOICE,	/* one word of choices[], its index; 0 unset */
	ENV_NUMBER,	/* a whole number from min to max; def unset */
	ENV_TEXT,	/* any text */
	ENV_FLAG,	/* set (to anything) */
	ENV_LIBRARY,	/* read by a library the program uses, not by it */
};

struct vms_env {
	const char *name;
	enum env_kind kind;
	const char *const *choices;	/* ENV_CHOICE: NULL-ended */
	uint64_t min, max, def;		/* ENV_NUMBER */
	/* a bad value is a usage error (the program's own knobs), or a
	 * warning and the default (the ones other programs share) */
	bool strict;
	const char *expect;		/* what a good value is, for the warning */
	const char *what;		/* what it does, in a line */
};

extern const struct vms_env vms_env_table[ENV_COUNT];

/*
 * Read every knob of the table, warn about each bad value on stderr
 * ("NAME: unknown value: 'X' (EXPECT)"); -1 when a strict one was bad.
 * An empty value counts as unset.
 */
int env_read(void);
/* ENV_CHOICE: the index of s in id's choices[], or -1; nothing is kept. */
int env_word(enum vms_env_id id, const char *s);
/* Take s as the value of id: 0, or -1 (nothing changed) when s is bad. */
int env_parse(enum vms_env_id id, const char *s);
/* Forget id's value (tests). */
void env_unset(enum vms_env_id id);

bool env_is_set(enum vms_env_id id);
/* ENV_CHOICE: the index of the word in choices[]; 0 when unset. */
unsigned int env_choice(enum vms_env_id id);
/* ENV_NUMBER: the value, or the row's def when unset. */
uint64_t env_number(enum vms_env_id id);
/* ENV_TEXT: the value, or NULL when unset. */
const char *env_text(enum vms_env_id id);

#endif
