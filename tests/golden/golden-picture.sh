#!/bin/sh
# Golden output of maps --picture and flags --picture in plain characters
# (not a terminal) over fixture trees; the subtitle's time is fixed.
[ "$(getconf PAGESIZE)" = 4096 ] || { echo "SKIP: page size is not 4096"; exit 77; }
GOLDEN_LIST=golden-picture.list VMASCOPE_PICTURE_TIME="2026-01-01 00:00:00 UTC"
export GOLDEN_LIST VMASCOPE_PICTURE_TIME
exec sh "${TESTS_SRCDIR:-$(dirname "$0")/..}/golden/golden.sh"
