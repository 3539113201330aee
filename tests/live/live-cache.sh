#!/bin/sh
# vmascope cache on files with known cached ranges (cachefile writes them,
# fsyncs, drops that file alone with POSIX_FADV_DONTNEED and reads chosen
# ranges back): CACHED against mincore and fincore, DIRTY before and after
# an fsync, tmpfs and memfd files, a deleted file held open found by
# --all, --frames against /proc/kpageflags read plainly, and bad input.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
CF=$TESTS_BUILDDIR/helpers/cachefile
PP=$TESTS_BUILDDIR/helpers/pagepeek
[ -x "$CF" ] || skip "$CF not built"
psz=$(getconf PAGESIZE)
dir=$tmpdir/files
mkdir -p "$dir"
shm=''

cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null
	[ -n "$shm" ] && rm -f "$shm"
	rm -rf "$tmpdir"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM

vms() { LC_ALL=C "$VMASCOPE" "$@"; }
# hold ARGS: a cachefile in the background (the one before is ended).
hold() {
	exec 3>&-
	[ -n "$layout_pid" ] && wait "$layout_pid" 2>/dev/null
	rm -f "$tmpdir/in"
	start_layout cachefile "$CF" "$@"
	resident=$(awk '$1 == "resident" {print $2}' "$tmpdir/layout")
}
# cached FILE [OPTS]: vmascope's CACHED in bytes.
cached() { local f=$1; shift; vms cache "$f" -nrb -o CACHED "$@"; }

# The method works here: cachestat (Linux 6.5) or the mincore fallback.
hold -r 0-10 -r 40-45 -d 70-75 "$dir/known" 100
check "CACHED = mincore's count" $((resident * psz)) "$(cached "$dir/known")"
# the ranges read and written; a page the drop could not take (still in
# another CPU's LRU batch) may be cached too
[ "$resident" -ge 20 ] && pass || fail "mincore's count $resident < the 20 pages read and written"
if command -v fincore >/dev/null; then
	check "CACHED = fincore RES" "$(fincore -nb -o RES "$dir/known" | tr -d ' ')" \
		"$(cached "$dir/known")"
else
	echo "note: no fincore here (util-linux): not compared" >&2
fi
check "CACHED by the mincore fallback" "$(cached "$dir/known")" \
	"$(VMASCOPE_CACHE=mincore cached "$dir/known")"
check "mincore fallback: DIRTY unknown" "-" \
	"$(VMASCOPE_CACHE=mincore vms cache "$dir/known" -nr -o DIRTY)"
check "PAGES, SIZE" "100 $((100 * psz))" "$(vms cache "$dir/known" -nrb -o PAGES,SIZE)"
check "PERCENT" "$resident" "$(vms cache "$dir/known" -nr -o PERCENT)"
if VMASCOPE_CACHE=cachestat vms cache "$dir/known" >/dev/null 2>&1; then
	# dirty pages written back: a large folio may hold more than 5
	d=$(vms cache "$dir/known" -nrb -o DIRTY)
	[ "$d" -ge $((5 * psz)) ] && pass || fail "DIRTY before fsync: $d < 5 pages"
	sync "$dir/known"
	check "DIRTY after fsync" 0 "$(vms cache "$dir/known" -nrb -o DIRTY)"
else
	echo "note: no cachestat: DIRTY not tested" >&2
fi

# tmpfs: every page written is cached; a memfd found through --pid.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp /dev/shm/vmascope-test.XXXXXX)
	head -c $((37 * psz)) /dev/zero >"$shm"
	check "tmpfs file: CACHED" $((37 * psz)) "$(cached "$shm")"
	check "tmpfs file: FS" tmpfs "$(vms cache "$shm" -nr -o FS)"
fi
hold -M memtest 23
row=$(vms cache --pid $$ "$layout_pid" -nrb -o FILE,CACHED,DELETED,PIDS | grep '^/memfd:memtest')
check "memfd by --pid" "/memfd:memtest\\x20(deleted) $((23 * psz)) 1 $layout_pid" "$row"

# A deleted file that a child keeps open, found by --all.
hold -r 0-12 -u "$dir/gone" 30
row=$(vms cache --all -nrb -o FILE,CACHED,DELETED,PIDS | grep "^$dir/gone")
set -- $row ''
check "deleted file: name" "$dir/gone\\x20(deleted)" "$1"
check "deleted file: CACHED, DELETED" "$((12 * psz)) 1" "$2 $3"
case ",$4," in *",$layout_pid,"*) pass ;; *) fail "deleted file: PIDS '$4' lacks $layout_pid" ;; esac

# --top keeps the largest; -R leaves out files with nothing cached.
for n in 1 2 3 4 5; do head -c $((n * 40 * psz)) /dev/zero >"$dir/t$n"; done
vms cache -R "$dir" --top 2 -nr -o FILE >"$tmpdir/top"
check "--top 2" "$dir/t5 $dir/t4" "$(tr '\n' ' ' <"$tmpdir/top" | sed 's/ $//')"

# Files that vanish during a walk: skipped, never an error. A deleter
# removes a tree of 4000 files while vmascope walks it, five times.
i=0
while [ $i -lt 5 ]; do
	mkdir -p "$tmpdir/churn/d"
	(cd "$tmpdir/churn/d" && seq 4000 | xargs touch)
	(cd "$tmpdir/churn/d" && ls | xargs rm -f) &
	rmpid=$!
	vms cache -R "$tmpdir/churn" -v -nr -o FILE >/dev/null 2>"$tmpdir/churn.err"
	rc=$?
	wait $rmpid
	[ $rc = 0 ] && pass || fail "walk with files vanishing: exit $rc: $(head -c 200 "$tmpdir/churn.err")"
	i=$((i + 1))
done

# Bad input: never opened, an error when named, skipped in a walk.
mkfifo "$dir/fifo"
check_rc "FIFO named" 1 vms cache "$dir/fifo"
check_err "FIFO named" "fifo: a FIFO"
check_rc "device named" 1 vms cache /dev/null
check_err "device named" "a character device"
# The same named to a walk: fts stats the paths it is given, not into
# fts_statp (unset under FTS_NOSTAT): the type is looked up again.
check_rc "device named to -R" 1 vms cache -R /dev/null
check_err "device named to -R" "/dev/null: a character device"
check_rc "FIFO named to -R" 1 vms cache -R "$dir/fifo"
check_err "FIFO named to -R" "fifo: a FIFO"
check_rc "/proc file named" 1 vms cache /proc/meminfo
check_err "/proc file named" "proc, which has no page cache"
check_rc "directory without -R" 1 vms cache "$dir"
check_rc "missing file" 1 vms cache "$dir/nothing"
check_err "missing file" "nothing: No such file"
if command -v python3 >/dev/null; then
	python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$dir/sock"
	check_rc "socket named" 1 vms cache "$dir/sock"
	check_err "socket named" "a socket"
fi
check_rc "walk with a FIFO" 0 vms cache -R "$dir" -v
check_err "walk with a FIFO" "fifo: skipped: a FIFO"
check_rc "/sys named with -R" 1 vms cache -R /sys/kernel/mm
check_err "/sys named with -R" "sysfs, which has no page cache"
# A proc mounted inside the tree: skipped with a reason, not walked.
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	mkdir -p "$tmpdir/tree/proc"
	echo x >"$tmpdir/tree/file"
	unshare -m sh -c 'mount -t proc proc "$1/proc" && exec "$2" cache -R "$1" -v -nr -o FILE' \
		sh "$tmpdir/tree" "$VMASCOPE" >"$tmpdir/out" 2>"$tmpdir/err"
	check "walk over a proc mount" "$tmpdir/tree/file" "$(cat "$tmpdir/out")"
	check_err "walk over a proc mount" "tree/proc: skipped: a file of proc"
	# --one-file-system: a tmpfs mounted inside is left out
	mkdir -p "$tmpdir/tree/mnt"
	inside() {
		unshare -m sh -c 'mount -t tmpfs none "$1/mnt" && echo y >"$1/mnt/in" &&
			shift && exec "$@"' sh "$tmpdir/tree" "$VMASCOPE" cache -R "$@" \
			"$tmpdir/tree" -nr -o FILE 2>"$tmpdir/err" | sort | tr '\n' ' '
	}
	check "-R crosses mounts" "$tmpdir/tree/file $tmpdir/tree/mnt/in " "$(inside)"
	check "-R --one-file-system" "$tmpdir/tree/file " "$(inside --one-file-system)"
fi
# An unreadable file: as an ordinary user (root reads everything).
: >"$dir/locked"; chmod 000 "$dir/locked"; chmod 755 "$tmpdir" "$dir"
as_user=''
if [ "$(id -u)" != 0 ]; then
	as_user=env
elif command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	as_user="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
fi
if [ -n "$as_user" ]; then
	check_rc "unreadable file" 1 $as_user "$VMASCOPE" cache "$dir/locked"
	check_err "unreadable file" "locked: Permission denied"
	# in a walk: skipped with the reason
	check_rc "unreadable file in a walk" 0 $as_user "$VMASCOPE" cache -R "$dir" -v
	check_err "unreadable file in a walk" "locked: skipped: Permission denied"
fi

# --frames: the flags of the cached pages against kpageflags read plainly
# through the holder's own mapping of the same file.
if [ "$(id -u)" = 0 ] && [ -r /proc/kpageflags ] && [ -x "$PP" ]; then
	hold -r 0-20 -r 30-40 -d 60-64 -m -l 0-8 "$dir/frames" 80
	set -- $(awk '$1 == "map" {print $2, $3}' "$tmpdir/layout")
	# KPF bits: referenced 2, dirty 4, active 6, unevictable 18
	peek() {
		"$PP" pages "$layout_pid" "$1" "$2" | awk '
		{ f = 0; h = $3; for (i = 1; i <= length(h); i++)
			f = f * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
		  r += int(f / 4) % 2; d += int(f / 16) % 2; a += int(f / 64) % 2
		  u += int(f / 262144) % 2; n++ }
		END { printf "%d %d %d %d %d\n", n, a, r, d, u }'
	}
	before=$(peek "$1" "$2")
	got=$(vms cache --frames "$dir/frames" -nrb -o CACHED,ACTIVE,REFERENCED,DIRTY,UNEVICTABLE,MAPPED |
		awk -v p=$psz '{ print $1 / p, $2 / p, $3 / p, $4 / p, $5 / p, $6 / p }')
	after=$(peek "$1" "$2")
	check "--frames leaves the flags as they were" "$before" "$after"
	set -- $got
	check "--frames = kpageflags (pages ACTIVE REFERENCED DIRTY UNEVICTABLE)" \
		"$after" "$1 $2 $3 $4 $5"
	check "--frames: MAPPED = the holder's pages" "$1" "$6"
	check "--frames: UNEVICTABLE = the mlocked pages" 8 "$5"
	check "--frames: CGROUP" "$(vms cache --frames "$dir/frames" -nr -o CGROUP | grep -c .)" 1
	# --by cgroup: the cgroups' shares add up to the file's frames
	check "--by cgroup sums to CACHED" "$(($1 * psz))" \
		"$(vms cache --by cgroup "$dir/frames" -nrb -o CACHED | awk '{ s += $1 } END { print s }')"
	# charged to the writer's memory cgroup (v1 memory line, or v2's)
	cg=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3 }' /proc/$layout_pid/cgroup)
	[ -z "$cg" ] && grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null &&
		cg=$(awk -F: '$1 == 0 { print $3 }' /proc/$layout_pid/cgroup)
	[ -n "$cg" ] && check "--by cgroup names the writer's memory cgroup" "$cg" \
		"$(vms cache --by cgroup "$dir/frames" -nr -o CGROUP | head -1)"
else
	echo "note: --frames not tested (needs root and /proc/kpageflags)" >&2
fi
finish
