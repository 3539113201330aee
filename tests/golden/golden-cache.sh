#!/bin/sh
# Golden output of cache --pid and --all over fixtures/cache/proc: maps,
# and map_files and fd links into fixtures/cache/files, made here in a
# copy (make dist would follow links; a device and a dangling socket link
# cannot be shipped): a device, a socket and a directory among the fds,
# none of them measured. Page size 4096 (PAGES).
[ "$(getconf PAGESIZE)" = 4096 ] || { echo "SKIP: page size is not 4096"; exit 77; }
src=${TESTS_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/golden
tree=$(mktemp -d "${TMPDIR:-/tmp}/vmascope-golden-cache.XXXXXX") || exit 1
trap 'rm -rf "$tree"' EXIT
cp -R "$src/fixtures/cache/." "$tree/"
mkdir "$tree/proc/700/map_files" "$tree/proc/700/fd" "$tree/proc/701/map_files"
f=../../../files
(cd "$tree/proc/700/map_files" &&
	ln -s $f/libdemo.so 7f0a10000000-7f0a10001000 &&
	ln -s $f/libdemo.so 7f0a10001000-7f0a10003000 &&
	ln -s $f/memfd-buf 7f0a20000000-7f0a20002000) || exit 1
(cd "$tree/proc/700/fd" &&
	ln -s /dev/null 0 && ln -s 'socket:[12345]' 1 && ln -s $f/data.txt 3 &&
	ln -s "$f/gone (deleted)" 4 && ln -s $f/libdemo.so 5 && ln -s $f 6) || exit 1
(cd "$tree/proc/701/map_files" &&
	ln -s $f/libdemo.so 7f0b10000000-7f0b10001000 &&
	ln -s "$f/odd	name" 7f0b40000000-7f0b40001000) || exit 1
GOLDEN_ROOT=$tree/proc GOLDEN_LIST=golden-cache.list
export GOLDEN_ROOT GOLDEN_LIST
sh "$src/golden.sh"
