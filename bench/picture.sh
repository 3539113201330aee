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

bench_name='bench picture'
. "$(dirname "$0")/lib.sh"
ONE=bench_one_cmd
CMD=p_cmd

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

bench_warm_rounds sparse maps picture png svg
bench_warm_rounds phys flags picture png

echo
echo "== pictures: median of $REPS, tools alternating"
header
for r in sparse.maps sparse.picture sparse.png sparse.svg phys.flags phys.picture phys.png; do
	row "${r%.*}" "${r#*.}"
done
echo "(sparse: ${SPARSE_GIB} GiB reserved, $SPARSE_RUNS windows of $SPARSE_RUN_MIB MiB;" \
	"PNG $(wc -c <"$ptmp/maps.png") bytes, SVG $(wc -c <"$ptmp/maps.svg") bytes)"
misses=0
# the ratios of wall times, of CPU times after them: a picture's font
# thread adds CPU time, not wall time
target "maps --picture / maps" "$(cmp sparse.picture sparse.maps)" '<=' 2 "[pictures]"
target "maps --png / maps" "$(cmp sparse.png sparse.maps)" '<=' 2 "[pictures]"
target "maps --svg / maps" "$(cmp sparse.svg sparse.maps)" '<=' 2 "[pictures]"
target "flags --picture / flags" "$(cmp phys.picture phys.flags)" '<=' 1.2 "[pictures]"
echo "-- for information, no target: flags --png / flags" \
	"$(ratio "$(wall phys.png)" "$(wall phys.flags)")"
echo "$misses picture target(s) missed; took $(($(date +%s) - p_start)) s;" \
	"load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$misses" = 0 ]
