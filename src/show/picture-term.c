// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A picture on the terminal: one line per row, a character per cell.
 * Colour comes from the terminal's own description (terminfo: setab,
 * setaf, sgr0), never from hand-written escapes; without it (NO_COLOR, not
 * a terminal, --picture=ascii, a terminal without colours) every class is
 * its letter, upper case for a cell at least half populated, lower case
 * for one less.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/env.h"
#include "lib/util.h"
#include "show/picture.h"

/* Last: term.h defines macros (columns, lines) that clash with names. */
#include "show/tinfo-dl.h"

/* The terminal's capabilities, once set up. */
struct term_caps {
	const char *setab, *setaf, *sgr0, *bold;
	int colors;
};

static struct term_caps caps;

static bool cap_ok(const char *s)
{
	return s && s != (const char *)-1;
}

static bool term_setup(void)
{
	int errret = 0;
	char *s;

	if (vms_tinfo_open("a picture in colour"))
		return false;
	if (setupterm(NULL, STDOUT_FILENO, &errret) != OK)
		return false;
	caps.colors = tigetnum("colors");
	s = tigetstr("setab");
	caps.setab = cap_ok(s) ? s : NULL;
	s = tigetstr("setaf");
	caps.setaf = cap_ok(s) ? s : NULL;
	s = tigetstr("sgr0");
	caps.sgr0 = cap_ok(s) ? s : NULL;
	s = tigetstr("bold");
	caps.bold = cap_ok(s) ? s : NULL;
	return caps.colors >= 8 && caps.setab && caps.setaf && caps.sgr0;
}

bool pic_term_colour(const struct pic_opts *po)
{
	if (po->term != PIC_TERM_AUTO || env_is_set(ENV_NO_COLOR))
		return false;
	if (!isatty(STDOUT_FILENO))
		return false;
	return term_setup();
}

/* A colour the terminal has: bright ones fold onto the basic eight. */
static int term_colour(int c)
{
	return c < caps.colors ? c : c % 8;
}

static void put_cap(FILE *f, const char *s)
{
	if (s)
		fputs(s, f);
}

/* n cells alike: one colour change for the run, not one per cell. */
static void put_run(FILE *f, const struct picture *p, uint8_t cell,
		    size_t n, bool colour)
{
	const struct pic_class *c = &p->cls[PIC_CLASS(cell)];
	bool sparse = cell & PIC_SPARSE;
	char ch = c->ch;
	size_t i;

	if (sparse)
		ch = (char)tolower((unsigned char)ch);
	colour = colour && c->term >= 0;
	if (colour)
		put_cap(f, tiparm(sparse ? caps.setaf : caps.setab,
				  term_colour(c->term)));
	for (i = 0; i < n; i++)
		fputc(colour && !sparse ? ' ' : ch, f);
	if (colour)
		put_cap(f, caps.sgr0);
}

static void put_cell(FILE *f, const struct picture *p, uint8_t cell,
		     bool colour)
{
	put_run(f, p, cell, 1, colour);
}

/* The lines that mark borders starting in row r. */
static void put_marks(FILE *f, const struct picture *p, size_t r)
{
	size_t i;

	for (i = 0; i < p->nmarks; i++) {
		if (p->marks[i].row != r)
			continue;
		fprintf(f, "%*s v %s\n",
			(int)(p->addr_digits + p->marks[i].at), "",
			p->marks[i].label);
	}
}

static void put_rows(FILE *f, const struct picture *p, bool colour)
{
	size_t r, i, j;

	for (r = 0; r < p->nrows; r++) {
		const struct pic_row *row = &p->rows[r];

		put_marks(f, p, r);
		fprintf(f, "%*llx ", (int)p->addr_digits,
			(unsigned long long)row->addr);
		for (i = 0; i < row->n; i = j) {
			for (j = i + 1; j < row->n &&
			     row->cell[j] == row->cell[i]; j++)
				;
			put_run(f, p, row->cell[i], j - i, colour);
		}
		if (row->note)
			fprintf(f, " %s", row->note);
		fputc('\n', f);
	}
}

static void put_legend(FILE *f, const struct picture *p, bool colour)
{
	char size[16];
	int w = 0;
	size_t i;

	for (i = 0; i < p->ncls; i++)
		if ((int)strlen(p->cls[i].name) > w)
			w = (int)strlen(p->cls[i].name);
	fputs("\nlegend:\n", f);
	for (i = 0; i < p->ncls; i++) {
		fputs("  ", f);
		if (colour) {
			put_cell(f, p, (uint8_t)i, colour);
			fputc(' ', f);
		}
		fprintf(f, "%c  %-*s %12llu %s  %s\n", p->cls[i].ch, w,
			p->cls[i].name, (unsigned long long)p->count[i],
			p->unit, size_to_human(p->count[i] * p->unit_bytes,
					       size, sizeof(size)));
	}
	for (i = 0; i < p->nnotes; i++)
		fprintf(f, "%s\n", p->notes[i]);
}

int pic_term_print(const struct picture *p, FILE *f, bool colour)
{
	if (colour)
		put_cap(f, caps.bold);
	fprintf(f, "%s", p->title);
	if (colour)
		put_cap(f, caps.sgr0);
	fprintf(f, "\n%s\n\n", p->subtitle);
	put_rows(f, p, colour);
	put_legend(f, p, colour);
	return ferror(f) ? -1 : 0;
}
