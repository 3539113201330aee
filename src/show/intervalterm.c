// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Redrawing a sample in place on a terminal, through terminfo (the
 * capabilities home, ed, el, civis and cnorm), cut to the terminal's
 * size as it is at each draw. Kept apart: <term.h> defines macros with
 * common names (lines, columns).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "show/intervalterm.h"
#include "show/tinfo-dl.h"

static const char *cap(const char *name)
{
	char *s = tigetstr(name);

	return s && s != (char *)-1 ? s : NULL;
}

int term_open(void)
{
	int err;

	if (vms_tinfo_open("redrawing in place"))
		return -1;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK || !cap("home") ||
	    !cap("ed"))
		return -1;
	if (cap("civis"))
		putp(cap("civis"));
	return 0;
}

static void size(int *rows, int *cols)
{
	struct winsize ws;

	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_row && ws.ws_col) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
		return;
	}
	*rows = tigetnum("lines") > 0 ? tigetnum("lines") : 24;
	*cols = tigetnum("cols") > 0 ? tigetnum("cols") : 80;
}

/* One line, cut to the width, the rest of the screen line cleared. */
static void line(const char *s, size_t n, int cols)
{
	fwrite(s, 1, n > (size_t)cols ? (size_t)cols : n, stdout);
	if (cap("el"))
		putp(cap("el"));
}

void term_draw(const char *head, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	int rows, cols, row = 1;

	size(&rows, &cols);
	putp(cap("home"));
	line(head, strlen(head), cols);
	while (p && p < end && row < rows) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		putchar('\n');
		line(p, n, cols);
		row++;
		p = nl ? nl + 1 : NULL;
	}
	putp(cap("ed"));
	fflush(stdout);
}

void term_close(void)
{
	if (cap("cnorm"))
		putp(cap("cnorm"));
	putchar('\n');
	fflush(stdout);
}
