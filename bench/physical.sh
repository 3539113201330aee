#!/bin/sh
# The cost of vmascope's physical view (issue 3), in one run, the tools
# taking turns so that drift hits them all alike; the median wall time of
# REPS repetitions and the peak RSS (ru_maxrss) of each:
#  dense:  a 4 GiB process of 4K anonymous pages:
#          vmascope maps PID -o +RSS,PSS,USS  vs  floor and naive (pagecost)
#  sparse: a 1 TiB reservation with 64 MiB touched:
#          vmascope  vs  cat /proc/PID/smaps  (and the plain-pagemap floor)
# Targets: vmascope within 1.2x of floor, >= 2.5x faster than naive, within
# 3x of smaps on the sparse case, peak RSS < 8 MiB.
# Root: PFNs and /proc/kpage* need it. Never part of make check.
set -u
: "${BENCH_BUILDDIR:=$(pwd)}"
: "${VMASCOPE:=$BENCH_BUILDDIR/vmascope}"
: "${REPS:=7}"
ML=$BENCH_BUILDDIR/tests/memlayout
COST=$BENCH_BUILDDIR/bench/pagecost
RUN=$BENCH_BUILDDIR/bench/runrss
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 77; }
for f in "$ML" "$COST" "$RUN"; do
	[ -x "$f" ] || { echo "bench: $f not built (make bench builds it)" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmascope-bench.XXXXXX")
mlpid=''
trap 'exec 3>&-; [ -n "$mlpid" ] && kill $mlpid 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM

# start ARGS...: a memlayout, until it says ready.
start() {
	rm -f "$tmp/in"
	mkfifo "$tmp/in"
	"$ML" "$@" <"$tmp/in" >"$tmp/layout" &
	mlpid=$!
	exec 3>"$tmp/in"
	until grep -q '^ready$' "$tmp/layout"; do
		kill -0 $mlpid 2>/dev/null || { echo "bench: memlayout $* failed" >&2; exit 1; }
		sleep 0.2
	done
}

stop() {
	exec 3>&-
	kill $mlpid 2>/dev/null
	wait $mlpid 2>/dev/null
	mlpid=''
}

# measure NAME CMD...: one run, appended to $tmp/NAME as "WALL KIB".
measure() {
	local name=$1
	shift
	"$RUN" "$@" >>"$tmp/$name" 2>"$tmp/err" || {
		echo "bench: $name failed: $(head -c 200 "$tmp/err")" >&2
		return 1
	}
}

median() { sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "" }'; }
wall() { awk '{print $1}' "$tmp/$1" | median; }
peak() { awk '$2 > m { m = $2 } END { print m + 0 }' "$tmp/$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# Does vmascope have the page columns (the engine)? Otherwise say so and
# measure the rest.
have_vms() {
	"$VMASCOPE" maps "$1" -o +RSS,PSS,USS >/dev/null 2>"$tmp/err" && return 0
	echo "vmascope: unavailable: $(head -1 "$tmp/err")"
	return 1
}

echo "== dense: 4 GiB of 4K anonymous pages, $REPS repetitions"
start -a $((4 << 30 >> 12))
vms=0
have_vms $mlpid && vms=1
for i in $(seq "$REPS"); do
	# rotate the order: no tool always runs first
	case $((i % 3)) in
	0) order="vms floor naive" ;;
	1) order="floor naive vms" ;;
	*) order="naive vms floor" ;;
	esac
	for t in $order; do
		case $t in
		vms) [ $vms = 1 ] && measure d-vms "$VMASCOPE" maps $mlpid -o +RSS,PSS,USS ;;
		floor) measure d-floor "$COST" floor $mlpid ;;
		naive) measure d-naive "$COST" naive $mlpid ;;
		esac
	done
done
stop
for t in vms floor naive; do
	[ -s "$tmp/d-$t" ] && printf '%-8s median %8.3f s   peak RSS %6d KiB\n' \
		$t "$(wall d-$t)" "$(peak d-$t)"
done
echo "== sparse: 1 TiB reserved, 64 MiB touched, $REPS repetitions"
start -S 1024 -P $((64 << 20 >> 12))
for i in $(seq "$REPS"); do
	if [ $((i % 2)) = 0 ]; then
		[ $vms = 1 ] && measure s-vms "$VMASCOPE" maps $mlpid -o +RSS,PSS,USS
		measure s-smaps cat /proc/$mlpid/smaps
	else
		measure s-smaps cat /proc/$mlpid/smaps
		[ $vms = 1 ] && measure s-vms "$VMASCOPE" maps $mlpid -o +RSS,PSS,USS
	fi
	measure s-floor "$COST" floor $mlpid
done
stop
for t in vms smaps floor; do
	[ -s "$tmp/s-$t" ] && printf '%-8s median %8.3f s   peak RSS %6d KiB\n' \
		$t "$(wall s-$t)" "$(peak s-$t)"
done

echo "== ratios (target)"
if [ $vms = 1 ]; then
	echo "vmascope/floor  dense   $(ratio "$(wall d-vms)" "$(wall d-floor)")  (<= 1.2)"
	echo "naive/vmascope  dense   $(ratio "$(wall d-naive)" "$(wall d-vms)")  (>= 2.5)"
	echo "vmascope/smaps  sparse  $(ratio "$(wall s-vms)" "$(wall s-smaps)")  (<= 3)"
	echo "vmascope peak RSS       $(peak d-vms) / $(peak s-vms) KiB  (< 8192)"
else
	echo "vmascope unavailable: no page columns yet"
fi
echo "naive/floor    dense   $(ratio "$(wall d-naive)" "$(wall d-floor)")"
echo "floor/smaps    sparse  $(ratio "$(wall s-floor)" "$(wall s-smaps)")  (plain pagemap over the hole)"
