#!/bin/sh
# Snapshots: every command reads a snapshot of processes that
# hold still and gives the output it gave live. memlayout's family holds
# still; the comparison runs under the hold-still lock and each command's
# live run comes right before or after the snapshot.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
need_root
hold_still
[ -r /proc/kpagecount ] || skip "no /proc/kpagecount"
ML=$TESTS_BUILDDIR/helpers/memlayout
[ -x "$ML" ] || skip "$ML not built"
V=$VMASCOPE

cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null
	rm -rf "$tmpdir"
}
trap cleanup EXIT
# Anonymous, THP, file, shared with 2 children, a sparse reservation.
start_layout memlayout "$ML" -a 300 -t 4 -f 40 -s 50 -c 2 -S 2 -P 8 -d "$tmpdir"
kids=$(awk '$1 == "children" {$1 = ""; print}' "$tmpdir/layout")
set -- $layout_pid $kids
# The layout's program may have just been linked, and its file region
# written: dirty page cache that writeback cleans at any moment would move
# DIRTY and PSS_DIRTY between the snapshot and the live read. Clean first.
sync
anon=$(awk '$1 == "region" && $2 == "anon" {print $3}' "$tmpdir/layout")
S=$tmpdir/s.snap

# live OUT ARGS... / snap OUT ARGS...: a command, live and from $S. The
# map counts of shared libraries move with every process the machine
# starts, so rows of library mappings are left out of the comparison, and
# top compares the columns that libraries do not move. The idle flag is
# set by whoever uses /sys/kernel/mm/page_idle, and referenced and active
# by the kernel's LRU aging, at any time: left out (and RAWFLAGS, which
# holds them, and the REFERENCED and ACTIVE columns).
isolate || true
nolib() { grep -v -e '/usr/lib' -e '/lib/' -e 'ld-linux' -e '\[vdso\]' -e '\[vvar' -e '^RAWFLAGS' "$1" | sed 's/,idle//; s/,active//; s/referenced,//' >"$1.f"; mv "$1.f" "$1"; }
live() { out=$1; shift; vms "$@" >"$tmpdir/$out.live" 2>"$tmpdir/$out.err"; nolib "$tmpdir/$out.live"; }
snap() { out=$1; shift; vms "$@" --proc-root "$S" >"$tmpdir/$out.snap" 2>>"$tmpdir/$out.err"; nolib "$tmpdir/$out.snap"; }
same() {
	if cmp -s "$tmpdir/$1.live" "$tmpdir/$1.snap" && [ -s "$tmpdir/$1.live" ]; then
		pass
	else
		fail "$1: snapshot output differs from live ($(diff "$tmpdir/$1.live" "$tmpdir/$1.snap" | head -60; head -c 200 "$tmpdir/$1.err"))"
	fi
}
compare() {
	local name
	name=$(echo "$*" | tr ' ,' '__' | cut -c1-50)
	live "$name" "$@"
	snap "$name" "$@"
	same "$name"
}

# Taken through the private loader like every reader here: a snapshot
# taken on the system's libc would map the target's library pages once
# more while it reads them, and lower their USS and PSS.
check_rc "snapshot" 0 vms snapshot "$@" -f "$S"
[ -s "$S" ] && pass || fail "no snapshot file"
thp=$(awk '$1 == "region" && $2 == "thp" {print $3 "-" $4}' "$tmpdir/layout")
shared=$(awk '$1 == "region" && $2 == "shared" {print $3 "-" $4}' "$tmpdir/layout")
pfns=$("$V" pages $layout_pid --range "$shared" -rn -o PFN | head -3 | sed 's/^/0x/')
addr=$(printf '%x' $((0x$anon + 4096)))

compare maps "$@"
compare maps $layout_pid -o START,END,SIZE,PERMS,OFFSET,DEV,INODE,NAME,KIND,DELETED,RSS,PSS,USS,SHARED,SWAP,ANON,FILE,THP,HUGETLB,DIRTY,LOCKED,KSM,ZERO,VMFLAGS,THPELIGIBLE,PKEY
compare top "$@" -s PID -o PID,USER,COMMAND,RSS,USS,SWAP,ANON,FILE,THP
compare top "$@" -J -o PID,COMMAND,RSS,USS,SWAP
compare pages $layout_pid --range "$thp" -o ADDR,PFN,FLAGS,COUNT,CGROUP,NODE
compare pages $(echo $kids | cut -d' ' -f1) --range "$shared" -o ADDR,PFN,FLAGS,COUNT,CGROUP,NODE
compare share "$@" --by process -o PID,PEERS,RSS,USS,SHARED
compare share "$@" --matrix
compare resolve $layout_pid $anon $addr
compare pfn $pfns -o PFN,FLAGS,COUNT,CGROUP,NODE
compare pfn $(echo $pfns | cut -d' ' -f1) --who "$@"
# What main's top, maps and share read besides (cmdline, exe, cgroup,
# smaps_rollup's split of PSS, smaps' SwapPss): grouped and filtered too.
compare top "$@" -s PID -o PID,COMMAND,ARGS,EXE,CGROUP,UNIT,PSS_ANON,SWAPPSS
compare top "$@" --by program -o PROCS,COMMAND,RSS,USS,SWAP,EXE --total
compare top "$@" --by cgroup -o PROCS,RSS,USS,SWAP,CGROUP
compare top --comm memlayout -o PID,COMMAND,RSS,USS
compare maps $layout_pid -o START,END,RSS,SWAPPSS,PSS_DIRTY,NAME --total
compare share "$@" --by process -o PID,VSS,RSS,USS --total

# Whole-machine frames: the node sizes and the number of frames do not
# move, whatever the machine does between the two runs.
S=$tmpdir/all.snap
check_rc "snapshot --frames all" 0 "$V" snapshot $layout_pid --frames all -f "$S"
compare flags --by node -b -o NODE,PAGES
a=$("$V" flags -rnb -o PAGES | awk '{s += $1} END {print s}')
b=$("$V" flags -rnb -o PAGES --proc-root "$S" | awk '{s += $1} END {print s}')
check "frames of the machine" "$a" "$b"
# A snapshot of mapped frames has no flags of the whole machine.
check_rc "flags of a mapped-frames snapshot" 1 "$V" flags --proc-root "$tmpdir/s.snap"
check_err "flags of a mapped-frames snapshot" "frames"

# Taken as root, read as a user: the same output, PFNs and all.
if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	cp "$tmpdir/s.snap" "$tmpdir/u.snap"
	chmod 755 "$tmpdir"
	chmod 644 "$tmpdir/u.snap"
	for c in "top $layout_pid -o PID,RSS,PSS,USS" "pages $layout_pid --range $thp -o ADDR,PFN,COUNT"; do
		"$V" $c --proc-root "$tmpdir/u.snap" >"$tmpdir/root.out" 2>&1
		TMPDIR=/tmp setpriv --reuid=nobody --regid=nogroup --clear-groups \
			"$V" $c --proc-root "$tmpdir/u.snap" >"$tmpdir/user.out" 2>&1
		if cmp -s "$tmpdir/root.out" "$tmpdir/user.out" && [ -s "$tmpdir/user.out" ]; then
			pass
		else
			fail "$c as nobody: $(diff "$tmpdir/root.out" "$tmpdir/user.out" | head -3)"
		fi
	done
else
	echo "no setpriv or no user nobody: reading as a user not checked"
fi

# The temporary tree is gone once the command ends (in a TMPDIR of this
# test's own, so that other runs on the machine cannot disturb the count).
mkdir "$tmpdir/own-tmp"
TMPDIR=$tmpdir/own-tmp "$V" top --proc-root "$S" >/dev/null
ls -A "$tmpdir/own-tmp" >"$tmpdir/left"
[ ! -s "$tmpdir/left" ] && pass || fail "temporary tree left: $(cat "$tmpdir/left")"
finish
