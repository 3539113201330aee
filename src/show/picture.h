/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef VMS_PICTURE_H
#define VMS_PICTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "lib/runopts.h"

/*
 * Pictures (maps --picture, flags --picture): a grid of cells, each one
 * class of memory, drawn on the terminal (picture-term.c) or as PNG/SVG
 * (picture-cairo.c). The builders (picture-virt.c, picture-phys.c) fill
 * the model below; the renderers know nothing of pages.
 */

/* One class of memory a cell can show. */
struct pic_class {
	const char *name;		/* legend text */
	char ch;			/* ASCII glyph (a letter: upper case) */
	short term;			/* terminal colour 0-15 (-1: none) */
	unsigned int rgb;		/* 0xRRGGBB in PNG and SVG */
};

/* A cell: its class, PIC_SPARSE when under half of it is populated. */
#define PIC_SPARSE 0x80
#define PIC_CLASS(c) ((c) & 0x7f)

/* A border (a node or zone starting) inside a row, before cell at. */
struct pic_mark {
	size_t row, at;
	char *label;
};

struct pic_row {
	uint64_t addr;			/* first address (the label) */
	uint8_t *cell;
	size_t n;
	char *note;			/* after the strip: size, name (escaped) */
};

struct picture {
	char *title;			/* what: "maps 1234 (comm)" */
	char *subtitle;			/* machine, kernel, time */
	const struct pic_class *cls;
	size_t ncls;
	uint64_t *count;		/* per class, in units */
	uint64_t unit_bytes;		/* a page or frame */
	const char *unit;		/* "pages", "frames" */
	const char *axis;		/* the y axis: "virtual address" ... */
	uint64_t cell_bytes;		/* bytes per cell; 0: per row (note) */
	unsigned int addr_digits;	/* hex digits of the labels */
	struct pic_row *rows;
	size_t nrows, cap;
	struct pic_mark *marks;
	size_t nmarks;
	char **notes;			/* lines beside the legend */
	size_t nnotes;
	int verbose;			/* -v: say where the grid was drawn */
};

/* What was asked for: --picture[=ascii], --png FILE, --svg FILE. */
enum pic_term { PIC_TERM_NONE, PIC_TERM_AUTO, PIC_TERM_ASCII };

struct pic_opts {
	enum pic_term term;
	const char *png, *svg;
};

static inline bool pic_wanted(const struct pic_opts *po)
{
	return po->term != PIC_TERM_NONE || po->png || po->svg;
}

void pic_init(struct picture *p, const struct pic_class *cls, size_t ncls);
void pic_free(struct picture *p);
/* A new row of n cells (zeroed: class 0); the note is copied if given. */
struct pic_row *pic_add_row(struct picture *p, uint64_t addr, size_t n);
void pic_add_mark(struct picture *p, size_t row, size_t at,
		  const char *label);
void pic_add_note(struct picture *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Title and "host, Linux release, time" subtitle. */
void pic_set_title(struct picture *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The cell of per-class counts c[ncls] (units); PIC_SPARSE as said. */
uint8_t pic_majority(const uint64_t *c, size_t ncls, size_t first,
		     uint64_t cell_units);
/* A name as the picture shows it: control and non-UTF-8 bytes as \xHH. */
char *pic_escape(const char *s, size_t len);
/* Columns of the terminal: TIOCGWINSZ on stdout, else COLUMNS, else 80. */
unsigned int pic_term_columns(void);

/*
 * Draw p where po asks: the terminal (stdout), a PNG, an SVG. 0, or -1
 * once said on stderr.
 */
int pic_emit(const struct picture *p, const struct pic_opts *po);
int pic_term_print(const struct picture *p, FILE *f, bool colour);
/* Whether stdout gets colour: a terminal, no NO_COLOR, terminfo says so. */
bool pic_term_colour(const struct pic_opts *po);
int pic_cairo_write(const struct picture *p, const char *path, bool svg);

/*
 * The commands' pictures. Each returns an exit status (VMS_EXIT_*), having
 * said what went wrong.
 */
int pic_maps(const struct pic_opts *po, const struct vms_opts *o,
	     const pid_t *pids, size_t npids, bool all, const char *file);
int pic_flags(const struct pic_opts *po, const struct vms_opts *o);

#endif
