#!/bin/sh
# top takes a process's name from the Name: line of its status when that
# line is the comm unescaped (no backslash in it), else from its comm file
# (src/walk/procmem.c). Hostile names must come out as maps shows them (maps
# reads the comm file): backslash, tab, newline, quote, space, UTF-8.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
sleep=$(command -v sleep) || skip "no sleep"
pids=''
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$tmpdir"' EXIT
nl='
'
for name in 'plain' 'b\sl' "t	ab" "n${nl}l" 'q"uo' 's p' 'caf'"$(printf '\303\251')" \
	'abcdefghijklmnopqrstuvwxyz'; do
	ln -s "$sleep" "$tmpdir/$name" || continue
	"$tmpdir/$name" 60 &
	pids="$pids $!"
done
sleep 0.3
for p in $pids; do
	for mode in -r -J -P; do
		a=$("$V" top "$p" -n $mode -o COMMAND 2>&1)
		b=$("$V" maps "$p" -n $mode -o COMMAND 2>&1 | head -1)
		[ "$mode" = -J ] && b=$("$V" maps "$p" -n $mode -o COMMAND 2>&1 |
			awk '/"command"/ { print; exit }')
		[ "$mode" = -J ] && a=$(echo "$a" | awk '/"command"/ { print; exit }')
		check "COMMAND of $p ($mode)" "$b" "$a"
	done
done
finish
