#!/bin/bash
# Races (issue 8): while tests/helpers/churn forks children that map, write and
# unmap memory and exit, every whole-system command runs again and again.
# Each run must exit 0 with no sanitizer report; vanished processes are
# skipped (counted with -v); counts are never negative or impossible
# (USS <= RSS, PSS <= RSS, SHARED = RSS - USS); no PID of a process reaped
# before the run started shows up; and pfn --who never reports a frame a
# (PID, address) did not have: re-read from pagemap right after, the page
# has that PFN still, or it or its process is gone.
. "$(dirname "$0")/../helpers/lib.sh"
need_root
[ -r /proc/kpageflags ] || skip "no /proc/kpageflags"
churn=$TESTS_BUILDDIR/helpers/churn
peek=$TESTS_BUILDDIR/helpers/pagepeek
[ -x "$churn" ] && [ -x "$peek" ] || skip "tests/helpers/churn or tests/helpers/pagepeek not built"
# Each round walks every process of the machine several times: about 30 s
# on the 2-core development machine (more beside sanitized builds, whose
# shadow reservations are terabytes of pagemap).
: "${RACES_ROUNDS:=2}"
psz=$(getconf PAGESIZE)

exitlog=$tmpdir/exited
: >"$exitlog"
# Bounded: churn ends by itself even if this script dies.
"$churn" 300 "$exitlog" >"$tmpdir/churn.out" &
churn_pid=$!
trap 'kill $churn_pid 2>/dev/null; wait $churn_pid 2>/dev/null; rm -rf "$tmpdir"' EXIT
for _ in $(seq 100); do
	[ -s "$tmpdir/churn.out" ] && break
	sleep 0.05
done
read -r _ cpid stable npages cbase cend <"$tmpdir/churn.out" ||
	skip "churn did not start"

# run NAME CMD...: exit 0, no sanitizer report, stdout in $tmpdir/out.
# The PIDs reaped before the run are kept in $tmpdir/before.
run() {
	local name=$1
	shift
	cp "$exitlog" "$tmpdir/before"
	check_rc "$name" 0 "$@"
	if grep -qE 'runtime error|AddressSanitizer|LeakSanitizer|Segmentation' "$tmpdir/err"; then
		fail "$name: sanitizer: $(grep -m3 -E 'ERROR|runtime error' "$tmpdir/err")"
	fi
	# Anything else on stderr is a skip notice, or the -v count.
	if grep -vqE '(^vmascope: PID [0-9]+: skipped: |processes skipped \(exited or access denied\)$)' "$tmpdir/err"; then
		fail "$name: unexpected message: $(grep -m3 -vE 'skipped' "$tmpdir/err")"
	fi
}

# no_stale_pids NAME COLUMN: no churn child in the output had been reaped
# before the run began. pid_max may be small and PIDs come round again:
# a PID counts as stale only when churn's last word on it before the run
# was "reaped" and churn has not forked it again since, and only rows of
# churn's own processes (COMMAND, the last column, is churn) are judged.
no_stale_pids() {
	local bad
	bad=$(awk -v col="$2" '
		FILENAME == ARGV[1] { last[substr($1, 2)] = substr($1, 1, 1); next }
		FILENAME == ARGV[2] { if ($1 ~ /^\+/) reborn[substr($1, 2)] = 1; next }
		$NF == "churn" && last[$col] == "-" && !($col in reborn) { print $col }' \
		"$tmpdir/before" "$exitlog" "$tmpdir/out" | head -3)
	if [ -z "$bad" ]; then pass; else fail "$1: PIDs reaped before the run: $bad"; fi
}

# counts NAME RSS PSS USS SHARED: column numbers (0: absent) in raw bytes.
counts() {
	local bad
	bad=$(awk -v r="$2" -v p="$3" -v u="$4" -v s="$5" '
		function num(c) { return c ? $c : 0 }
		# "-": not known (vsyscall has no pages): nothing to compare.
		(r && $r == "-") || (u && $u == "-") { next }
		{
			for (i = 1; i <= NF; i++)
				if ($i ~ /^-[0-9]/) { print "negative: " $0; next }
			if (r && u && num(u) > num(r)) { print "USS > RSS: " $0; next }
			if (r && p && num(p) > num(r)) { print "PSS > RSS: " $0; next }
			if (r && u && s && num(s) != num(r) - num(u)) {
				print "SHARED != RSS - USS: " $0; next
			}
		}' "$tmpdir/out" | head -3)
	if [ -z "$bad" ]; then pass; else fail "$1: $bad"; fi
}

# who_fresh NAME: every row PID ADDR PFN of pfn --who, read again from
# pagemap now, still has that PFN, or the page or the process is gone.
# Inside churn's regions a (PID, address) never gets another frame, so a
# different PFN there is a stale read; elsewhere processes may write
# (copy on write) between the two reads: counted, not failed.
who_fresh() {
	local name=$1 pid addr pfn now bad=0 moved=0 checked=0 lo hi
	lo=$((stable)); hi=$((stable + npages * psz))
	while read -r pid addr pfn _; do
		checked=$((checked + 1))
		now=$("$peek" pages "$pid" "$addr" \
			"$(printf '%x' $((0x$addr + psz)))" 2>/dev/null |
			awk '{ print $2 }')
		[ -z "$now" ] && continue			# gone
		[ "$((0x$now))" = "$((0x$pfn))" ] && continue	# same frame
		a=$((0x$addr))
		if { [ "$a" -ge "$lo" ] && [ "$a" -lt "$hi" ]; } ||
		   { [ "$a" -ge $((cbase)) ] && [ "$a" -lt $((cend)) ]; }; then
			bad=$((bad + 1))
			echo "$name: PID $pid $addr: reported PFN $pfn, pagemap now $now" >&2
		else
			moved=$((moved + 1))
		fi
	done <"$tmpdir/out"
	[ "$bad" = 0 ] && pass || fail "$name: $bad stale PFNs of $checked"
	[ "$moved" = 0 ] || echo "$name: $moved rows outside churn's regions changed since (copy on write)"
	[ "$checked" -gt 0 ] && pass || fail "$name: no rows at all"
}

top_cols=PID,RSS,PSS,USS,SHARED
share_cols=PID,RSS,PSS,USS,SHARED,SWAP
maps_cols=PID,START,RSS,PSS,USS,SHARED,SWAP,COMMAND
for round in $(seq "$RACES_ROUNDS"); do
	run "top $round" "$VMASCOPE" top -v -b -r -n -o $top_cols,COMMAND
	counts "top $round" 2 3 4 5
	no_stale_pids "top $round" 1

	# A column that walks the pages.
	run "top THP $round" "$VMASCOPE" top -v -b -r -n -o $top_cols,THP,ZERO,COMMAND
	counts "top THP $round" 2 3 4 5
	no_stale_pids "top THP $round" 1

	run "share $round" "$VMASCOPE" share -v -b -r -n -o IMAGE,PROCS,RSS,PSS,USS,SHARED
	# IMAGE may hold spaces: take the numbers from the end.
	awk '{ n = NF; print $(n-4), $(n-3), $(n-2), $(n-1), $n }' "$tmpdir/out" >"$tmpdir/nums"
	mv "$tmpdir/nums" "$tmpdir/out"
	counts "share $round" 2 3 4 5

	run "share --by process $round" "$VMASCOPE" share --by process -v -b -r -n -o $share_cols,COMMAND
	counts "share --by process $round" 2 3 4 5
	no_stale_pids "share --by process $round" 1

	run "share --matrix $round" "$VMASCOPE" share --matrix -v -b -r -n -o PID,PEER,SHARED,COMMAND
	counts "share --matrix $round" 0 0 0 0
	no_stale_pids "share --matrix $round" 1

	run "maps --all $round" "$VMASCOPE" maps --all -v -b -r -n -o $maps_cols
	counts "maps --all $round" 3 4 5 6
	no_stale_pids "maps --all $round" 1

	# Filters, groups and trees (issue 17): who a process is is read
	# while processes go.
	run "top --by program $round" "$VMASCOPE" top --by program --comm churn -v -b -r -n -o PROCS,RSS,PSS,USS,SHARED,ARGS,EXE
	counts "top --by program $round" 2 3 4 5
	run "top --by program --frames $round" "$VMASCOPE" top --by program --frames -v -b -r -n -o PROCS,RSS,PSS,USS,EXE
	counts "top --by program --frames $round" 2 3 0 0
	run "share --tree $round" "$VMASCOPE" share --tree --comm churn -v -b -r -n -o RSS,PSS,USS,SHARED,IMAGE
	counts "share --tree $round" 1 2 3 4

	# The frames of churn's stable region, which every child shares,
	# and of a few churning pages of a child.
	pfns=$("$VMASCOPE" pages "$cpid" -r -n -o PFN \
		--range "$(printf '%x-%x' "$stable" $((stable + npages * psz)))" 2>/dev/null |
		awk '$1 != "-" { printf "0x%s ", $1 }' | head -c 2000)
	kid=$(pgrep -P "$cpid" | head -1)
	if [ -n "$kid" ]; then
		pfns="$pfns $("$VMASCOPE" pages "$kid" -r -n -o PFN \
			--range "$(printf '%x-%x' "$cbase" "$cend")" 2>/dev/null |
			awk '$1 != "-" { printf "0x%s ", $1 }' | head -c 400)"
	fi
	if [ -z "${pfns// /}" ]; then
		fail "pfn --who $round: no PFNs of churn's pages"
		continue
	fi
	# shellcheck disable=SC2086
	run "pfn --who $round" "$VMASCOPE" pfn $pfns --who -v -r -n -o PID,ADDR,PFN,COMMAND
	no_stale_pids "pfn --who $round" 1
	who_fresh "pfn --who $round"
	# The whole sharing of the stable region: the churn parent is in it.
	if awk -v p="$cpid" '$1 == p { found = 1 } END { exit !found }' "$tmpdir/out"; then
		pass
	else
		fail "pfn --who $round: churn's parent $cpid not among the mappers"
	fi

	# Named PIDs, some gone by the time they are read: those are errors
	# (exit 1, "PID N: no such process"), the others are shown; plain
	# pagemap reads as well as PAGEMAP_SCAN.
	kids=$(pgrep -P "$cpid" | tr '\n' ' ')
	for mode in plain auto; do
		# shellcheck disable=SC2086
		VMASCOPE_PAGEMAP=$mode "$VMASCOPE" top -b -r -n -o $top_cols,THP \
			"$cpid" $kids $(grep "^-" "$exitlog" | tail -3 | tr -d -) >"$tmpdir/out" 2>"$tmpdir/err"
		rc=$?
		if [ "$rc" = 0 ] || [ "$rc" = 1 ]; then pass; else fail "top PIDs $mode $round: exit $rc"; fi
		if grep -vqE '^vmascope: PID [0-9]+: no such process$' "$tmpdir/err"; then
			fail "top PIDs $mode $round: $(head -3 "$tmpdir/err")"
		else
			pass
		fi
		counts "top PIDs $mode $round" 2 3 4 5
	done
done

# The churn really churned: processes came and went during the runs.
n=$(grep -c '^-' "$exitlog")
if [ "$n" -gt 50 ]; then pass; else fail "churn reaped only $n children"; fi
finish
