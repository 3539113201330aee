#!/bin/sh
# top --by over the tree of fixtures/groups/mkgroups.sh: every group row
# is the sum of its processes' rows, for every grouping, with and without
# filters; --total is the sum of the rows it ends, grouped or not.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
. "$TESTS_SRCDIR/helpers/groups-lib.sh"
root=$tmpdir/proc
sh "$TESTS_SRCDIR/golden/fixtures/groups/mkgroups.sh" "$root" ||
	{ fail "mkgroups.sh"; finish; exit; }
vms() { "$VMASCOPE" "$@"; }

check_group_sums program EXE --proc-root "$root"
check_group_sums user USER --proc-root "$root"
check_group_sums cgroup CGROUP --proc-root "$root"
check_group_sums unit UNIT --proc-root "$root"
check_group_sums process PID --proc-root "$root"
check_group_sums program EXE --proc-root "$root" --user 40001 --user nobody
check_group_sums user USER --proc-root "$root" --cgroup /system.slice
check_group_sums unit UNIT --proc-root "$root" --comm 'post|nginx'
check_total_sums --proc-root "$root"
for by in program user cgroup unit; do
	check_total_sums --proc-root "$root" --by $by
done

# Every process is in exactly one group: the PROCS add up to the rows.
nprocs=$(vms top --proc-root "$root" -n -r -o PID | wc -l)
for by in program user cgroup unit; do
	sum=$(vms top --proc-root "$root" --by $by -n -r -o PROCS |
		awk '{ s += $1 } END { print s }')
	if [ "$sum" = "$nprocs" ] && [ "$nprocs" -gt 0 ]; then pass; else
		fail "--by $by: PROCS add up to $sum, $nprocs processes"
	fi
done

# The filters keep exactly the processes that match, in the tree's terms.
want() {
	local what=$1 expect=$2
	shift 2
	got=$(vms top --proc-root "$root" -n -r -o PID -s PID "$@" | tr '\n' ' ')
	if [ "$got" = "$expect" ]; then pass; else
		fail "$what: PIDs '$got', want '$expect'"
	fi
}
want "--user nobody" "2001 2002 " --user nobody
want "--user 0 (root by number)" "2000 4000 4001 " --user 0
want "--user twice" "2001 2002 3000 3001 " --user nobody --user 40002
want "--cgroup and below" "1000 1001 1002 1003 2000 2001 2002 " --cgroup /system.slice
want "--cgroup is a path, not a prefix" "" --cgroup /system.slice/nginx
want "--cgroup v1 memory" "4000 " --cgroup /docker/4f1e/
want "--comm on the command line" "1001 " --comm checkpointer
want "--comm on the name" "3001 " --comm '^python3$'
want "--comm and --user" "2001 2002 " --comm nginx --user 65534
finish
