#!/bin/sh
# make bench: what vmascope costs next to the tools people already use
# (the page walk, top, share, pfn, flags, startup), measured in ONE run,
# the tools taking turns (the order rotates every repetition, so drift and
# the neighbours' load hit them all alike): median wall time over REPS repetitions and peak RSS
# (ru_maxrss) of each, then the ratios against their targets.
#
# Per process, each workload its own process (bench/workload):
#   anon4k  4 GiB anonymous, 4K pages (MADV_NOHUGEPAGE)
#   thp     4 GiB anonymous, MADV_HUGEPAGE, 2 MiB aligned
#   sparse  1 TiB PROT_NONE reservation, 16 windows of 4 MiB written
#   file    2 GiB temporary file, mapped shared and read through
#   shared  512 MiB MAP_SHARED anonymous, read by 16 children
#   forkcow 1 GiB private anonymous written by the parent, then 8 children
#           forked (copy-on-write; child i writes its own 1/32 of it)
# tools: vmascope maps PID (default columns) and with +ACTIVE, +KSM,
#        +CGROUP | cat /proc/PID/smaps | pmap -X PID | smem -P (that
#        process) | pagecost floor, floor-cg (+kpagecgroup), floor-excl,
#        naive
# Many VMAs: a process of 20,000 VMAs: vmascope maps PID (table and -r)
#   vs cat /proc/PID/smaps.
# Startup: vmascope -V and vmascope maps $$ -o START vs pmap -V.
# System wide, before the workloads and with anon4k, sparse, shared and
# forkcow alive:
#   vmascope top   vs  cat /proc/*/smaps_rollup, smem -c "pid user ..."
# and with them alive:
#   vmascope flags vs  dd if=/proc/kpageflags bs=512K (one sequential read)
#   vmascope share vs  vmascope maps PID -o RSS,PSS,ACTIVE for every PID
#                      (summed: the per-process page walks)
#   vmascope pfn 0-MAX -r  vs  dd of kpageflags, kpagecount, kpagecgroup
#
# Environment: REPS (5), BENCH_FILE_DIR (for the 2 GiB file; $TMPDIR or
# /var/tmp: a disk, not tmpfs), sizes ANON_MIB THP_MIB SPARSE_GIB
# SPARSE_RUNS SPARSE_RUN_MIB FILE_MIB SHARED_MIB KIDS FORK_MIB FORK_KIDS
# NVMAS, STARTUP_REPS (10 x REPS: the rounds of runs of milliseconds:
# startup, top before the workloads, maps, smaps and pmap of a workload
# whose smaps takes under 20 ms), BENCH_STRACE=0 to skip the syscall
# counts. Root: PFNs and /proc/kpage* need it. Exit 77 when not root.
# Never part of make check.
set -u
: "${BENCH_BUILDDIR:=$(pwd)}"
: "${VMASCOPE:=$BENCH_BUILDDIR/vmascope}"
: "${REPS:=5}"
: "${ANON_MIB:=4096}" "${THP_MIB:=4096}" "${FILE_MIB:=2048}"
: "${SPARSE_GIB:=1024}" "${SPARSE_RUNS:=16}" "${SPARSE_RUN_MIB:=4}"
: "${SHARED_MIB:=512}" "${KIDS:=16}" "${BENCH_STRACE:=1}"
: "${FORK_MIB:=1024}" "${FORK_KIDS:=8}" "${NVMAS:=20000}"
: "${STARTUP_REPS:=$((REPS * 10))}"
: "${BENCH_FILE_DIR:=${TMPDIR:-/var/tmp}}"
WL=$BENCH_BUILDDIR/bench/workload
COST=$BENCH_BUILDDIR/bench/pagecost
RUN=$BENCH_BUILDDIR/bench/runrss
PSZ=$(getconf PAGESIZE)
LC_ALL=C
export LC_ALL

[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 77; }
for f in "$VMASCOPE" "$WL" "$COST" "$RUN"; do
	[ -x "$f" ] || { echo "bench: $f not built (make bench builds it)" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmascope-bench.XXXXXX") || exit 1
res=$tmp
bench_name=bench
. "$(dirname "$0")/lib.sh"
pids=''
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM
t_start=$(date +%s)

# ---- helpers -----------------------------------------------------------

have() { command -v "$1" >/dev/null 2>&1; }

# start NAME ARGS...: a workload, until it says ready; its PID in $wpid.
start() {
	local name=$1
	shift
	: >"$tmp/wl-$name"	# before the loop below looks at it
	"$WL" "$@" >"$tmp/wl-$name" 2>"$tmp/wl-$name.err" &
	wpid=$!
	pids="$pids $wpid"
	until grep -q '^ready' "$tmp/wl-$name"; do
		kill -0 $wpid 2>/dev/null || {
			echo "bench: workload $name failed: $(cat "$tmp/wl-$name.err")" >&2
			exit 1
		}
		sleep 0.2
	done
	eval "pid_$name=$wpid"
	eval "pages_$name=$(awk '{ print $2 }' "$tmp/wl-$name")"
}

stop() {
	local p
	eval "p=\$pid_$1"
	kill "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	pids=$(echo "$pids" | tr ' ' '\n' | grep -vx "$p" | tr '\n' ' ')
}

# The command of TOOL on process PID (per-process tools).
tool_cmd() {
	case $1 in
	vmascope) echo "$VMASCOPE maps $2" ;;
	vms+*) echo "$VMASCOPE maps $2 -o +${1#vms+}" ;;
	smaps) echo "cat /proc/$2/smaps" ;;
	pmap) echo "pmap -X $2" ;;
	floor) echo "$COST floor $2" ;;
	floor-cg) echo "$COST floor-cg $2" ;;
	floor-excl) echo "$COST floor-excl $2" ;;
	naive) echo "$COST naive $2" ;;
	esac
}

# vmascope's RSS/PSS/USS sums next to pagecost floor's, once: the numbers
# being timed must be the same numbers.
agree() {
	local v f
	v=$("$VMASCOPE" maps "$2" -rnb -o RSS,PSS,USS 2>/dev/null |
		awk '{ r += $1; p += $2; u += $3 } END { printf "%.0f %.0f %.0f", r, p, u }')
	f=$("$COST" floor "$2" 2>/dev/null)
	awk -v n="$1" -v v="$v" -v f="$f" 'BEGIN {
		split(v, a, " "); split(f, b, " ")
		# PSS moves with the map counts of shared library pages as
		# other processes come and go, and so does USS with the
		# library pages each reader itself maps (vmascope and pagecost
		# run different code of the same libc): a tolerance for that
		d = a[2] - b[2]; if (d < 0) d = -d
		du = a[3] - b[3]; if (du < 0) du = -du
		ok = a[1] == b[1] && du <= 65536 && d <= 65536 + b[2] / 10000
		printf "check %-7s RSS/PSS/USS MiB vmascope %.1f/%.1f/%.1f floor %.1f/%.1f/%.1f %s\n",
			n, a[1] / 1048576, a[2] / 1048576, a[3] / 1048576,
			b[1] / 1048576, b[2] / 1048576, b[3] / 1048576,
			ok ? "agree" : "DIFFER (bytes " v " vs " f ")" }'
}

# syscalls NAME PID: system calls of one vmascope maps and one floor run
# (not timed: strace slows them).
syscalls() {
	local t pages
	[ "$BENCH_STRACE" = 1 ] && have strace || return 0
	eval "pages=\$pages_$1"
	for t in vmascope floor; do
		# shellcheck disable=SC2046
		strace -f -c -o "$tmp/strace" $(tool_cmd $t "$2") >/dev/null 2>&1 || continue
		awk -v n="$1" -v t="$t" -v pages="$pages" '
			# % time, seconds, usecs/call, calls, [errors], syscall
			$NF == "pread64" { pr = $4 } $NF == "ioctl" { io = $4 }
			$NF == "total" { tot = $4 }
			END { printf "syscalls %-7s %-9s %8d total %8d pread64 %6d ioctl  %.4f pread64/page\n",
				n, t, tot, pr, io, pages ? pr / pages : 0 }' "$tmp/strace"
	done >>"$tmp/syscalls"
}

# The processes with a user address space (kernel threads have none).
listpids() {
	for d in /proc/[0-9]*; do
		[ -r "$d/maps" ] && read -r _ <"$d/maps" 2>/dev/null && echo "${d#/proc/}"
	done 2>/dev/null
}

# ---- per process ---------------------------------------------------------

# Frame columns of maps: each needs a kpage file read for every page.
fcols="ACTIVE KSM"
"$VMASCOPE" maps -H -rn | grep -qx 'CGROUP.*' && fcols="$fcols CGROUP"
ptools="vmascope $(for c in $fcols; do printf 'vms+%s ' $c; done)smaps floor floor-excl naive"
case $fcols in *CGROUP*) ptools="$ptools floor-cg" ;; esac
have pmap && ptools="$ptools pmap" || echo "note: pmap not installed (apt-get install procps): skipped"
have smem && ptools="$ptools smem" || echo "note: smem not installed (apt-get install smem): skipped"
[ "$BENCH_STRACE" = 1 ] && ! have strace && echo "note: strace not installed: no syscall counts"
workloads="anon4k thp sparse file shared forkcow"
qtools="vmascope smaps"
have pmap && qtools="$qtools pmap"

cur_pid=''
cur_name=''
# shellcheck disable=SC2046
one_proc() {
	case $2 in
	# [x]: the regex must not match smem's own command line
	smem) bench_measure "$1.$2" smem -P "workload [$(echo "$cur_name" | cut -c1)]$(echo "$cur_name" | cut -c2-)" \
		-c "pid pss uss" ;;
	*) bench_measure "$1.$2" $(tool_cmd "$2" "$cur_pid") ;;	# split: SC2046
	esac
}

# per_process NAME: the per-process tools on workload NAME.
per_process() {
	cur_name=$1
	eval "cur_pid=\$pid_$1"
	ONE=one_proc
	# shellcheck disable=SC2086
	bench_rounds "$1" $ptools
	# a workload whose smaps takes milliseconds (thp, sparse, shared):
	# maps, smaps and pmap to STARTUP_REPS rounds, as the startup costs
	awk -v w="$(wall "$1.smaps")" 'BEGIN { exit !(w < 0.02) }' &&
		ROUNDS=$((STARTUP_REPS - REPS)) bench_rounds "$1" $qtools
	agree "$1" "$cur_pid" >>"$tmp/checks"
	syscalls "$1" "$cur_pid"
}

echo "vmascope benchmark: $("$VMASCOPE" -V | head -1), commit $(git -C "$(dirname "$0")" \
	rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$(dirname "$0")" \
	diff --quiet HEAD 2>/dev/null || echo '+changes')"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(uname -sr); $(nproc) CPUs;" \
	"$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
	"THP $(sed 's/.*\[\(.*\)\].*/\1/' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)"
echo "REPS=$REPS, page size $PSZ; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# top, every smaps_rollup (of the processes of the moment) and smem;
# the startup costs on the quiet machine.
# shellcheck disable=SC2046
one_top() {
	case $2 in
	vmascope-top) bench_measure $1.$2 "$VMASCOPE" top -o PID,USER,COMMAND,RSS,PSS,USS,SWAP ;;
	# cat /proc/*/smaps_rollup, what top is measured against: every PID of this
	# moment, as top sees them (kernel threads fail to open, for both)
	rollups) bench_measure_any $1.$2 cat /proc/[0-9]*/smaps_rollup ;;
	# what top's columns need from the kernel: USER is status' real UID
	rollups+status) bench_measure_any $1.$2 cat /proc/[0-9]*/smaps_rollup /proc/[0-9]*/status ;;
	smem) bench_measure $1.$2 smem -c "pid user name rss pss uss swap" ;;
	vmascope-V) bench_measure $1.$2 "$VMASCOPE" -V ;;
	maps-START) bench_measure $1.$2 "$VMASCOPE" maps $$ -o START ;;
	pmap-V) bench_measure $1.$2 pmap -V ;;
	esac
}
ONE=one_top
listpids >"$tmp/quiet.pids"	# for the count in the report
# Runs of a few milliseconds move by as much with one scheduling event of
# a neighbour: they get STARTUP_REPS rounds; smem, ten times slower, REPS.
ROUNDS=$STARTUP_REPS bench_rounds quiet vmascope-top rollups rollups+status
have smem && bench_rounds quiet smem
stools="vmascope-V maps-START"
have pmap && stools="$stools pmap-V"
# shellcheck disable=SC2086
ROUNDS=$STARTUP_REPS bench_rounds quiet $stools

start anon4k anon4k "$ANON_MIB"
per_process anon4k
start thp thp "$THP_MIB"
per_process thp
stop thp
start sparse sparse "$SPARSE_GIB" "$SPARSE_RUNS" "$SPARSE_RUN_MIB"
per_process sparse
start file file "$FILE_MIB" "$BENCH_FILE_DIR"
per_process file
stop file
start shared shared "$SHARED_MIB" "$KIDS"
per_process shared
start forkcow forkcow "$FORK_MIB" "$FORK_KIDS"
per_process forkcow

# ---- many VMAs -------------------------------------------------------------

one_vmas() {
	case $2 in
	vmascope) bench_measure $1.$2 "$VMASCOPE" maps "$cur_pid" ;;
	vmascope-r) bench_measure $1.$2 "$VMASCOPE" maps "$cur_pid" -r ;;
	smaps) bench_measure $1.$2 cat "/proc/$cur_pid/smaps" ;;
	esac
}
start vmas vmas "$NVMAS"
cur_pid=$pid_vmas
nvmas_real=$(wc -l <"/proc/$pid_vmas/maps")
ONE=one_vmas
bench_rounds vmas vmascope vmascope-r smaps
stop vmas

# ---- system wide ---------------------------------------------------------

listpids >"$tmp/pids"
nproc_user=$(wc -l <"$tmp/pids")
maxpfn=$(($(stat -c %s /proc/kpageflags) / 8 - 1))
[ "$maxpfn" -gt 0 ] || maxpfn=$(($(awk '/MemTotal/ { print $2 }' /proc/meminfo) * 1024 / PSZ))

# walks: vmascope maps PID -o RSS,PSS,ACTIVE for every PID (ACTIVE makes
# maps walk the pages and frames, as share does; RSS and PSS alone come
# from smaps' own sums), one line per round: the summed wall, user and sys
# time and the largest peak.
walks() {
	local p
	: >"$tmp/walk1"
	while read -r p; do
		"$RUN" "$VMASCOPE" maps "$p" -o RSS,PSS,ACTIVE >>"$tmp/walk1" \
			2>/dev/null
	done <"$tmp/pids"
	awk '{ w += $1; u += $3; s += $4; if ($2 > m) m = $2 }
	     END { printf "%.6f %d %.6f %.6f\n", w, m, u, s }' "$tmp/walk1" >>"$res/$1"
}

systools="vmascope-top rollups rollups+status vmascope-flags dd-kpageflags vmascope-share walks vmascope-pfn dd-kpage3"
have smem && systools="$systools smem"
one_system() {
	case $2 in
	vmascope-top | rollups | rollups+status | smem) one_top system $2 ;;
	vmascope-flags) bench_measure system.$2 "$VMASCOPE" flags ;;
	dd-kpageflags) bench_measure system.$2 dd if=/proc/kpageflags of=/dev/null bs=512K status=none ;;
	vmascope-share) bench_measure system.$2 "$VMASCOPE" share ;;
	walks) walks system.$2 ;;
	vmascope-pfn) bench_measure system.$2 "$VMASCOPE" pfn "0-$maxpfn" -r ;;
	# the three kpage files read whole, one after the other: what pfn reads
	dd-kpage3) bench_measure system.$2 sh -c 'for f in kpageflags kpagecount kpagecgroup; do
		dd if=/proc/$f of=/dev/null bs=512K status=none || exit 1; done' ;;
	esac
}
ONE=one_system
# shellcheck disable=SC2086
bench_rounds system $systools

# What share went through: page table entries (Σ RSS) and distinct frames
# (Σ PSS: each frame's PSS parts add up to one frame when every mapper is
# counted), and exactly, the distinct PFNs of vmascope pages.
scan=$("$VMASCOPE" share --by process -rnb -o RSS,PSS 2>/dev/null |
	awk -v psz="$PSZ" '{ r += $1; p += $2 } END { printf "%.0f %.0f", r / psz, p / psz }')
mapped_pages=${scan% *}
frames_pss=${scan#* }
frames=$(while read -r p; do "$VMASCOPE" pages "$p" -rn -o PFN 2>/dev/null; done <"$tmp/pids" |
	sort -u | wc -l)
stop forkcow
stop shared
stop sparse
stop anon4k

# ---- report --------------------------------------------------------------

echo "== system wide before the workloads ($(wc -l <"$tmp/quiet.pids") processes with an address space)"
header
for t in vmascope-top rollups rollups+status smem vmascope-V maps-START pmap-V; do row quiet $t; done
echo "(rollups: cat /proc/[0-9]*/smaps_rollup, rollups+status: and /proc/[0-9]*/status;"
echo " vmascope-V: vmascope -V, maps-START:"
echo " vmascope maps \$\$ -o START, pmap-V: pmap -V, the cost of starting each;"
echo " median of $STARTUP_REPS, smem of $REPS)"
echo
echo "== per process: median of $REPS, tools alternating (of $STARTUP_REPS for vmascope, smaps and"
echo "   pmap where smaps takes less than 20 ms)"
header
for w in $workloads; do
	for t in vmascope $(for c in $fcols; do echo vms+$c; done) smaps pmap smem floor \
		floor-cg floor-excl naive; do
		row $w $t
	done
done
echo "(anon4k ${ANON_MIB} MiB 4K pages; thp ${THP_MIB} MiB MADV_HUGEPAGE;" \
	"sparse ${SPARSE_GIB} GiB PROT_NONE, ${SPARSE_RUNS}x${SPARSE_RUN_MIB} MiB written;"
echo " file ${FILE_MIB} MiB mapped shared, read; shared ${SHARED_MIB} MiB MAP_SHARED," \
	"$KIDS children; forkcow ${FORK_MIB} MiB written, then $FORK_KIDS children"
echo " forked, each writing 1/32 of it; vmascope: maps PID; vms+X: maps PID -o +X;"
echo " floor-cg: floor and kpagecgroup; smem: that one process)"
cat "$tmp/checks"
echo
echo "== many VMAs: one process of $nvmas_real VMAs, median of $REPS"
header
for t in vmascope vmascope-r smaps; do row vmas $t; done
echo "(vmascope: maps PID; vmascope-r: maps PID -r; smaps: cat /proc/PID/smaps)"
echo
echo "== system wide: $nproc_user processes with an address space, median of $REPS"
header
for t in vmascope-top rollups rollups+status smem vmascope-flags dd-kpageflags vmascope-share walks \
	vmascope-pfn dd-kpage3; do
	row system $t
done
echo "(walks: vmascope maps PID -o RSS,PSS,ACTIVE for each PID, times summed, largest peak;"
echo " vmascope-pfn: vmascope pfn 0-$maxpfn -r; dd-kpage3: dd of kpageflags, kpagecount, kpagecgroup)"
share_kib=$(peak system.vmascope-share)
share_bpf=$(awk -v k="$share_kib" -v f="$frames" 'BEGIN { printf "%.1f", f ? k * 1024 / f : 0 }')
echo "share scanned $mapped_pages mapped pages (sum of RSS), $frames distinct frames" \
	"(vmascope pages PFNs; sum of PSS says $frames_pss);"
echo "  peak RSS $share_kib KiB = $share_bpf bytes per distinct frame," \
	"$(awk -v k="$share_kib" -v f="$mapped_pages" \
	'BEGIN { printf "%.1f", f ? k * 1024 / f : 0 }') per mapped page"
if [ -s "$tmp/syscalls" ]; then
	echo
	echo "== system calls of one run (strace -c; pages = pages the workload populated)"
	cat "$tmp/syscalls"
fi

echo
echo "== ratios in this run (what each target bounds, in brackets)"
misses=0
for w in $workloads; do
	target "$w maps/pmap -X" "$(cmp $w.vmascope $w.pmap)" '<=' 1.0 "[maps speed]"
	target "$w maps/smaps" "$(cmp $w.vmascope $w.smaps)" '<=' 1.5 "[maps speed]"
	for c in $fcols; do
		f=floor
		[ $c = CGROUP ] && f=floor-cg
		target "$w maps +$c/$f" "$(cmp $w.vms+$c $w.$f)" '<=' 1.1 "[column cost]"
	done
done
target "anon4k vmascope/floor" "$(cmp anon4k.vmascope anon4k.floor)" '<=' 1.1 "[walk floor]"
target "anon4k naive/vmascope" "$(cmp anon4k.naive anon4k.vmascope)" '>=' 2.5 "[walk speed]"
echo "   (anon4k vmascope/floor-excl, the floor that skips kpagecount for exclusive pages as vmascope does:" \
	"$(cmp anon4k.vmascope anon4k.floor-excl))"
target "top/rollups CPU, before workloads" "$(cmpcpu quiet.vmascope-top quiet.rollups)" '<=' 1.1 "[top speed]"
target "top/rollups, before workloads" "$(cmp quiet.vmascope-top quiet.rollups)" '<' 1.0 "[top speed]"
target "top/rollups CPU, with workloads" "$(cmpcpu system.vmascope-top system.rollups)" '<=' 1.1 "[top speed]"
target "top/rollups, with workloads" "$(cmp system.vmascope-top system.rollups)" '<' 1.0 "[top speed]"
target "share bytes of peak RSS per frame" "$share_bpf" '<=' 16 "[share memory]"
target "share vmascope/sum of walks" "$(cmp system.vmascope-share system.walks)" '<=' 1.0 "[share speed]"
target "pfn -r/dd of the 3 kpage files" "$(cmp system.vmascope-pfn system.dd-kpage3)" '<=' 3 "[frame read]"
target "$nvmas_real VMAs maps/smaps" "$(cmp vmas.vmascope vmas.smaps)" '<=' 1.2 "[many VMAs]"
target "$nvmas_real VMAs maps -r/smaps" "$(cmp vmas.vmascope-r vmas.smaps)" '<=' 1.2 "[many VMAs]"
target "startup -V/pmap -V" "$(cmp quiet.vmascope-V quiet.pmap-V)" '<=' 1.0 "[startup]"
target "startup maps \$\$ -o START/pmap -V" "$(cmp quiet.maps-START quiet.pmap-V)" '<=' 1.0 "[startup]"
target "flags vmascope/dd kpageflags" "$(cmp system.vmascope-flags system.dd-kpageflags)" '<=' 1.1 "[frame read]"
maxpeak=0
for w in $workloads; do
	p=$(peak $w.vmascope)
	[ -n "$p" ] && [ "$p" -gt "$maxpeak" ] && maxpeak=$p
done
target "vmascope maps peak RSS MiB (largest)" "$(awk -v k="$maxpeak" 'BEGIN { printf "%.2f", k / 1024 }')" '<' 8 "[peak RSS]"
echo "-- for information, no target:"
for w in $workloads; do
	printf '%-7s vmascope/smaps %5s  vmascope/floor %5s  pmap/vmascope %5s  smem/vmascope %5s (wall)\n' $w \
		"$(ratio "$(wall $w.vmascope)" "$(wall $w.smaps)")" \
		"$(ratio "$(wall $w.vmascope)" "$(wall $w.floor)")" \
		"$(ratio "$(wall $w.pmap)" "$(wall $w.vmascope)")" \
		"$(ratio "$(wall $w.smem)" "$(wall $w.vmascope)")"
done
printf 'top     vmascope/rollups+status CPU before %5s, with workloads %5s\n' \
	"$(ratio "$(cpu quiet.vmascope-top)" "$(cpu quiet.rollups+status)")" \
	"$(ratio "$(cpu system.vmascope-top)" "$(cpu system.rollups+status)")"
printf 'top     smem/vmascope before %5s, with workloads %5s (wall)\n' \
	"$(ratio "$(wall quiet.smem)" "$(wall quiet.vmascope-top)")" \
	"$(ratio "$(wall system.smem)" "$(wall system.vmascope-top)")"
echo "$misses target(s) missed; took $(($(date +%s) - t_start)) s;" \
	"load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- page cache: its own script, which also runs alone ------------------
BENCH_BUILDDIR=$BENCH_BUILDDIR VMASCOPE=$VMASCOPE REPS=$REPS \
	sh "$(dirname "$0")/cache.sh" || :

# ---- pictures: its own script, which also runs alone ---------
BENCH_BUILDDIR=$BENCH_BUILDDIR VMASCOPE=$VMASCOPE \
	sh "$(dirname "$0")/picture.sh" || :
