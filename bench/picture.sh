#!/bin/sh
# The picture section of make bench, measured in one run;
# run.sh runs it at its end, and it runs alone too (make bench-picture,
# or BENCH_BUILDDIR=. sh bench/picture.sh). Tools take turns as in run.sh:
# median wall time over REPS rounds, the order rotated every round.
#
#   sparse  run.sh's sparse workload (a 1 TiB PROT_NONE reservation, 16
#           windows of 4 MiB written): vmascope maps PID  vs  the same
#           with --picture (plain characters: the output is no terminal),
#           --png FILE and --svg FILE; target 2x maps for each
#   phys    vmascope flags  vs  flags --picture (target 1.2x) and flags
#           --png FILE (for information)
#
# Environment: REPS (11: a picture takes tens of milliseconds, and the
# neighbours' load moves single runs by as much), SPARSE_GIB SPARSE_RUNS
# SPARSE_RUN_MIB. Root (pagemap and kpageflags); exit 77 otherwise.
set -u
: "${BENCH_BUILDDIR:=$(pwd)}"
: "${VMASCOPE:=$BENCH_BUILDDIR/vmascope}"
: "${REPS:=11}"
: "${SPARSE_GIB:=1024}" "${SPARSE_RUNS:=16}" "${SPARSE_RUN_MIB:=4}"
RUN=$BENCH_BUILDDIR/bench/runrss
WL=$BENCH_BUILDDIR/bench/workload
LC_ALL=C
export LC_ALL

[ "$(id -u)" = 0 ] || { echo "bench picture: needs root" >&2; exit 77; }
for f in "$VMASCOPE" "$RUN" "$WL"; do
	[ -x "$f" ] || { echo "bench picture: $f not built" >&2; exit 1; }
done
ptmp=$(mktemp -d "${TMPDIR:-/tmp}/vmascope-bench-picture.XXXXXX") || exit 1
wpid=''
p_cleanup() {
	[ -n "$wpid" ] && kill "$wpid" 2>/dev/null && wait "$wpid" 2>/dev/null
	rm -rf "$ptmp"
}
trap p_cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM
p_start=$(date +%s)
res=$ptmp/res
mkdir -p "$res"

# p_measure NAME CMD...: one timed run, "WALL KIB USER SYS" to res/NAME.
p_measure() {
	local n=$1
	shift
	"$RUN" "$@" >>"$res/$n" 2>"$ptmp/err" || {
		echo "bench picture: $n failed: $(head -c 300 "$ptmp/err")" >&2
		return 1
	}
}

# p_rounds PREFIX TOOL...: REPS rounds, the order rotated every round;
# p_cmd PREFIX TOOL is the command.
p_rounds() {
	local p=$1 i k t order
	shift
	for t in "$@"; do p_measure "$p.warm" $(p_cmd "$p" "$t"); done
	for i in $(seq "$REPS"); do
		order='' k=0
		for t in "$@"; do
			order="$order $((((k - i) % $# + $#) % $#)):$t"
			k=$((k + 1))
		done
		for t in $(echo "$order" | tr ' ' '\n' | sort -n | cut -d: -f2); do
			p_measure "$p.$t" $(p_cmd "$p" "$t")
		done
	done
}

p_median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
p_wall() { [ -s "$res/$1" ] && awk '{ print $1 }' "$res/$1" | p_median; }
p_cpu() { [ -s "$res/$1" ] && awk '{ print $3 + $4 }' "$res/$1" | p_median; }
p_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
p_row() {
	[ -s "$res/$1" ] || return 0
	printf '%-8s %-18s %9.4f %9.4f %8.3f %8.3f %9d\n' "${1%%.*}" "${1#*.}" \
		"$(p_wall "$1")" "$(sort -n "$res/$1" | head -1 | cut -d' ' -f1)" \
		"$(awk '{ print $3 }' "$res/$1" | p_median)" \
		"$(awk '{ print $4 }' "$res/$1" | p_median)" \
		"$(awk '$2 > m { m = $2 } END { print m + 0 }' "$res/$1")"
}
# p_target NAME A B LIMIT: the ratio of A's and B's median wall times (of
# their CPU times in brackets: a picture's font thread adds CPU time, not
# wall time), and the verdict on the first, as run.sh prints them.
p_target() {
	local w c v
	w=$(p_ratio "$(p_wall "$2")" "$(p_wall "$3")")
	c=$(p_ratio "$(p_cpu "$2")" "$(p_cpu "$3")")
	v=$(awk -v v="$w" -v l="$4" 'BEGIN { if (v == "n/a") print "n/a"; else print v <= l ? "PASS" : "MISS" }')
	printf '%-36s %6s (cpu %5s)  target <= %-4s %-4s [19]\n' "$1" "$w" "$c" "$4" "$v"
	[ "$v" = MISS ] && p_misses=$((p_misses + 1))
	return 0
}

p_cmd() {
	case $1.$2 in
	sparse.maps) echo "$VMASCOPE maps $wpid" ;;
	sparse.picture) echo "$VMASCOPE maps $wpid --picture" ;;
	sparse.png) echo "$VMASCOPE maps $wpid --png $ptmp/maps.png" ;;
	sparse.svg) echo "$VMASCOPE maps $wpid --svg $ptmp/maps.svg" ;;
	phys.flags) echo "$VMASCOPE flags" ;;
	phys.picture) echo "$VMASCOPE flags --picture" ;;
	phys.png) echo "$VMASCOPE flags --png $ptmp/flags.png" ;;
	esac
}

"$WL" sparse "$SPARSE_GIB" "$SPARSE_RUNS" "$SPARSE_RUN_MIB" >"$ptmp/wl" 2>&1 &
wpid=$!
until grep -q '^ready' "$ptmp/wl"; do
	kill -0 "$wpid" 2>/dev/null || {
		echo "bench picture: workload failed: $(cat "$ptmp/wl")" >&2
		exit 1
	}
	sleep 0.2
done

p_rounds sparse maps picture png svg
p_rounds phys flags picture png

echo
echo "== pictures: median of $REPS, tools alternating"
printf '%-8s %-18s %9s %9s %8s %8s %9s\n' case tool 'median s' 'min s' 'user s' 'sys s' 'peak KiB'
for r in sparse.maps sparse.picture sparse.png sparse.svg phys.flags phys.picture phys.png; do
	p_row $r
done
echo "(sparse: ${SPARSE_GIB} GiB reserved, $SPARSE_RUNS windows of $SPARSE_RUN_MIB MiB;" \
	"PNG $(wc -c <"$ptmp/maps.png") bytes, SVG $(wc -c <"$ptmp/maps.svg") bytes)"
p_misses=0
p_target "maps --picture / maps" sparse.picture sparse.maps 2
p_target "maps --png / maps" sparse.png sparse.maps 2
p_target "maps --svg / maps" sparse.svg sparse.maps 2
p_target "flags --picture / flags" phys.picture phys.flags 1.2
echo "-- for information, no target: flags --png / flags" \
	"$(p_ratio "$(p_wall phys.png)" "$(p_wall phys.flags)")"
echo "$p_misses picture target(s) missed; took $(($(date +%s) - p_start)) s;" \
	"load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$p_misses" = 0 ]
