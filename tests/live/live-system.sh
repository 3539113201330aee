#!/bin/sh
# top and flags on this machine, against the kernel's own accounting:
# smaps_rollup per process, kpageflags' size, the zones' free pages.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
need_root
hold_still
V=$VMASCOPE

# Both readers on private copies of their libraries (see isolate).
isolate || echo "note: readers run on the system's libraries" >&2

# rollup PID: Rss Pss USS Swap of smaps_rollup, in bytes (snapshot first,
# parsed after: awk maps libraries and locale files of its own).
rollup() {
	iso_cat "/proc/$1/smaps_rollup" >"$tmpdir/rollup" 2>/dev/null || return
	awk '/^Rss:/ {r=$2} /^Pss:/ {p=$2} /^Private_(Clean|Dirty):/ {u+=$2}
	     /^Swap:/ {s=$2}
	     END {printf "%.0f %.0f %.0f %.0f\n", r*1024, p*1024, u*1024, s*1024}' \
		"$tmpdir/rollup"
}

# top agrees with smaps_rollup for every process that did not change.
# Three processes that hold still, so that at least three can be compared
# on a machine running little else.
sleep 60 & quiet=$!
sleep 60 & q2=$!
sleep 60 & q3=$!
trap 'kill $quiet $q2 $q3 2>/dev/null; rm -rf "$tmpdir"' EXIT
sleep 0.2
# This test and its ancestors fork while measuring: pages they share with
# a short-lived child change their PSS and back again. Leave them out.
ancestors=" "
p=$$
while [ "$p" -gt 1 ] 2>/dev/null; do
	ancestors="$ancestors$p "
	p=$(awk '/^PPid:/ {print $2}' /proc/$p/status)
done
# same "RSS PSS USS SWAP" "RSS PSS USS SWAP": RSS, USS and SWAP equal;
# PSS within 5% of the shared part (at least 4 KiB): PSS moves whenever any
# process on the machine maps or unmaps a page this one shares (a shared
# library), and no two reads are atomic.
same() {
	echo "$1 $2" | awk '{d = $2 - $6; if (d < 0) d = -d
		tol = ($1 - $3) / 20; if (tol < 4096) tol = 4096
		exit !($1 == $5 && $3 == $7 && $4 == $8 && d <= tol)}'
}

# agree PID: 0 when top matched a stable smaps_rollup, 1 when it did not,
# 2 when the process never held still.
agree() {
	local try before got after
	for try in 1 2 3 4 5; do
		before=$(rollup "$1")
		got=$(vms top "$1" -rnb -o RSS,PSS,USS,SWAP 2>/dev/null)
		after=$(rollup "$1")
		[ -n "$before" ] && same "$before" "$after" || continue
		same "$before" "$got" && return 0
		mismatch="$1: smaps_rollup '$before', top '$got'"
	done
	[ -n "$mismatch" ] && return 1
	return 2
}
compared=0
for pid in $("$V" top -rn -o PID); do
	case $ancestors in *" $pid "*) continue;; esac
	mismatch=
	agree "$pid"
	case $? in
	0) compared=$((compared + 1)); pass;;
	1) fail "top vs smaps_rollup, $mismatch";;
	esac
done
# The processes this test made hold still: they must agree.
agree $quiet && pass || fail "top vs smaps_rollup for $quiet: $mismatch"
[ "$compared" -ge 3 ] && pass || fail "only $compared processes compared"
"$V" top -rnb -o PID | grep -qx "$quiet" && pass || fail "top misses $quiet"
"$V" top -rnb -o PID | grep -qx 2 && fail "kernel thread 2 listed" || pass

# The kernel's sums and vmascope's page walk agree where both can tell:
# asking for THP makes top walk the pages.
for try in 1 2 3 4 5; do
	a=$("$V" top $quiet -rnb -o RSS,PSS,USS,SWAP)
	b=$("$V" top $quiet -rnb -o RSS,PSS,USS,SWAP,THP | cut -d' ' -f1-4)
	same "$(echo $a)" "$(echo $b)" && break
done
same "$(echo $a)" "$(echo $b)" && pass ||
	fail "top: smaps_rollup '$a' vs page walk '$b'"
"$V" top $quiet -rnb -o THP,KSM,ZERO | grep -qE '^[0-9]+ [0-9]+ [0-9]+$' &&
	pass || fail "page-level columns of top"

# --total is the sum of the rows above it.
"$V" top --total -rnb -o PID,RSS,PSS >"$tmpdir/t"
sum=$(grep -v '^-' "$tmpdir/t" | awk '{r+=$2} END {printf "%.0f\n", r}')
tot=$(grep '^-' "$tmpdir/t" | awk '{print $2}')
check "--total RSS" "$sum" "$tot"

# The Prometheus textfile format: HELP, TYPE, then samples.
"$V" top --format prometheus >"$tmpdir/prom"
grep -vE '^(# (HELP|TYPE) vmascope_process_[a-z]+_bytes .*|vmascope_process_[a-z]+_bytes\{pid="[0-9]+",user="[^"]*",command="([^"\\]|\\.)*"\} [0-9]+)$' \
	"$tmpdir/prom" >"$tmpdir/bad"
[ -s "$tmpdir/bad" ] && fail "prometheus lines: $(head -2 "$tmpdir/bad")" || pass
grep -q "^vmascope_process_pss_bytes{pid=\"$quiet\"" "$tmpdir/prom" && pass ||
	fail "no PSS sample for $quiet"

# flags: every frame once; free frames as the buddy allocator counts them.
[ -r /proc/kpageflags ] || { finish; exit $?; }
frames=$(($(wc -c </proc/kpageflags) / 8))
"$V" flags -rnb -o PAGES | awk '{s+=$1} END {printf "%.0f\n", s}' >"$tmpdir/n"
check "flags covers all of kpageflags" "$frames" "$(cat "$tmpdir/n")"
"$V" flags --list -rnb -o PAGES | awk '{s+=$1} END {printf "%.0f\n", s}' >"$tmpdir/n"
check "flags --list covers all of kpageflags" "$frames" "$(cat "$tmpdir/n")"

for by in cgroup node; do
	"$V" flags --by $by -rnb -o PAGES | awk '{s+=$1} END {printf "%.0f\n", s}' >"$tmpdir/n"
	check "flags --by $by covers all of kpageflags" "$frames" "$(cat "$tmpdir/n")"
done
"$V" flags --by node -rnb -o NODE,PAGES | awk '$1 == 0 {print "ok"}' | grep -q ok &&
	pass || fail "flags --by node has no node 0"

zonefree() { awk '$1 == "nr_free_pages" {s+=$2} END {print s}' /proc/zoneinfo; }
# Allocations go on while the walk runs: the count must lie between the
# zones' free pages before and after it, give or take 1%.
z1=$(zonefree)
buddy=$("$V" flags --flags buddy -rnb -o PAGES | awk '{s+=$1} END {printf "%.0f\n", s}')
z2=$(zonefree)
lo=$((z1 < z2 ? z1 : z2)); hi=$((z1 > z2 ? z1 : z2))
slack=$((hi / 100 > 4096 ? hi / 100 : 4096))
[ "$buddy" -ge $((lo - slack)) ] && [ "$buddy" -le $((hi + slack)) ] && pass ||
	fail "buddy frames $buddy vs zoneinfo nr_free_pages $z1..$z2"
zonefree=$z2
# MemFree is the same counter on most kernels; where it is, check it too.
memfree=$(($(awk '/^MemFree:/ {print $2}' /proc/meminfo) * 1024 / $(getconf PAGESIZE)))
mdiff=$((memfree > zonefree ? memfree - zonefree : zonefree - memfree))
if [ "$mdiff" -le "$slack" ]; then
	diff=$((buddy > memfree ? buddy - memfree : memfree - buddy))
	[ "$diff" -le "$slack" ] && pass || fail "buddy $buddy vs MemFree $memfree"
else
	echo "note: MemFree ($memfree pages) is not the zones' free count" \
	     "($zonefree) on this kernel; compared with zoneinfo" >&2
fi

# Kernel threads have no address space: not skipped processes in a scan
# of all, and called what they are when asked for by PID.
kthread=$(for f in /proc/[0-9]*/status; do
	grep -q '^VmSize:' "$f" 2>/dev/null || { echo "${f%/status}"; break; }
done | sed 's|/proc/||')
if [ -n "$kthread" ]; then
	for c in "top -v" "share -v" "maps --all -v"; do
		$V $c >/dev/null 2>"$tmpdir/err"
		if grep -q "PID $kthread:" "$tmpdir/err"; then
			fail "$c names kernel thread $kthread: $(grep "PID $kthread:" "$tmpdir/err")"
		else pass; fi
	done
	for c in maps top share; do
		check_rc "$c $kthread (kernel thread)" 1 $V $c "$kthread"
		check_err "$c $kthread said" "PID $kthread: no address space"
	done
else
	echo "note: no kernel thread in this PID namespace" >&2
fi
finish
