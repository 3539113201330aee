// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A mapped ELF image to look at (issue 5): it writes some of its .data
 * (private copies), touches its .bss, says "ready" and waits on stdin.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Spans pages so that some .data pages are copied and some are not. */
char data_area[5 * 4096] = { 1 };
static char bss_area[64 * 1024];

int main(void)
{
	char c;

	data_area[0] = 2;
	memset(bss_area, 1, sizeof(bss_area) / 2);
	printf("ready %d\n", bss_area[0]);
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	return 0;
}
