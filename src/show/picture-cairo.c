// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A picture as PNG or SVG, drawn with cairo: title and subtitle (what,
 * machine, kernel, time), the address labels of the rows at the left, the
 * grid, an axis along the top, node and zone borders, and the legend with
 * its counts and notes below.
 */
#include "config.h"

#include <err.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "show/cairo-dl.h"
#include "lib/util.h"
#include "show/picture-file.h"
#include "show/picture-font.h"
#include "show/picture-png.h"
#include "show/picture.h"

#define MARGIN		16.0
#define TITLE_H		48.0
#define AXIS_H		18.0
#define LEGEND_ROW	17.0

/* Where things go: computed once from the picture and its texts. */
struct geom {
	double cw, ch, gap;		/* cell, and space between rows */
	double label_w;			/* the address labels */
	double gx, gy;			/* the grid's top left corner */
	double grid_w, grid_h;
	double note_w;			/* notes and border labels, right */
	double legend_y;
	double w, h;
	size_t cols;
};

static void set_rgb(cairo_t *cr, unsigned int rgb, double tint)
{
	double r = ((rgb >> 16) & 0xff) / 255.0, g = ((rgb >> 8) & 0xff) / 255.0;
	double b = (rgb & 0xff) / 255.0;

	/* tint: how much white is mixed in (sparse cells). */
	cairo_set_source_rgb(cr, r + (1 - r) * tint, g + (1 - g) * tint,
			     b + (1 - b) * tint);
}

static double text_w(cairo_t *cr, const char *s)
{
	cairo_text_extents_t e;

	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

/*
 * Text as cairo_show_text draws it, without its blanks: their glyphs
 * draw nothing, yet an SVG had a <use> element for each, a fifth of all
 * (addresses and sizes are padded) and of the time cairo took to write
 * them. The glyphs shown are where cairo_show_text puts them.
 */
static void text_at(cairo_t *cr, double x, double y, const char *s)
{
	cairo_scaled_font_t *sf = cairo_get_scaled_font(cr);
	size_t len = strlen(s);
	cairo_glyph_t *g = NULL;
	int n = 0, i, k;

	/* The current point is kept in 1/256 pixels: x and y as well. */
	cairo_move_to(cr, x, y);
	cairo_get_current_point(cr, &x, &y);
	if (cairo_scaled_font_text_to_glyphs(sf, x, y, s, (int)len, &g, &n,
					     NULL, NULL, NULL) !=
	    CAIRO_STATUS_SUCCESS) {
		cairo_show_text(cr, s);
		return;
	}
	/* One glyph a byte: plain ASCII, whose blanks are known. */
	for (i = k = 0; i < n; i++)
		if ((size_t)n != len || s[i] != ' ')
			g[k++] = g[i];
	cairo_show_glyphs(cr, g, k);
	cairo_glyph_free(g);
}

/* The legend line of class i: "name  count unit  size". */
static void legend_text(const struct picture *p, size_t i, char *buf,
			size_t len)
{
	char size[16];

	snprintf(buf, len, "%c  %s: %" PRIu64 " %s, %s", p->cls[i].ch,
		 p->cls[i].name, p->count[i], p->unit,
		 size_to_human(p->count[i] * p->unit_bytes, size,
			       sizeof(size)));
}

/*
 * A long note (a deep path) keeps its end, where the file's name is, and
 * the size at its start: "1.3M .../libc.so.6". The image stays narrow.
 */
#define NOTE_MAX 48
static const char *note_text(const char *note, char *buf, size_t len)
{
	size_t n = strlen(note), head;
	const char *sp = strchr(note, '/');

	if (n <= NOTE_MAX || !sp)
		return note;
	head = (size_t)(sp - note);
	if (head > NOTE_MAX / 2)
		return note;
	snprintf(buf, len, "%.*s...%s", (int)head, note,
		 note + n - (NOTE_MAX - head - 3));
	return buf;
}

static double widest_note(cairo_t *cr, const struct picture *p)
{
	char buf[NOTE_MAX + 4];
	double w = 0, t;
	size_t i;

	pic_font(cr, PT_MONO);
	for (i = 0; i < p->nrows; i++)
		if (p->rows[i].note &&
		    (t = text_w(cr, note_text(p->rows[i].note, buf,
					      sizeof(buf)))) > w)
			w = t;
	for (i = 0; i < p->nmarks; i++)
		if ((t = text_w(cr, p->marks[i].label) + 8) > w)
			w = t;
	return w;
}

static double legend_w(cairo_t *cr, const struct picture *p)
{
	char buf[160];
	double w = 0, t;
	size_t i;

	pic_font(cr, PT_BODY);
	for (i = 0; i < p->ncls; i++) {
		legend_text(p, i, buf, sizeof(buf));
		if ((t = text_w(cr, buf) + 20) > w)
			w = t;
	}
	for (i = 0; i < p->nnotes; i++)
		if ((t = text_w(cr, p->notes[i])) > w)
			w = t;
	pic_font(cr, PT_TITLE);
	if ((t = text_w(cr, p->title)) > w)
		w = t;
	return w;
}

static void layout(cairo_t *cr, const struct picture *p, struct geom *g)
{
	char buf[32];
	size_t i;
	double lw;

	memset(g, 0, sizeof(*g));
	for (i = 0; i < p->nrows; i++)
		if (p->rows[i].n > g->cols)
			g->cols = p->rows[i].n;
	/* Rows of the physical grid touch (borders run along them). */
	g->cw = p->cell_bytes ? 6 : 5;
	g->ch = p->cell_bytes ? 6 : 12;
	g->gap = p->cell_bytes ? 0 : 3;
	pic_font(cr, PT_MONO);
	snprintf(buf, sizeof(buf), "%0*x", (int)p->addr_digits, 0);
	g->label_w = text_w(cr, buf) + 10;
	g->gx = MARGIN + 14 + g->label_w;
	g->gy = MARGIN + TITLE_H + AXIS_H;
	g->grid_w = (double)g->cols * g->cw;
	g->grid_h = (double)p->nrows * (g->ch + g->gap);
	g->note_w = widest_note(cr, p);
	g->legend_y = g->gy + g->grid_h + 20;
	g->w = g->gx + g->grid_w + 8 + g->note_w + MARGIN;
	lw = MARGIN + legend_w(cr, p) + MARGIN;
	if (lw > g->w)
		g->w = lw;
	g->h = g->legend_y + LEGEND_ROW * (double)(p->ncls + p->nnotes) +
	       MARGIN;
}

static void draw_title(cairo_t *cr, const struct picture *p)
{
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	pic_font(cr, PT_TITLE);
	text_at(cr, MARGIN, MARGIN + 15, p->title);
	pic_font(cr, PT_BODY);
	cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
	text_at(cr, MARGIN, MARGIN + 33, p->subtitle);
}

/* Ticks along the top: offsets in a row, or shares of a VMA. */
static void draw_axis(cairo_t *cr, const struct picture *p,
		      const struct geom *g)
{
	static const char *const share[] = { "0", "1/4", "1/2", "3/4", "1" };
	char buf[32], size[16];
	int k;

	pic_font(cr, PT_TICK);
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	cairo_set_line_width(cr, 1);
	for (k = 0; k <= 4; k++) {
		double x = g->gx + g->grid_w * k / 4;

		if (p->cell_bytes)
			snprintf(buf, sizeof(buf), "+%s", size_to_human(
				 (uint64_t)k * g->cols / 4 * p->cell_bytes,
				 size, sizeof(size)));
		else
			snprintf(buf, sizeof(buf), "%s", share[k]);
		text_at(cr, x - text_w(cr, buf) / 2, g->gy - 7, buf);
		cairo_move_to(cr, x + 0.5, g->gy - 4);
		cairo_line_to(cr, x + 0.5, g->gy);
		cairo_stroke(cr);
	}
	text_at(cr, g->gx + g->grid_w + 30, g->gy - 7, p->cell_bytes ?
		"offset in the row" : "position in the VMA");
}

/* The y axis' name, along the grid. */
static void draw_y_axis(cairo_t *cr, const struct picture *p,
			const struct geom *g)
{
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	pic_font(cr, PT_SMALL);
	cairo_save(cr);
	cairo_move_to(cr, MARGIN + 9, g->gy + g->grid_h / 2 +
		      text_w(cr, p->axis) / 2);
	cairo_rotate(cr, -1.5707963267948966);
	cairo_show_text(cr, p->axis);
	cairo_restore(cr);
}

static void draw_row(cairo_t *cr, const struct picture *p,
		     const struct geom *g, size_t r)
{
	const struct pic_row *row = &p->rows[r];
	double y = g->gy + (double)r * (g->ch + g->gap);
	char label[24], buf[NOTE_MAX + 4];
	size_t i, j;

	/* Runs of equal cells are one rectangle: SVGs stay small. */
	for (i = 0; i < row->n; i = j) {
		uint8_t c = row->cell[i];

		for (j = i + 1; j < row->n && row->cell[j] == c; j++)
			;
		set_rgb(cr, p->cls[PIC_CLASS(c)].rgb,
			c & PIC_SPARSE ? 0.55 : 0);
		cairo_rectangle(cr, g->gx + (double)i * g->cw, y,
				(double)(j - i) * g->cw, g->ch);
		cairo_fill(cr);
	}
	pic_font(cr, PT_MONO);
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	snprintf(label, sizeof(label), "%*" PRIx64, (int)p->addr_digits,
		 row->addr);
	/* Every row of a strip picture; every fourth of a grid. */
	if (!p->cell_bytes || !(r % 4))
		text_at(cr, g->gx - g->label_w + 2, y + g->ch - 1 -
			(p->cell_bytes ? 0 : 2), label);
	if (row->note)
		text_at(cr, g->gx + (double)row->n * g->cw + 6,
			y + g->ch - 2, note_text(row->note, buf, sizeof(buf)));
}

/* A border before cell (row, at): a step along the cell edges. */
static void draw_mark(cairo_t *cr, const struct geom *g,
		      const struct pic_mark *m, unsigned int nth)
{
	double y = g->gy + (double)m->row * g->ch, x = g->gx + (double)m->at *
						     g->cw;

	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1.5);
	cairo_move_to(cr, g->gx, m->at ? y + g->ch : y);
	cairo_line_to(cr, x, m->at ? y + g->ch : y);
	cairo_line_to(cr, x, y);
	cairo_line_to(cr, g->gx + g->grid_w, y);
	cairo_stroke(cr);
	pic_font(cr, PT_SMALL);
	text_at(cr, g->gx + g->grid_w + 6, y + 4 + 11.0 * nth, m->label);
}

static void draw_legend(cairo_t *cr, const struct picture *p,
			const struct geom *g)
{
	double y = g->legend_y;
	char buf[160];
	size_t i;

	pic_font(cr, PT_BODY);
	for (i = 0; i < p->ncls; i++, y += LEGEND_ROW) {
		set_rgb(cr, p->cls[i].rgb, 0);
		cairo_rectangle(cr, MARGIN, y, 12, 12);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
		cairo_set_line_width(cr, 0.5);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		legend_text(p, i, buf, sizeof(buf));
		text_at(cr, MARGIN + 20, y + 10, buf);
	}
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	for (i = 0; i < p->nnotes; i++, y += LEGEND_ROW)
		text_at(cr, MARGIN, y + 10, p->notes[i]);
}

/*
 * Text reaches this far above and below its row (a label of the grid
 * stands above its short row): rows further outside the clip, where a
 * band of a PNG is drawn, are not drawn at all, nor the title and the
 * legend. Cairo clips them anyway, but only after it has looked up, or
 * rasterised, their glyphs: in both bands, one after the other (a font's
 * glyph cache is locked while it is used).
 */
#define ROW_REACH 16.0

static void draw(cairo_t *cr, const struct picture *p, const struct geom *g)
{
	double x0, y0, x1, y1, y;
	unsigned int nth = 0;
	size_t i;

	cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	/* Title and ticks stand above the grid, the legend below. */
	if (y0 <= g->gy + ROW_REACH) {
		draw_title(cr, p);
		draw_axis(cr, p, g);
	}
	draw_y_axis(cr, p, g);
	for (i = 0; i < p->nrows; i++) {
		y = g->gy + (double)i * (g->ch + g->gap);
		if (y + g->ch + g->gap + ROW_REACH >= y0 && y - ROW_REACH <= y1)
			draw_row(cr, p, g, i);
	}
	if (p->cell_bytes) {
		cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
		cairo_set_line_width(cr, 1);
		cairo_rectangle(cr, g->gx - 0.5, g->gy - 0.5, g->grid_w + 1,
				g->grid_h + 1);
		cairo_stroke(cr);
	}
	/* Labels of borders in the same row go one below the other. */
	for (i = 0; i < p->nmarks; i++)
		draw_mark(cr, g, &p->marks[i],
			  i && p->marks[i - 1].row == p->marks[i].row ?
			  ++nth : (nth = 0));
	if (y1 >= g->legend_y - ROW_REACH)
		draw_legend(cr, p, g);
}

/* The layout needs text extents: measured on a scratch surface. */
static void measure(const struct picture *p, struct geom *g)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							 1, 1);
	cairo_t *cr = cairo_create(s);

	layout(cr, p, g);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

struct drawing {
	const struct picture *p;
	const struct geom *g;
};

static void draw_png(cairo_t *cr, const void *arg)
{
	const struct drawing *d = arg;

	draw(cr, d->p, d->g);
}

static cairo_status_t svg_out(void *arg, const unsigned char *data,
			      unsigned int len)
{
	return fwrite(data, 1, len, arg) == len ? CAIRO_STATUS_SUCCESS :
						  CAIRO_STATUS_WRITE_ERROR;
}

/* An SVG is written as it is drawn, and closed by the finish. */
static cairo_status_t write_svg(const struct picture *p, const struct geom *g,
				const char *path)
{
	FILE *f = pic_file_open(path);
	cairo_surface_t *s;
	cairo_status_t st;
	cairo_t *cr;

	if (!f)
		return CAIRO_STATUS_WRITE_ERROR;
	s = cairo_svg_surface_create_for_stream(svg_out, f, g->w, g->h);
	cr = cairo_create(s);
	draw(cr, p, g);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (pic_file_close(f) && st == CAIRO_STATUS_SUCCESS)
		st = CAIRO_STATUS_WRITE_ERROR;
	return st;
}

int pic_cairo_write(const struct picture *p, const char *path, bool svg)
{
	struct geom g;
	struct drawing d = { p, &g };
	cairo_status_t st;

	if (vms_cairo_open())
		return -1;
	measure(p, &g);
	st = svg ? write_svg(p, &g, path) :
		   pic_png_draw((int)g.w + 1, (int)g.h + 1, draw_png, &d, path);
	if (st == CAIRO_STATUS_SUCCESS && p->verbose)
		warnx("%s: %.0fx%.0f, grid at %.0f,%.0f, cells %.0fx%.0f, rows "
		      "%.0f apart, %zu per row", path, g.w, g.h, g.gx, g.gy,
		      g.cw, g.ch, g.ch + g.gap, g.cols);
	if (st != CAIRO_STATUS_SUCCESS) {
		warnx("%s: %s", path, st == CAIRO_STATUS_WRITE_ERROR ?
		      "cannot write the picture" : cairo_status_to_string(st));
		return -1;
	}
	return 0;
}
