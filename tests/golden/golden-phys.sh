#!/bin/sh
# Golden output of pfn and resolve over the synthetic frames and pagemaps
# of fixtures/frames (made by fixtures/frames/mkfixture.sh; page size 4096).
[ "$(getconf PAGESIZE)" = 4096 ] || { echo "SKIP: page size is not 4096"; exit 77; }
GOLDEN_ROOT=fixtures/frames/proc GOLDEN_LIST=golden-phys.list
export GOLDEN_ROOT GOLDEN_LIST
exec sh "${TESTS_SRCDIR:-$(dirname "$0")/..}/golden/golden.sh"
