// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The picture model shared by maps --picture and flags --picture: rows of
 * classed cells, a legend with counts, notes; the picture options; and
 * where a picture goes (terminal, PNG, SVG).
 */
#include "config.h"

#include <err.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "lib/util.h"
#include "show/picture.h"

void pic_init(struct picture *p, const struct pic_class *cls, size_t ncls)
{
	memset(p, 0, sizeof(*p));
	p->cls = cls;
	p->ncls = ncls;
	p->count = xcalloc(ncls, sizeof(*p->count));
}

void pic_free(struct picture *p)
{
	size_t i;

	for (i = 0; i < p->nrows; i++) {
		free(p->rows[i].cell);
		free(p->rows[i].note);
	}
	for (i = 0; i < p->nmarks; i++)
		free(p->marks[i].label);
	for (i = 0; i < p->nnotes; i++)
		free(p->notes[i]);
	free(p->rows);
	free(p->marks);
	free(p->notes);
	free(p->count);
	free(p->title);
	free(p->subtitle);
	memset(p, 0, sizeof(*p));
}

struct pic_row *pic_add_row(struct picture *p, uint64_t addr, size_t n)
{
	struct pic_row *r;

	if (p->nrows == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->rows = xreallocarray(p->rows, p->cap, sizeof(*p->rows));
	}
	r = &p->rows[p->nrows++];
	r->addr = addr;
	r->n = n;
	r->cell = xcalloc(n ? n : 1, 1);
	r->note = NULL;
	return r;
}

void pic_add_mark(struct picture *p, size_t row, size_t at,
		  const char *label)
{
	p->marks = xreallocarray(p->marks, p->nmarks + 1, sizeof(*p->marks));
	p->marks[p->nmarks++] = (struct pic_mark){ row, at, xstrdup(label) };
}

void pic_add_note(struct picture *p, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		err(VMS_EXIT_FAILURE, "vasprintf");
	va_end(ap);
	p->notes = xreallocarray(p->notes, p->nnotes + 1, sizeof(*p->notes));
	p->notes[p->nnotes++] = s;
}

/*
 * The subtitle says where and when: a picture attached to a bug report
 * outlives the shell it was made in. VMASCOPE_PICTURE_TIME (a fixed
 * string) replaces the time in golden tests.
 */
void pic_set_title(struct picture *p, const char *fmt, ...)
{
	const char *fixed = getenv("VMASCOPE_PICTURE_TIME");
	struct utsname u;
	char when[64];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&p->title, fmt, ap) < 0)
		err(VMS_EXIT_FAILURE, "vasprintf");
	va_end(ap);
	if (uname(&u))
		memset(&u, 0, sizeof(u));
	if (fixed)
		snprintf(when, sizeof(when), "%s", fixed);
	else if (!gmtime_r(&now, &tm) ||
		 !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm))
		snprintf(when, sizeof(when), "?");
	xasprintf(&p->subtitle, "%s, Linux %s %s, %s",
		  fixed ? "host" : u.nodename, fixed ? "-" : u.release,
		  fixed ? "-" : u.machine, when);
}

uint8_t pic_majority(const uint64_t *c, size_t ncls, size_t first,
		     uint64_t cell_units)
{
	uint64_t best = 0, pop = 0;
	size_t i, at = 0;

	for (i = first; i < ncls; i++) {
		pop += c[i];
		if (c[i] > best) {
			best = c[i];
			at = i;
		}
	}
	if (!pop)
		return 0;
	return (uint8_t)(at | (pop * 2 < cell_units ? PIC_SPARSE : 0));
}

char *pic_escape(const char *s, size_t len)
{
	char *u = utf8_escape(s, len), *out, *o;
	const unsigned char *q;

	out = xmalloc(strlen(u) * 4 + 1);
	for (o = out, q = (const unsigned char *)u; *q; q++) {
		if (*q < 0x20 || *q == 0x7f)
			o += sprintf(o, "\\x%02x", *q);
		else
			*o++ = (char)*q;
	}
	*o = '\0';
	free(u);
	return out;
}

unsigned int pic_term_columns(void)
{
	struct winsize ws;
	const char *s = getenv("COLUMNS");
	uint64_t v;

	if (isatty(STDOUT_FILENO) && !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) &&
	    ws.ws_col)
		return ws.ws_col;
	if (s && !parse_user_u64(s, &v) && v >= 20 && v <= 1000)
		return (unsigned int)v;
	return 80;
}

int pic_emit(const struct picture *p, const struct pic_opts *po)
{
	int rc = 0;

	if (po->png && pic_cairo_write(p, po->png, false))
		rc = -1;
	if (po->svg && pic_cairo_write(p, po->svg, true))
		rc = -1;
	if (po->term != PIC_TERM_NONE &&
	    pic_term_print(p, stdout, pic_term_colour(po)))
		rc = -1;
	return rc;
}
