#!/bin/bash
# Valgrind memcheck (run by .ci/run; not part of make check: it
# takes minutes): the Check runner and a representative set of commands,
# live and over a fixture tree. Clean means no error and no definite or
# indirect leak. Usage: tests/hardening/valgrind.sh [BUILDDIR] (default: .).
set -u
b=$(cd "${1:-.}" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
command -v valgrind >/dev/null || { echo "valgrind missing" >&2; exit 1; }
V=$b/vmascope
tmp=$(mktemp -d)
trap 'kill $target 2>/dev/null; rm -rf "$tmp"' EXIT
sleep 600 &
target=$!
fails=0
vg=(valgrind --tool=memcheck --error-exitcode=99 --leak-check=full
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect
    --track-fds=no --num-callers=30 -q
    --suppressions="$src/tests/hardening/valgrind.supp")

# vgrun NAME WANT_RC CMD...
vgrun() {
	local name=$1 want=$2 rc
	shift 2
	"${vg[@]}" --log-file="$tmp/vg.log" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	# Errors are the ==PID== lines; --PID-- lines are valgrind's own
	# notes (it lacks cachestat, syscall 451: the caller falls back).
	if [ "$rc" = 99 ] || grep -q '^==[0-9]*==' "$tmp/vg.log" ||
	   { [ "$want" != any ] && [ "$rc" != "$want" ]; }; then
		echo "FAIL: $name (exit $rc, want $want)" >&2
		head -40 "$tmp/vg.log" >&2
		fails=$((fails + 1))
	else
		echo "ok: $name"
	fi
}

# The unit suites, in this process (CK_FORK=no: valgrind sees them all).
CK_FORK=no VMASCOPE_VALGRIND=1 vgrun "check_vmascope" 0 "$b/tests/unit/check_vmascope"

maps=$(find "$src/tests/golden/corpus" -type f | head -1)
pfn=$("$V" pages "$target" -r -n -o PFN --flags present 2>/dev/null | awk 'NR == 1 { print $1 }')
addr=$(awk -F- 'NR == 1 { print $1 }' "/proc/$target/maps")

while read -r want args; do
	# shellcheck disable=SC2086
	vgrun "vmascope $args" "$want" "$V" $args
done <<EOF2
0 maps $target --output-all
0 maps --all -o +RSS,PSS,USS -J
0 maps --maps-file $maps --format maps
0 pages $target -J --output-all
0 pages $target --flags anon,~active -r
0 resolve $target 0x$addr --dump
0 pfn 0x${pfn:-1000} --output-all
0 pfn 0x${pfn:-1000} --who
0 pfn 0-4096 -r
0 pfn 0-0x3000 -r
0 top --output-all
0 top -J --sort PSS
0 top -s COMMAND --reverse --total
0 maps --all -s PSS -r -o PID,START,PSS,NAME
0 share
0 share --by process -J
0 share --matrix
0 flags
0 flags --list --flags hwpoison
0 elf $target
1 maps 999999999
64 pages $target --flags nosuchflag
64 pfn 5-3
EOF2
# Over the fixture trees (golden.list's): no live data at all.
fp=$src/tests/golden/fixtures/phys/proc
vgrun "maps over a fixture" 0 "$V" maps 500 -o +RSS,PSS,USS,SHARED,ANON,FILE --proc-root "$fp"
vgrun "pages over a fixture" 0 "$V" pages 500 --output-all --proc-root "$fp"
vgrun "top over a fixture" 0 "$V" top --output-all --proc-root "$fp"
vgrun "share over a fixture" 0 "$V" share --by process --proc-root "$fp"
vgrun "maps --all over fixtures" any "$V" maps --all -o +RSS --proc-root "$src/tests/golden/fixtures/proc"
# Snapshots, diff, --interval.
vgrun "snapshot" 0 "$V" snapshot $target --frames all -f "$tmp/s.snap"
vgrun "maps of a snapshot" 0 "$V" maps $target --proc-root "$tmp/s.snap"
vgrun "flags of a snapshot" 0 "$V" flags --by cgroup --proc-root "$tmp/s.snap"
vgrun "diff" 0 "$V" diff "$tmp/s.snap" - --by vma
head -c 2000 "$tmp/s.snap" >"$tmp/t.snap"
vgrun "truncated snapshot" 1 "$V" top --proc-root "$tmp/t.snap"
vgrun "top --interval" 0 "$V" top --interval 0.1 --count 2 -J
vgrun "share --interval" 0 "$V" share $target --interval 0.1 --count 2
vgrun "export over a fixture" 0 "$V" export --top 1 --proc-root "$src/tests/golden/fixtures/proc"
# Live, the page cache families read the frames of pages mapped under
# valgrind's own memory manager, which it may not show: any status, but
# no memory error.
vgrun "export" any "$V" export --top 5
# cache: valgrind lacks cachestat (ENOSYS, with a warning in
# its log): the mincore path, forced, is what runs under it.
export VMASCOPE_CACHE=mincore
vgrun "cache --pid over a fixture" 0 "$V" cache --pid 700,701 -s FILE --total --proc-root "$src/tests/golden/fixtures/cache/proc"
vgrun "cache -R --by dir" 0 "$V" cache -R "$src/tests" --by dir --top 3 --total --output-all
# the walk as the bench runs it: directories opened, counted first, and
# measured on a thread of their own while the walk goes on
vgrun "cache -R" 0 "$V" cache -R "$src/src" "$src/tests" --top 5
vgrun "cache --all --frames" 0 "$V" cache --all --top 3 --frames --total
vgrun "cache --frames --by cgroup" 0 "$V" cache --frames --by cgroup "$V"
vgrun "cache of a device" 1 "$V" cache /dev/null
vgrun "cache -R of a device" 1 "$V" cache -R /dev/null
unset VMASCOPE_CACHE
echo "valgrind: $fails failed"
[ "$fails" = 0 ]
