#!/bin/sh
# The physical view on live processes: memlayout lays out memory whose
# frames we know; vmascope must count exactly what the layout implies, and
# agree per VMA with the kernel's own /proc/PID/smaps.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
need_root
hold_still
[ -r /proc/kpageflags ] && [ -r /proc/kpagecount ] ||
	skip "/proc/kpageflags or /proc/kpagecount not readable"
ML=$TESTS_BUILDDIR/helpers/memlayout
[ -x "$ML" ] || skip "$ML not built"
psz=$(getconf PAGESIZE)
COLS=START,END,RSS,PSS,USS,SHARED,SWAP,ANON,FILE,THP,HUGETLB,DIRTY,LOCKED,KSM,ZERO,REFERENCED,ACTIVE
KSM=/sys/kernel/mm/ksm
ksm_run='' ksm_scan='' mlpid='' slpid=''

cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null
	[ -n "$slpid" ] && kill "$slpid" 2>/dev/null
	[ -n "$ksm_scan" ] && echo "$ksm_scan" >$KSM/pages_to_scan
	[ -n "$ksm_run" ] && echo "$ksm_run" >$KSM/run
	rm -rf "$tmpdir"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM

start_layout memlayout "$ML" -s 200 -c 3 -a 1000 -t 4 -f 300 -l 100 -z 50 -k 64 -d "$tmpdir"
mlpid=$layout_pid
# A private copy: the text of /bin/sleep is shared with every sleep that
# any script on the machine starts, and so is its PSS.
cp /bin/sleep "$tmpdir/sleep"
"$tmpdir/sleep" 1000 & slpid=$!

# region NAME: "START END PAGES" of a memlayout region.
region() { awk -v n="$1" '$1 == "region" && $2 == n {print $3, $4, $5}' "$tmpdir/layout"; }

# vmascope and the smaps reader run on private copies of their libraries
# (isolate in lib.sh); where that fails, the VMAs of the files vmascope
# maps itself are left out of the PSS and USS comparison.
libino=
if isolate; then
	pass
else
	echo "note: vmascope runs on the system's libraries: PSS and USS of their VMAs not compared" >&2
	libino=$(LC_ALL=C "$VMASCOPE" maps --maps-file /proc/self/maps -rn -o INODE 2>/dev/null |
		sort -u | grep -vx 0 | tr '\n' ' ')
	[ -n "$libino" ] || libino=$(for f in $(ldd "$VMASCOPE" | awk '$3 ~ /^\// {print $3} $1 ~ /^\// {print $1}') \
		/lib/x86_64-linux-gnu/libc.so.6; do
		stat -L -c %i "$f" 2>/dev/null; done | tr '\n' ' ')
fi

# maps_of PID FILE: vmascope's per-VMA counters.
maps_of() {
	vms maps "$1" -rnb -o $COLS >"$2" 2>"$tmpdir/err" ||
		fail "vmascope maps $1 -o $COLS: $(head -c 300 "$tmpdir/err")"
}

# col FILE START NAME: a column of the VMA that starts at START.
col() {
	awk -v s="$2" -v c="$3" -v cols="$COLS" '
		BEGIN { n = split(cols, h, ","); for (i = 1; i <= n; i++) ix[h[i]] = i }
		{ a = $1; sub(/^0x/, "", a); sub(/^0+/, "", a) }
		a == s { print $ix[c]; found = 1; exit }
		END { if (!found) print "(no VMA)" }' "$1"
}

# pages_of PID START END [--flags EXPR]: ADDR FLAGS COUNT per page.
pages_of() {
	local pid=$1 s=$2 e=$3
	shift 3
	vms pages "$pid" --range "$s-$e" "$@" -rnb -o ADDR,FLAGS,COUNT \
		2>"$tmpdir/err" || fail "vmascope pages $pid --range $s-$e $*: $(head -c 300 "$tmpdir/err")"
}

# has_flag FILE FLAG: how many rows have FLAG in their FLAGS list.
has_flag() { awk -v f="$2" '{ n = split($2, a, ","); for (i = 1; i <= n; i++) if (a[i] == f) { c++; break } } END { print c + 0 }' "$1"; }

maps_of $mlpid "$tmpdir/maps"
M=$tmpdir/maps

# 1000 written anonymous pages: resident, private, anonymous.
set -- $(region anon)
check "anon RSS" $((1000 * psz)) "$(col $M $1 RSS)"
check "anon PSS" $((1000 * psz)) "$(col $M $1 PSS)"
check "anon USS" $((1000 * psz)) "$(col $M $1 USS)"
check "anon ANON" $((1000 * psz)) "$(col $M $1 ANON)"
check "anon SHARED" 0 "$(col $M $1 SHARED)"
check "anon THP" 0 "$(col $M $1 THP)"

# MAP_SHARED|MAP_ANONYMOUS, read by 3 children: every frame mapped 4 times.
set -- $(region shared)
sz=$((200 * psz))
check "shared RSS" $sz "$(col $M $1 RSS)"
check "shared PSS = RSS/4" $((sz / 4)) "$(col $M $1 PSS)"
check "shared USS" 0 "$(col $M $1 USS)"
check "shared SHARED" $sz "$(col $M $1 SHARED)"
pages_of $mlpid $1 $2 >"$tmpdir/p"
check "shared pages rows" 200 "$(wc -l <"$tmpdir/p")"
check "shared pages COUNT 4" 200 "$(awk '$3 == 4' "$tmpdir/p" | wc -l)"

# A 4 MiB MADV_HUGEPAGE region, 2 MiB aligned, written: two THPs, if the
# kernel gave them (smaps says so).
set -- $(region thp)
sz=$((0x$2 - 0x$1))
ahp=$(awk -v s="$1" '/^[0-9a-f]+-/ { split($1, a, "-"); in_ = (a[1] == s) }
	in_ && /^AnonHugePages:/ { print $2 * 1024; exit }' /proc/$mlpid/smaps)
if [ "$ahp" = "$sz" ]; then
	check "thp THP" $sz "$(col $M $1 THP)"
	check "thp RSS" $sz "$(col $M $1 RSS)"
	pages_of $mlpid $1 $2 >"$tmpdir/p"
	nhuge=$((sz / (2 << 20)))
	check "thp pages rows" $((sz / psz)) "$(wc -l <"$tmpdir/p")"
	check "thp flag on every page" $((sz / psz)) "$(has_flag "$tmpdir/p" thp)"
	check "thp compound_head" $nhuge "$(has_flag "$tmpdir/p" compound_head)"
	check "thp compound_tail" $((sz / psz - nhuge)) "$(has_flag "$tmpdir/p" compound_tail)"
	pages_of $mlpid $1 $2 --flags thp >"$tmpdir/p2"
	check "thp --flags thp rows" $((sz / psz)) "$(wc -l <"$tmpdir/p2")"
	pages_of $mlpid $1 $2 --flags compound_head >"$tmpdir/p2"
	check "thp --flags compound_head rows" $nhuge "$(wc -l <"$tmpdir/p2")"
else
	echo "note: THP checks skipped: the region got AnonHugePages ${ahp:-?} of $sz bytes" >&2
fi

# A file mapped MAP_PRIVATE read-only, every page read: page cache.
set -- $(region file)
check "file RSS" $((300 * psz)) "$(col $M $1 RSS)"
check "file FILE" $((300 * psz)) "$(col $M $1 FILE)"
check "file ANON" 0 "$(col $M $1 ANON)"

# mlock()ed pages.
set -- $(region locked)
check "locked LOCKED" $((100 * psz)) "$(col $M $1 LOCKED)"
pages_of $mlpid $1 $2 >"$tmpdir/p"
check "locked mlocked flag" 100 "$(has_flag "$tmpdir/p" mlocked)"

# Anonymous pages only read: all map the shared zero page. smaps leaves it
# out of Rss (it is no normal page: vm_normal_page() says NULL) and its
# kpagecount reads 0 (no map count is kept for it): ZERO counts it, RSS,
# PSS and USS do not, and it is no unmapped-meanwhile race.
set -- $(region zero)
check "zero ZERO" $((50 * psz)) "$(col $M $1 ZERO)"
check "zero RSS (as smaps)" 0 "$(col $M $1 RSS)"
pages_of $mlpid $1 $2 >"$tmpdir/p"
check "zero pages rows" 50 "$(wc -l <"$tmpdir/p")"
check "zero zero_page flag" 50 "$(has_flag "$tmpdir/p" zero_page)"

# KSM: 64 identical MADV_MERGEABLE pages merge into one frame mapped 64
# times, if ksmd may run for a while.
ksm_test() {
	set -- $(region ksm)
	local i=0 n=0
	ksm_run=$(cat $KSM/run) && ksm_scan=$(cat $KSM/pages_to_scan) &&
		echo 10000 >$KSM/pages_to_scan && echo 1 >$KSM/run || {
		echo "note: KSM checks skipped: cannot start ksmd ($KSM)" >&2
		return
	}
	while [ $i -lt 100 ]; do	# up to 20 s
		n=$(awk -v s="$1" '/^[0-9a-f]+-/ { split($1, a, "-"); in_ = (a[1] == s) }
			in_ && /^KSM:/ { print $2; exit }' /proc/$mlpid/smaps)
		[ "$n" = $((64 * psz / 1024)) ] && break
		i=$((i + 1))
		sleep 0.2
	done
	echo "$ksm_scan" >$KSM/pages_to_scan && echo "$ksm_run" >$KSM/run
	ksm_run='' ksm_scan=''
	if [ "$n" != $((64 * psz / 1024)) ]; then
		echo "note: KSM checks skipped: pages not merged after 20 s (KSM: ${n:-?} kB)" >&2
		return
	fi
	maps_of $mlpid "$tmpdir/maps"
	check "ksm KSM" $((64 * psz)) "$(col $M $1 KSM)"
	check "ksm RSS" $((64 * psz)) "$(col $M $1 RSS)"
	check "ksm PSS = one page" $psz "$(col $M $1 PSS)"
	pages_of $mlpid $1 $2 >"$tmpdir/p"
	check "ksm flag" 64 "$(has_flag "$tmpdir/p" ksm)"
	check "ksm COUNT 64" 64 "$(awk '$3 == 64' "$tmpdir/p" | wc -l)"
}
if [ -w $KSM/run ]; then ksm_test; else
	echo "note: KSM checks skipped: $KSM/run not writable (no CONFIG_KSM?)" >&2
fi

# Without a column that needs page flags, exclusive pages of anonymous
# VMAs are counted from pagemap alone: the same counts as with the flags.
counts=RSS,PSS,USS,SHARED,SWAP,ZERO,HUGETLB
for try in 1 2 3; do
	vms maps $mlpid -rnb -o START,KIND,$counts | awk '$2 ~ /^(anon|heap|stack)$/' >"$tmpdir/c1"
	vms maps $mlpid -rnb -o START,KIND,$counts,ANON | awk '$2 ~ /^(anon|heap|stack)$/ {NF--; print}' >"$tmpdir/c2"
	cmp -s "$tmpdir/c1" "$tmpdir/c2" && break
done
cmp -s "$tmpdir/c1" "$tmpdir/c2" && pass ||
	fail "counts from pagemap alone differ from counts with flags: $(diff "$tmpdir/c1" "$tmpdir/c2" | head -3)"

# Every VMA against smaps. smaps_vmas PID: "START END Rss Pss Private Swap
# AnonHugePages Locked KSM", in kB, START END without leading zeros.
#
# USS is the pages whose kpagecount is 1; smaps counts a present page as
# Private_* when its precise map count is below 2 (or its refcount is 1,
# which implies it). With CONFIG_PAGE_MAPCOUNT, kpagecount is that same
# precise per-page count, THP included, so USS = Private_Clean +
# Private_Dirty with no systematic difference here, apart from what smaps
# leaves out of Rss altogether: the zero page (above) and hugetlb pages
# (Private_Hugetlb). Without CONFIG_PAGE_MAPCOUNT both use a folio's
# average and "maybe shared" and may differ on partly mapped large folios.
smaps_vmas() {
	# The reader must not map the target's libraries either: awk would
	# raise their map counts while the kernel computes Pss. Snapshot the
	# file with cat on the private copies, then parse the snapshot.
	iso_cat /proc/$1/smaps >"$tmpdir/smaps.snap" 2>/dev/null
	awk '/^[0-9a-f]+-[0-9a-f]+ / { split($1, a, "-"); s = a[1]; e = a[2]
			sub(/^0+/, "", s); sub(/^0+/, "", e)
			if (s == "") s = "0"; ino = $5
			r = p = pc = pd = sw = ah = lk = k = 0 }
		/^Rss:/ { r = $2 } /^Pss:/ { p = $2 }
		/^Private_Clean:/ { pc = $2 } /^Private_Dirty:/ { pd = $2 }
		/^Swap:/ { sw = $2 } /^AnonHugePages:/ { ah = $2 }
		/^Locked:/ { lk = $2 } /^KSM:/ { k = $2 }
		/^VmFlags:/ { print s, e, r, p, pc + pd, sw, ah, lk, k, ino }' \
		"$tmpdir/smaps.snap" | grep -v '^ffffffffff600000 '
}

# compare PID NAME: one round; prints mismatches, returns their number.
compare() {
	local pid=$1 name=$2
	smaps_vmas $pid >"$tmpdir/before"
	vms maps $pid -rnb -o $COLS >"$tmpdir/vm" 2>"$tmpdir/err" || {
		echo "vmascope maps $pid: $(head -c 300 "$tmpdir/err")"
		return 1
	}
	smaps_vmas $pid >"$tmpdir/after"
	grep -Fxf "$tmpdir/after" "$tmpdir/before" >"$tmpdir/stable"
	[ -s "$tmpdir/stable" ] || { echo "$name: no VMA stable in smaps"; return 1; }
	awk -v name="$name" -v cols="$COLS" -v libino="$libino" '
		BEGIN { n = split(cols, h, ","); for (i = 1; i <= n; i++) ix[h[i]] = i
			n = split(libino, l, " "); for (i = 1; i <= n; i++) self[l[i]] = 1 }
		FNR == NR { a = $1; sub(/^0x/, "", a); sub(/^0+/, "", a)
			if (a == "") a = "0"; v[a] = $0; next }
		function cmp(what, want, got) {
			if (want != got) {
				printf "%s VMA %s-%s: %s smaps %s, vmascope %s\n",
					name, $1, $2, what, want, got
				bad++
			}
		}
		{
			if (!($1 in v)) { printf "%s VMA %s-%s: not in vmascope output\n", name, $1, $2; bad++; next }
			split(v[$1], g, /[ \t]+/)
			cmp("RSS", $3 * 1024, g[ix["RSS"]])
			cmp("SWAP", $6 * 1024, g[ix["SWAP"]])
			cmp("THP (AnonHugePages)", $7 * 1024, g[ix["THP"]])
			cmp("LOCKED", $8 * 1024, g[ix["LOCKED"]])
			cmp("KSM", $9 * 1024, g[ix["KSM"]])
			checked++
			if ($10 in self)
				next
			# smaps truncates PSS to whole kB, vmascope rounds the
			# exact sum to the byte: 2047.99 B is "1 kB" there and
			# 2048 here. So vmascope is the kB value plus 0 to 1024.
			d = g[ix["PSS"]] - $4 * 1024
			if (d < 0 || d > 1024 || g[ix["PSS"]] == "")
				cmp("PSS (smaps kB + 0..1024)", $4 * 1024, g[ix["PSS"]])
			cmp("USS (Private_*)", $5 * 1024, g[ix["USS"]])
			cmp("SHARED (RSS - USS)", ($3 - $5) * 1024, g[ix["SHARED"]])
		}
		END { printf "checked %d\n", checked; exit bad > 0 }' \
		"$tmpdir/vm" "$tmpdir/stable"
}

# A transient process starting or ending during the run changes map counts
# of shared library pages between the two smaps reads without leaving a
# trace in either (the test suite runs this test alone, but not the rest of
# the machine): a round with mismatches is tried again, after a pause, up
# to six rounds in all.
for target in "$mlpid memlayout" "$slpid sleep"; do
	set -- $target
	round=1
	while :; do
		compare $1 $2 >"$tmpdir/cmp" && break
		[ $round = 6 ] && break
		round=$((round + 1))
		sleep 0.5
	done
	if grep -v '^checked' "$tmpdir/cmp" | grep -q .; then
		grep -v '^checked' "$tmpdir/cmp" | sed 's/^/FAIL: smaps: /' >&2
		fail "$2: vmascope differs from smaps (round $round)"
	else
		pass
		echo "$2: $(grep '^checked' "$tmpdir/cmp") stable VMAs agree with smaps (round $round)"
	fi
done
finish
