#!/bin/sh
# Golden output of top --by, the process filters and the identity columns
# over fixtures/groups/proc (made by fixtures/groups/mkgroups.sh).
GOLDEN_ROOT=fixtures/groups/proc GOLDEN_LIST=golden-groups.list
export GOLDEN_ROOT GOLDEN_LIST
exec sh "${TESTS_SRCDIR:-$(dirname "$0")}/golden.sh"
