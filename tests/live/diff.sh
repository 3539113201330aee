#!/bin/sh
# diff (issue 18): a process that grows between two snapshots is found
# with exactly the pages it wrote; a PID taken by another process is two
# rows; the frames of the machine by class; a snapshot against now.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
L=$TESTS_BUILDDIR/helpers/leaker
[ -x "$L" ] || skip "$L not built"
psz=$(getconf PAGESIZE)

cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null
	rm -rf "$tmpdir"
}
trap cleanup EXIT
mkfifo "$tmpdir/in"
"$L" <"$tmpdir/in" >"$tmpdir/leak" &
layout_pid=$!
exec 3>"$tmpdir/in"
i=0
until grep -q '^ready$' "$tmpdir/leak"; do
	i=$((i + 1)); [ $i -gt 100 ] && skip "leaker not ready"; sleep 0.1
done
start=$(awk '$1 == "region" {print $2}' "$tmpdir/leak")
# grow N: the leaker writes N more pages; waits for its "ok".
grow() {
	local want
	want=$(($(grep -c '^ok$' "$tmpdir/leak") + 1))
	echo "$1" >&3
	i=0
	until [ "$(grep -c '^ok$' "$tmpdir/leak")" -ge $want ]; do
		i=$((i + 1)); [ $i -gt 100 ] && fail "leaker did not grow"; sleep 0.05
	done
}
grow 10
check_rc "snapshot A" 0 "$V" snapshot $layout_pid -f "$tmpdir/a.snap"
grow 300
check_rc "snapshot B" 0 "$V" snapshot $layout_pid -f "$tmpdir/b.snap"

# The process grew by what it wrote (and perhaps a little stack).
"$V" diff "$tmpdir/a.snap" "$tmpdir/b.snap" -rnb -o PID,STATUS,+RSS,+USS,+SWAP >"$tmpdir/p"
set -- $(cat "$tmpdir/p")
check "process row" "$layout_pid grown" "$1 $2"
[ "$3" -ge $((300 * psz)) ] && [ "$3" -lt $((320 * psz)) ] && pass ||
	fail "+RSS $3, want about $((300 * psz))"
[ "$4" -ge $((300 * psz)) ] && pass || fail "+USS $4 below $((300 * psz))"
check "no swap change" 0 "$5"
# Its region, matched by start, end and name, grew by exactly that.
"$V" diff "$tmpdir/a.snap" "$tmpdir/b.snap" --by vma -rnb -o START,STATUS,+RSS,RSS >"$tmpdir/v"
check "region row" "$start changed $((300 * psz)) $((310 * psz))" \
	"$(awk -v s="$start" '$1 == s {print $1, $2, $3, $4}' "$tmpdir/v")"
# The largest growth comes first.
check "largest first" "$start" "$(head -1 "$tmpdir/v" | awk '{print $1}')"
# Per image: anonymous memory grew.
"$V" diff "$tmpdir/a.snap" "$tmpdir/b.snap" --by image -rnb -o NAME,+RSS >"$tmpdir/i"
awk '$1 == "[anon]" && $2 >= '$((300 * psz))' {ok = 1} END {exit !ok}' "$tmpdir/i" &&
	pass || fail "[anon] image did not grow: $(cat "$tmpdir/i")"
# Nothing changed from B to B.
check "no change" "" "$("$V" diff "$tmpdir/b.snap" "$tmpdir/b.snap" -rn)"
# JSON: signed numbers.
"$V" diff "$tmpdir/b.snap" "$tmpdir/a.snap" -J -o PID,+RSS >"$tmpdir/j"
if command -v jq >/dev/null; then
	d=$(jq ".diff[] | select(.pid == $layout_pid) | .\"+rss\"" "$tmpdir/j")
	[ "$d" -le $((-300 * psz)) ] && pass || fail "JSON +rss: '$d'"
fi

# A snapshot against now: the leaker grows once more.
grow 5
"$V" diff "$tmpdir/b.snap" - -rnb -o PID,+RSS >"$tmpdir/live" 2>"$tmpdir/live.err"
d=$(awk -v p=$layout_pid '$1 == p {print $2}' "$tmpdir/live")
[ "${d:-0}" -ge $((5 * psz)) ] && [ "$d" -lt $((20 * psz)) ] && pass ||
	fail "against now: +RSS '$d', want about $((5 * psz))"

# A PID that another process took: gone and new, by start time.
for d in a b; do
	mkdir -p "$tmpdir/$d/proc/100"
	printf '00400000-00500000 rw-p 00000000 00:00 0 \nRss:                 8 kB\nPss:                 8 kB\nPrivate_Dirty:       8 kB\nAnonymous:           8 kB\n' \
		>"$tmpdir/$d/proc/100/smaps"
	printf 'x\n' >"$tmpdir/$d/proc/100/comm"
done
printf '100 (x) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1111 0 0\n' >"$tmpdir/a/proc/100/stat"
printf '100 (x) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 2222 0 0\n' >"$tmpdir/b/proc/100/stat"
check "reused PID" "100 new 8192
100 gone -8192" "$("$V" diff "$tmpdir/a/proc" "$tmpdir/b/proc" -rnb -o PID,STATUS,+RSS)"
cp "$tmpdir/a/proc/100/stat" "$tmpdir/b/proc/100/stat"
check "same process" "" "$("$V" diff "$tmpdir/a/proc" "$tmpdir/b/proc" -rn)"

# Frames by class: only with every frame.
check_rc "--by flags of mapped frames" 1 "$V" diff "$tmpdir/a.snap" "$tmpdir/b.snap" --by flags
check_err "--by flags of mapped frames" "frames all"
if [ "$(id -u)" = 0 ] && [ -r /proc/kpageflags ]; then
	check_rc "snapshot --frames all" 0 "$V" snapshot $layout_pid --frames all -f "$tmpdir/c.snap"
	check_rc "--by flags" 0 "$V" diff "$tmpdir/c.snap" - --by flags -rnb -o NAME,STATUS,RSS,+RSS
	awk '$1 !~ /^(anon|ksm|shmem|file|slab|pgtable|free|reserved|other)$/ {print "class", $1}' \
		"$tmpdir/out" >"$tmpdir/bad"
	check "classes" "" "$(cat "$tmpdir/bad")"
fi
check_rc "usage: one argument" 64 "$V" diff "$tmpdir/a.snap"
check_rc "usage: --by" 64 "$V" diff - - --by nothing
finish
