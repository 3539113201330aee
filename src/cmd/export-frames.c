// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * export: every frame of the machine, from one pass of the `flags` engine
 * over /proc/kpageflags: bytes per NUMA node and frame class (a partition:
 * they sum to all the frames), and bytes per page flag (a frame counts
 * under each flag it has, as `flags --flags NAME` counts it).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/util.h"
#include "read/kpf.h"
#include "walk/frameclass.h"
#include "walk/framesum.h"
#include "show/prom.h"
#include "cmd/export.h"

/* Bytes per class of one node. */
struct node_sums {
	int node;
	uint64_t *bytes;		/* frame_nclasses */
};

static struct node_sums *node_of(struct node_sums **nodes, size_t *n,
				 int node)
{
	struct node_sums *s;

	/* Keys come sorted, node major: a new node is the last one. */
	if (*n && (*nodes)[*n - 1].node == node)
		return &(*nodes)[*n - 1];
	*nodes = xreallocarray(*nodes, *n + 1, sizeof(**nodes));
	s = &(*nodes)[(*n)++];
	s->node = node;
	s->bytes = xcalloc(frame_nclasses, sizeof(*s->bytes));
	return s;
}

static void write_classes(FILE *out, const struct node_sums *nodes,
			  size_t n)
{
	size_t i, c;

	prom_header(out, "vmascope_frames_bytes", "gauge",
		    "Physical memory by NUMA node and frame class, from the "
		    "page flags of every frame (/proc/kpageflags); the "
		    "classes partition the frames (node=\"unknown\": frames "
		    "in no node)");
	for (i = 0; i < n; i++) {
		char node[16];
		struct prom_label l[2] = { { "node", node }, { "class", 0 } };

		if (nodes[i].node < 0)
			snprintf(node, sizeof(node), "unknown");
		else
			snprintf(node, sizeof(node), "%d", nodes[i].node);
		for (c = 0; c < frame_nclasses; c++) {
			l[1].value = frame_classes[c].name;
			prom_sample(out, "vmascope_frames_bytes", l, 2,
				    nodes[i].bytes[c]);
		}
	}
}

static void write_flags(FILE *out, const struct keycount *kc, size_t n,
			uint64_t page_size)
{
	size_t f, i;

	prom_header(out, "vmascope_frames_flag_bytes", "gauge",
		    "Physical memory whose frames have a page flag, by flag "
		    "name as vmascope flags names it (/proc/kpageflags); a "
		    "frame counts under each of its flags");
	for (f = 0; f < flag_nnames; f++) {
		const struct flag_name *fn = &flag_names[f];
		struct prom_label l = { "flag", fn->name };
		uint64_t pages = 0;

		if (fn->word != FLAG_KPF)
			continue;
		for (i = 0; i < n; i++)
			if ((frames_key_flags(kc[i].key) & fn->mask) ==
			    fn->value)
				pages += kc[i].pages;
		prom_sample(out, "vmascope_frames_flag_bytes", &l, 1,
			    pages * page_size);
	}
}

int export_frames(const struct export_ctx *x, FILE *out)
{
	uint64_t page_size = (uint64_t)sysconf(_SC_PAGESIZE), frames;
	struct node_sums *nodes = NULL;
	struct keytab tab = { 0 };
	struct keycount *kc;
	size_t n, i, nn = 0;

	if (frames_sum(x->opts, x->proc, &tab, &frames))
		return -1;
	kc = keytab_sorted(&tab, &n);
	for (i = 0; i < n; i++) {
		struct node_sums *s = node_of(&nodes, &nn,
					      frames_key_node(kc[i].key));

		s->bytes[frame_class_of(frames_key_flags(kc[i].key))] +=
			kc[i].pages * page_size;
	}
	write_classes(out, nodes, nn);
	write_flags(out, kc, n, page_size);
	for (i = 0; i < nn; i++)
		free(nodes[i].bytes);
	free(nodes);
	keytab_free(&tab);
	return ferror(out) ? -1 : 0;
}
