#!/bin/sh
# Every counter against the kernel's own accounting:
#  1. sharelayout's memory shared copy-on-write after fork (4K pages, a
#     [heap], PMD-mapped THP in the parent and PTEs in the children that
#     wrote, a partly split THP, mTHP and KSM where they can be switched
#     on, shmem and anonymous memory swapped out to a swap file this test
#     makes where it can): every VMA of the parent and the children, with
#     the folio path on and off, PAGEMAP_SCAN and plain reads, against
#     smaps;
#  2. the premise of pmshare.c on this kernel: a page that pagemap calls
#     exclusive in a small folio has map count 1;
#  3. every VMA of every process on the machine against its smaps, read
#     just before and just after (VMAs whose smaps changed between are
#     left out), and every top row that walks against smaps_rollup.
# Exact but for PSS and LOCKED: smaps prints the same 12-bit fixed point
# sum truncated to kB, vmascope rounds it to bytes (0..1024 more).
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
need_root
hold_still
[ -r /proc/kpageflags ] && [ -r /proc/kpagecount ] ||
	skip "/proc/kpageflags or /proc/kpagecount not readable"
SL=$TESTS_BUILDDIR/helpers/sharelayout
[ -x "$SL" ] || skip "$SL not built"
isolate || echo "note: readers run on the system's libraries" >&2
# vms with a mode in the environment: the same private loader and
# libraries (a reader on the system's libc maps its pages once more, and
# lowers the PSS it measures of the target's libc).
iso_run=''
[ -x "$tmpdir/iso/ld.so" ] && iso_run="$tmpdir/iso/ld.so --library-path $tmpdir/iso"
# Walked columns: ZERO and THP make maps walk the pages.
COLS=START,END,RSS,PSS,USS,SHARED,SWAP,ANON,FILE,KSM,HUGETLB,LOCKED,ZERO,THP
CCOLS=START,END,RSS,PSS,USS,SHARED,SWAP,HUGETLB,ZERO
KSM=/sys/kernel/mm/ksm
mthp_file='' mthp_was='' ksm_was='' ksm_ms='' ksm_pages='' swapfile=''
NRH=/proc/sys/vm/nr_hugepages nrh_was=''

cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null && sleep 0.2
	[ -n "$mthp_was" ] && echo "$mthp_was" >"$mthp_file"
	if [ -n "$ksm_was" ]; then
		echo "$ksm_ms" >$KSM/sleep_millisecs
		echo "$ksm_pages" >$KSM/pages_to_scan
		echo "$ksm_was" >$KSM/run
	fi
	[ -n "$swapfile" ] && swapoff "$swapfile" 2>/dev/null
	[ -n "$nrh_was" ] && echo "$nrh_was" >$NRH
	rm -rf "$tmpdir"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM

# mTHP: the smallest size the kernel offers, for the layout's allocations.
for kb in 64 16 32 128 256 512 1024 8; do
	f=/sys/kernel/mm/transparent_hugepage/hugepages-${kb}kB/enabled
	[ -w "$f" ] || continue
	mthp_file=$f
	mthp_was=$(sed -n 's/.*\[\([a-z]*\)\].*/\1/p' "$f")
	echo always >"$f" 2>/dev/null || mthp_was=''
	break
done
mthp_on=$mthp_was
[ -n "$mthp_on" ] && echo "mTHP: ${mthp_file%/enabled}" ||
	echo "note: no mTHP size could be enabled" >&2

# KSM, quick, while the test runs.
if [ -w $KSM/run ]; then
	ksm_was=$(cat $KSM/run) ksm_ms=$(cat $KSM/sleep_millisecs)
	ksm_pages=$(cat $KSM/pages_to_scan)
	echo 10 >$KSM/sleep_millisecs
	echo 1000 >$KSM/pages_to_scan
	echo 1 >$KSM/run || ksm_was=''
fi
[ -n "$ksm_was" ] || echo "note: KSM cannot be switched on" >&2

# A swap file of 64 MiB, for MADV_PAGEOUT.
pageout=''
if command -v mkswap >/dev/null && command -v swapon >/dev/null; then
	f=$tmpdir/swapfile
	if dd if=/dev/zero of="$f" bs=1M count=64 status=none 2>/dev/null &&
	   chmod 600 "$f" && mkswap "$f" >/dev/null 2>&1 &&
	   swapon "$f" 2>/dev/null; then
		swapfile=$f pageout=pageout
	fi
fi
[ -n "$swapfile" ] || echo "note: no swap file could be made: nothing is swapped out" >&2

# One more hugetlb page for the layout, where the pool can grow.
if [ -w $NRH ]; then
	nrh_was=$(cat $NRH)
	echo $((nrh_was + 1)) >$NRH 2>/dev/null || nrh_was=''
fi

start_layout sharelayout "$SL" $pageout
if [ -n "$mthp_was" ]; then
	echo "$mthp_was" >"$mthp_file"
	mthp_was=''
fi
kids=$(awk '$1 == "child" { print $2 }' "$tmpdir/layout")
region() { awk -v r="$1" '$1 == "region" && $2 == r { print $3 }' "$tmpdir/layout"; }

# smaps_kb PID FIELD START: a field of the VMA at START (kB).
smaps_kb() {
	awk -v f="$2:" -v s="$3" '/^[0-9a-f]+-[0-9a-f]+ / { split($1, a, "-"); in_ = a[1] == s }
		in_ && $1 == f { print $2; exit }' "/proc/$1/smaps"
}
if [ -n "$ksm_was" ]; then
	i=0
	while [ "$(smaps_kb "$layout_pid" KSM "$(region ksm)")" = 0 ] && [ $i -lt 150 ]; do
		sleep 0.1
		i=$((i + 1))
	done
fi

# snap PID FILE: the smaps of PID, one line per VMA: start, then every
# field's value in kB in the order of smaps_fields.
smaps_fields="Rss Pss Shared_Clean Shared_Dirty Private_Clean Private_Dirty Anonymous KSM Shared_Hugetlb Private_Hugetlb Swap Locked AnonHugePages"
# The file is read whole first, then parsed: an awk running beside the
# read would map libraries the target shares, and move its PSS.
snap() {
	iso_cat "/proc/$1/smaps" >"$2.raw" 2>/dev/null
	awk -v fl="$smaps_fields" '
		BEGIN { n = split(fl, f, " "); for (i = 1; i <= n; i++) ix[f[i] ":"] = i }
		function out() { if (s == "") return; line = s; for (i = 1; i <= n; i++) line = line " " (v[i] + 0); print line; delete v }
		/^[0-9a-f]+-[0-9a-f]+ / { out(); split($1, a, "-"); s = a[1]; next }
		$1 in ix { v[ix[$1]] = $2 }
		END { out() }' "$2.raw" >"$2"
}

# compare NAME BEFORE AFTER VMS [COLS]: each VMA of VMS (vmascope -rnb -o
# COLS, $COLS by default) whose smaps line is the same before and after,
# against it, for the columns COLS has. Prints "compared mismatched" and
# the mismatches on stderr.
compare() {
	awk -v name="$1" -v cols="${5:-$COLS}" '
		BEGIN { n = split(cols, h, ","); for (i = 1; i <= n; i++) ix[h[i]] = i }
		FILENAME == ARGV[1] { b[$1] = $0; next }
		FILENAME == ARGV[2] { if (b[$1] == $0) s[$1] = $0; next }
		function say(what, want, got) {
			printf "%s VMA %s: %s smaps %s, vmascope %s\n", name, a, what, want, got > "/dev/stderr"; bad = 1
		}
		function cmp(col, want) { if ((col in ix) && want != $ix[col]) say(col, want, $ix[col]) }
		function near(col, want) {
			if ((col in ix) && ($ix[col] < want || $ix[col] > want + 1024)) say(col, want, $ix[col])
		}
		{ a = $1; sub(/^0x/, "", a)
		  if (!(a in s)) next
		  split(s[a], m, " ")
		  # m: start Rss Pss ShC ShD PrC PrD Anon KSM ShH PrH Swap Locked AHP
		  bad = 0
		  cmp("RSS", m[2] * 1024)
		  near("PSS", m[3] * 1024)
		  cmp("USS", (m[6] + m[7]) * 1024)
		  cmp("SHARED", (m[4] + m[5]) * 1024)
		  cmp("SWAP", m[12] * 1024)
		  cmp("ANON", m[8] * 1024)
		  cmp("FILE", (m[2] - m[8]) * 1024)
		  cmp("KSM", m[9] * 1024)
		  cmp("HUGETLB", (m[10] + m[11]) * 1024)
		  near("LOCKED", m[13] * 1024)
		  if (("THP" in ix) && $ix["THP"] < m[14] * 1024) say("THP >= AnonHugePages", m[14] * 1024, $ix["THP"])
		  n++; nbad += bad }
		END { print n + 0, nbad + 0 }' "$2" "$3" "$4"
}

# ---- 1. the layout and its children ----
for pid in $layout_pid $kids; do
	name=layout
	[ "$pid" = "$layout_pid" ] || name="child $pid"
	# The walk with every page's flags, folio path on and off, with and
	# without PAGEMAP_SCAN; and with counters only (ZERO: the walk that
	# may leave PMD-mapped ranges to smaps' sums, hugeproof.c).
	for mode in "" VMASCOPE_FOLIO=0 VMASCOPE_PAGEMAP=plain counts; do
		cols=$COLS
		[ "$mode" = counts ] && cols=$CCOLS
		# Library VMAs move with every process started meanwhile:
		# tried again; the layout's own VMAs hold still.
		for try in 1 2 3; do
			snap "$pid" "$tmpdir/before"
			env ${mode%counts} $iso_run "$VMASCOPE" maps "$pid" -rnb -o $cols >"$tmpdir/vms" 2>"$tmpdir/err" ||
				fail "$name ${mode:-default}: vmascope maps: $(head -c 300 "$tmpdir/err")"
			snap "$pid" "$tmpdir/after"
			set -- $(compare "$name ${mode:-default}" "$tmpdir/before" "$tmpdir/after" "$tmpdir/vms" $cols 2>"$tmpdir/why")
			[ "$2" = 0 ] && break
		done
		cat "$tmpdir/why" >&2
		check "$name ${mode:-default}: VMAs that disagree with smaps" 0 "$2"
		[ "$1" -ge 10 ] && pass || fail "$name ${mode:-default}: only $1 VMAs compared"
	done
done

# What the layout must have been given for the checks to mean something.
thp=$(region thp)
check "layout: THP region PMD-mapped in the parent" 16384 "$(smaps_kb "$layout_pid" AnonHugePages "$thp")"
shared=$(smaps_kb "$layout_pid" Shared_Dirty "$thp")
[ "${shared:-0}" -gt 0 ] && pass || fail "layout: THP region not shared with the children"
priv=$(smaps_kb "$layout_pid" Private_Dirty "$thp")
[ "${priv:-0}" -gt 0 ] && pass || fail "layout: no THP page mapped once in the parent"
echo "THP region of the parent: Shared_Dirty $shared kB, Private_Dirty $priv kB"
if [ -n "$ksm_was" ]; then
	k=$(smaps_kb "$layout_pid" KSM "$(region ksm)")
	[ "${k:-0}" -gt 0 ] && pass || fail "KSM on, but the ksm region merged nothing"
	echo "KSM: $k kB merged in the parent"
fi
if [ -n "$swapfile" ]; then
	for r in swapanon shmem; do
		s=$(smaps_kb "$layout_pid" Swap "$(region $r)")
		[ "${s:-0}" -gt 0 ] && pass || fail "$r: nothing swapped out"
		echo "$r: Swap $s kB"
	done
	# top's SWAP is the sum of maps' SWAP, swapped-out shmem included.
	msum=$("$VMASCOPE" maps "$layout_pid" -rnb -o SWAP | awk '{ s += $1 } END { print s + 0 }')
	check "top SWAP = sum of maps SWAP" "$msum" "$("$VMASCOPE" top "$layout_pid" -rnb -o SWAP)"
	check "top SWAP (walking) = sum of maps SWAP" "$msum" \
		"$("$VMASCOPE" top "$layout_pid" -rnb -o SWAP,THP | awk '{ print $1 }')"
	# Swap offsets are shown without a frame column (they need the same
	# privilege as PFNs).
	sw=$(region swapanon)
	off=$("$VMASCOPE" pages "$layout_pid" --range "$sw-$(printf %x $((0x$sw + 0x400000)))" -rn -o ADDR,SWAPOFF |
		awk '$2 != "-" && $2 != "0" && $2 != "0x0" { n++ } END { print n + 0 }')
	[ "$off" -gt 0 ] && pass || fail "pages -o ADDR,SWAPOFF: no swap offset shown"
fi
z=$("$VMASCOPE" maps "$layout_pid" -rnb -o START,ZERO,RSS | awk -v s="$(region zero)" '{ a = $1; sub(/^0x/, "", a) } a == s { print $2, $3 }')
check "zero region: ZERO, and no RSS (as smaps)" "1048576 0" "$z"
if [ -n "$(region hugetlb)" ]; then
	h=$("$VMASCOPE" maps "$layout_pid" -rnb -o START,HUGETLB | awk -v s="$(region hugetlb)" '{ a = $1; sub(/^0x/, "", a) } a == s { print $2 }')
	check "hugetlb region: HUGETLB" 2097152 "$h"
else
	echo "note: no hugetlb page could be reserved" >&2
fi
if [ -n "$mthp_on" ]; then
	t=$("$VMASCOPE" maps "$layout_pid" -rnb -o START,THP | awk -v s="$(region mthp)" '{ a = $1; sub(/^0x/, "", a) } a == s { print $2 }')
	[ "${t:-0}" -gt 0 ] && pass || fail "mTHP enabled, but the mthp region has no THP pages"
	echo "mTHP region: THP $t bytes"
fi

# ---- 2. the premise of pmshare.c ----
# Every page pagemap calls exclusive, in a small folio, has map count 1.
for pid in $layout_pid $kids; do
	"$VMASCOPE" pages "$pid" -rn -o ADDR,EXCLUSIVE,COUNT,FLAGS >"$tmpdir/pages" 2>/dev/null
	set -- $(awk '$2 == 1 && $4 !~ /compound_(head|tail)|huge|thp/ { n++; if ($3 != 1) { bad++; if (bad < 4) print "page " $1 " count " $3 > "/dev/stderr" } }
		END { print n + 0, bad + 0 }' "$tmpdir/pages")
	check "pid $pid: exclusive small pages with a count other than 1" 0 "$2"
	[ "$1" -gt 0 ] && pass || fail "pid $pid: no exclusive small page at all"
done

# ---- 3. every process on the machine ----
ancestors=" "
p=$$
while [ "$p" -gt 1 ] 2>/dev/null; do
	ancestors="$ancestors$p "
	p=$(awk '/^PPid:/ { print $2 }' /proc/$p/status)
done
nvma=0 nproc=0 nleft=0
# A disagreement counts when it is the same on every try: a process that
# never held still (a make forking its recipes) differs each time.
for d in /proc/[0-9]*; do
	pid=${d#/proc/}
	case $ancestors in *" $pid "*) continue;; esac
	grep -q '^VmSize:' "$d/status" 2>/dev/null || continue
	agreed='' last='' steady=1 tries=0
	for try in 1 2 3 4 5 6; do
		snap "$pid" "$tmpdir/before"
		vms maps "$pid" -rnb -o $COLS >"$tmpdir/vms" 2>/dev/null || break
		snap "$pid" "$tmpdir/after"
		set -- $(compare "PID $pid" "$tmpdir/before" "$tmpdir/after" "$tmpdir/vms" 2>"$tmpdir/why")
		[ "$1" -gt 0 ] || continue
		if [ "$2" = 0 ]; then agreed=$1; break; fi
		why=$(head -3 "$tmpdir/why")
		[ -z "$last" ] || [ "$why" = "$last" ] || steady=''
		last=$why tries=$((tries + 1))
	done
	if [ -n "$agreed" ]; then
		nvma=$((nvma + agreed)) nproc=$((nproc + 1))
		pass
	elif [ -n "$last" ] && [ -n "$steady" ] && [ "$tries" -ge 5 ]; then
		fail "$last"
	else
		nleft=$((nleft + 1))
	fi
done
echo "maps: $nvma VMAs of $nproc processes agree with smaps ($nleft processes never held still or went away)"
[ "$nproc" -ge 5 ] && pass || fail "only $nproc processes compared"

# top, walking (THP), against smaps_rollup read before and after. Each
# read runs from this shell itself, not a subshell: a forked shell maps
# libraries the target shares while it lives, and moves its PSS.
rollup() {
	awk '/^Rss:/ { r = $2 } /^Pss:/ { p = $2 }
		/^Private_(Clean|Dirty):/ { u += $2 } /^Swap:/ { s = $2 }
		END { if (r != "") printf "%.0f %.0f %.0f %.0f\n", r * 1024, p * 1024, u * 1024, s * 1024 }' "$1"
}
vms top -rn -o PID >"$tmpdir/pids"
ntop=0 tleft=0
for pid in $(cat "$tmpdir/pids"); do
	case $ancestors in *" $pid "*) continue;; esac
	got='' msg='' steady=1 tries=0
	for try in 1 2 3 4 5 6; do
		iso_cat "/proc/$pid/smaps_rollup" >"$tmpdir/r1" 2>/dev/null
		vms top "$pid" -rnb -o RSS,PSS,USS,SWAP,THP >"$tmpdir/row" 2>/dev/null
		iso_cat "/proc/$pid/smaps_rollup" >"$tmpdir/r2" 2>/dev/null
		before=$(rollup "$tmpdir/r1") after=$(rollup "$tmpdir/r2")
		row=$(cat "$tmpdir/row")
		[ -n "$before" ] && [ "$before" = "$after" ] && [ -n "$row" ] || continue
		if echo "$before $row" | awk '{ d = $6 - $2; exit !($1 == $5 && $3 == $7 && $4 == $8 && d >= 0 && d <= 1024) }'; then
			got=1
			break
		fi
		m="top $pid: smaps_rollup '$before', top '$row'"
		[ -z "$msg" ] || [ "$m" = "$msg" ] || steady=''
		msg=$m tries=$((tries + 1))
	done
	if [ -n "$got" ]; then ntop=$((ntop + 1)); pass
	elif [ -n "$msg" ] && [ -n "$steady" ] && [ "$tries" -ge 5 ]; then fail "$msg"
	else tleft=$((tleft + 1)); fi
done
echo "top: $ntop rows agree with smaps_rollup ($tleft never held still or went away)"
[ "$ntop" -ge 5 ] && pass || fail "only $ntop top rows compared"
finish
