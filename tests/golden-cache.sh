#!/bin/sh
# Golden output of cache --pid and --all over fixtures/cache/proc: maps,
# map_files and fd links into fixtures/cache/files (a device, a socket
# and a directory among the fds: never measured). Page size 4096 (PAGES).
[ "$(getconf PAGESIZE)" = 4096 ] || { echo "SKIP: page size is not 4096"; exit 77; }
GOLDEN_ROOT=fixtures/cache/proc GOLDEN_LIST=golden-cache.list
export GOLDEN_ROOT GOLDEN_LIST
exec sh "${TESTS_SRCDIR:-$(dirname "$0")}/golden.sh"
