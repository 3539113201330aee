// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The text of a cell: numbers, sizes, changes and booleans as every mode
 * shows them, and what a libsmartcols table is handed for each mode.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/numfmt.h"
#include "lib/util.h"
#include "show/output-impl.h"

bool cell_is_signed(enum vms_coltype type)
{
	return type == COL_DELTA || type == COL_DCOUNT;
}

bool cell_is_numeric(enum vms_coltype type)
{
	return type == COL_SIZE || type == COL_NUM || type == COL_COUNT ||
	       type == COL_HEX || cell_is_signed(type);
}

/* A signed change: "+1.5M", "-4K", "0B"; with -b, "1536", "-4096". */
static const char *delta_text(const struct vms_opts *o, uint64_t num,
			      char *buf, size_t len)
{
	int64_t d = (int64_t)num;
	uint64_t mag = d < 0 ? -(uint64_t)num : num;
	char h[32];

	if (o->bytes)
		snprintf(buf, len, "%" PRId64, d);
	else
		snprintf(buf, len, "%s%s", d > 0 ? "+" : d < 0 ? "-" : "",
			 size_to_human(mag, h, sizeof(h)));
	return buf;
}

/* A number by hand (numfmt.h): streams write millions; cut as snprintf. */
static const char *number_text(const struct vms_column *col, uint64_t num,
			       char *buf, size_t len, size_t *n)
{
	char tmp[NUMFMT_MAX];

	*n = col->type == COL_HEX ? fmt_hex(tmp, num) : fmt_dec(tmp, num);
	if (*n >= len)
		*n = len ? len - 1 : 0;
	if (len) {
		memcpy(buf, tmp, *n);
		buf[*n] = '\0';
	}
	return buf;
}

const char *cell_text_n(const struct vms_opts *o, const struct vms_column *col,
			struct vms_cell *c, char *buf, size_t len, size_t *n)
{
	*n = 1;
	if (c->null)
		return "-";
	switch (col->type) {
	case COL_SIZE:
		if (!o->bytes) {
			*n = size_to_human_n(c->num, buf, len);
			return buf;
		}
		/* fall through */
	case COL_NUM:
	case COL_COUNT:
	case COL_HEX:
		return number_text(col, c->num, buf, len, n);
	case COL_BOOL:
		return c->b ? "1" : "0";
	case COL_DELTA:
		delta_text(o, c->num, buf, len);
		*n = strlen(buf);
		return buf;
	case COL_DCOUNT:
		snprintf(buf, len, "%+" PRId64, (int64_t)c->num);
		*n = strlen(buf);
		return buf;
	case COL_STR:
		break;
	}
	return NULL;
}

const char *out_cell_text(const struct vms_opts *o,
			  const struct vms_column *col, struct vms_cell *c,
			  char *buf, size_t len)
{
	size_t n;

	return cell_text_n(o, col, c, buf, len, &n);
}

/*
 * A JSON value as libsmartcols is handed it: it quotes strings itself and
 * copies their bytes, so a name goes by ESC_JSON_TEXT first.
 */
static char *json_text(const struct vms_column *col, struct vms_cell *c)
{
	char buf[32];

	if (c->null)
		return NULL;
	switch (col->type) {
	case COL_STR:
		return esc_dup(ESC_JSON_TEXT, c->str, c->len);
	case COL_BOOL:
		/* libsmartcols 2.38 writes any text but "0" as true */
		return xstrdup(c->b ? "1" : "0");
	case COL_HEX:
		snprintf(buf, sizeof(buf), "%" PRIx64, c->num);
		return xstrdup(buf);
	case COL_DELTA:
	case COL_DCOUNT:
		snprintf(buf, sizeof(buf), "%" PRId64, (int64_t)c->num);
		return xstrdup(buf);
	default:
		snprintf(buf, sizeof(buf), "%" PRIu64, c->num);
		return xstrdup(buf);
	}
}

char *cell_table_text(const struct vms_opts *o, const struct vms_column *col,
		      struct vms_cell *c)
{
	char buf[32];
	const char *s;

	if (o->mode == VMS_MODE_JSON)
		return json_text(col, c);
	s = out_cell_text(o, col, c, buf, sizeof(buf));
	/* Raw output keeps one field per column: an empty text is "-". */
	if (!s && !c->len && o->mode == VMS_MODE_RAW)
		s = "-";
	/*
	 * Names as they are: libsmartcols escapes them in the text modes as
	 * the rules of escape.h do (check_escape.c holds them equal).
	 */
	return s ? xstrdup(s) : xmemdup(c->str, c->len);
}
