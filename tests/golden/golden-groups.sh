#!/bin/sh
# Golden output of top --by, the process filters and the identity columns
# over a tree that fixtures/groups/mkgroups.sh makes for the run.
srcdir=${TESTS_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/golden
tree=$(mktemp -d "${TMPDIR:-/tmp}/vmascope-groups.XXXXXX") || exit 1
trap 'rm -rf "$tree"' EXIT
GOLDEN_ROOT=$tree/proc
sh "$srcdir/fixtures/groups/mkgroups.sh" "$GOLDEN_ROOT" || exit 1
GOLDEN_LIST=golden-groups.list
export GOLDEN_ROOT GOLDEN_LIST
sh "$srcdir/golden.sh"
