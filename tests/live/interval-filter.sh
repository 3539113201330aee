#!/bin/sh
# --interval with PIDs and a filter (--comm): each sample filters the
# PIDs given afresh. A process that matches only after the first sample
# (here it execs a program of the filtered name) appears in the later
# samples, and one that matched all along is shown once, in maps, top
# and share alike.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
SLEEP=$(command -v sleep) || skip "no sleep(1)"
name=vmsfiltertest
prog=$tmpdir/$name
cp "$SLEEP" "$prog" || skip "cannot copy $SLEEP"

pids=''
cleanup() {
	exec 3>&- 2>/dev/null
	[ -n "$pids" ] && kill $pids 2>/dev/null
	rm -rf "$tmpdir"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM

# later: a shell that waits for a line, then execs $prog (its command
# line does not hold the name: $P is expanded by the shell, not written).
# early: $prog itself, matching from the start.
start() {
	rm -f "$tmpdir/in"
	mkfifo "$tmpdir/in"
	P=$prog sh -c 'read x; exec "$P" 60' <"$tmpdir/in" &
	later=$!
	exec 3>"$tmpdir/in"
	"$prog" 60 &
	early=$!
	pids="$later $early"
}
# samples FILE: per sample (a heading each), the PIDs shown, sorted.
samples() {
	awk '$1 == "TIME" { if (n) print s; n++; s = ""; delete seen; next }
	     !($2 in seen) { seen[$2] = 1; s = s " " $2 }
	     END { if (n) print s }' "$1" |
		while read -r l; do echo $(printf '%s\n' $l | sort -n); done |
		tr '\n' '/'
}
# run NAME ARGS...: vmascope ARGS, the PIDs, two samples; the exec in
# between.
run() {
	local what=$1 i=0
	shift
	start
	"$VMASCOPE" "$@" $later $early --comm "^$name\$" --interval 1.5 \
		--count 2 -r -o PID \
		>"$tmpdir/out" 2>"$tmpdir/err" &
	vpid=$!
	# the first sample's rows, not only its heading: a slow (sanitized)
	# build may still be scanning when the heading is out
	until grep -qw "$early" "$tmpdir/out" 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 400 ] && break; sleep 0.05
	done
	echo go >&3
	i=0
	until [ "$(cat /proc/$later/comm 2>/dev/null)" = "$name" ]; do
		i=$((i + 1)); [ $i -gt 200 ] && break; sleep 0.05
	done
	wait $vpid
	check "$what: exit" 0 $?
	want="$early/$(echo $early $later | tr ' ' '\n' | sort -n | tr '\n' ' ' | sed 's/ $//')/"
	check "$what: PIDs per sample" "$want" "$(samples "$tmpdir/out")"
	exec 3>&-
	kill $pids 2>/dev/null
	wait $pids 2>/dev/null
	pids=''
}

run maps maps
run top top
run share share --by process
finish
