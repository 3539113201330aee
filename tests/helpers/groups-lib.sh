# Checks shared by the grouping tests: the group rows of top --by must
# be the sums of the process rows. Sourced after lib.sh; uses vms().

# The size columns summed in a group row.
group_cols=RSS,PSS,USS,SWAP,VSS,PSS_ANON,PSS_FILE,PSS_SHMEM,PSS_DIRTY,SWAPPSS

# check_group_sums BY KEYCOL ARGS...: top ARGS per process, and top ARGS
# --by BY: each group's PROCS is its number of processes, each of its sums
# the sum of theirs (raw output: no field holds a blank). Live processes
# move between the two runs: GROUP_TRIES runs (default 1) may be tried.
check_group_sums() {
	local try=1
	while ! group_sums_once "$@"; do
		try=$((try + 1))
		if [ $try -gt "${GROUP_TRIES:-1}" ]; then
			fail "$(cat "$tmpdir/why")"
			return
		fi
	done
	pass
}

group_sums_once() {
	local by=$1 key=$2
	shift 2
	vms top "$@" -b -r -n -o "$key,$group_cols" >"$tmpdir/procs" ||
		{ echo "top $*: exit $?" >"$tmpdir/why"; return 1; }
	vms top "$@" --by "$by" -b -r -n -o "$key,PROCS,$group_cols" \
		>"$tmpdir/groups" ||
		{ echo "top --by $by $*: exit $?" >"$tmpdir/why"; return 1; }
	if [ ! -s "$tmpdir/procs" ]; then
		echo "top $*: no process rows" >"$tmpdir/why"
		return 1
	fi
	awk -v by="$by" '
		NR == FNR { n[$1]++; for (i = 2; i <= NF; i++) s[$1, i] += $i; next }
		{
			seen[$1] = 1
			if ($2 != n[$1]) { printf "--by %s %s: PROCS %s, %d processes\n", by, $1, $2, n[$1]; bad = 1 }
			for (i = 3; i <= NF; i++)
				if ($i != s[$1, i - 1]) { printf "--by %s %s: column %d is %s, the processes sum to %s\n", by, $1, i, $i, s[$1, i - 1]; bad = 1 }
		}
		END {
			for (k in n) if (!(k in seen)) { printf "--by %s: no group row for %s\n", by, k; bad = 1 }
			exit bad
		}' "$tmpdir/procs" "$tmpdir/groups" >"$tmpdir/why"
}

# check_total_sums ARGS...: the --total row of top ARGS is the sum of the
# rows above it, column by column.
check_total_sums() {
	vms top "$@" --total -b -r -n -o "COMMAND,PROCS,$group_cols" \
		>"$tmpdir/total" || { fail "top --total $*: exit $?"; return; }
	if awk '
		$1 != "total" { for (i = 2; i <= NF; i++) s[i] += $i; rows++; next }
		{ for (i = 2; i <= NF; i++) if ($i != s[i]) { printf "total column %d is %s, the rows sum to %s\n", i, $i, s[i]; bad = 1 }; tot++ }
		END { if (tot != 1 || !rows) { print "no total row, or no rows"; bad = 1 }; exit bad }' \
		"$tmpdir/total" >"$tmpdir/why"; then
		pass
	else
		fail "top --total $*: $(cat "$tmpdir/why")"
	fi
}
