#!/bin/sh
# share on live processes: a region shared by K children shows K+1
# processes and PSS = RSS/(K+1); pairs and peers see it; share agrees with
# top (smaps_rollup) on what both can tell.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
need_root
hold_still
[ -r /proc/kpagecount ] || skip "no /proc/kpagecount"
ML=$TESTS_BUILDDIR/helpers/memlayout
[ -x "$ML" ] || skip "$ML not built"
V=$VMASCOPE
psz=$(getconf PAGESIZE)
K=3
PAGES=200
mlpid=

cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null
	rm -rf "$tmpdir"
}
trap cleanup EXIT
start_layout memlayout "$ML" -s $PAGES -c $K -a 100 -d "$tmpdir"
mlpid=$layout_pid
kids=$(awk '$1 == "children" {$1 = ""; print}' "$tmpdir/layout")
set -- $mlpid $kids
check "children started" $((K + 1)) $#
start=$(awk '$1 == "region" && $2 == "shared" {print $3}' "$tmpdir/layout")
# The shared region's image: its inode, as maps shows it.
ino=$("$V" maps $mlpid -rn -o START,INODE | awk -v s="$start" '$1 == s {print $2}')

# --by image: the shared region is one image of K+1 processes.
"$V" share "$@" -rnb -o IMAGE,KIND,PROCS,RSS,PSS,USS >"$tmpdir/img"
row=$(awk '$2 == "shared-anon"' "$tmpdir/img")
check "shared image row" "/dev/zero shared-anon $((K + 1)) $((PAGES * psz * (K + 1))) $((PAGES * psz)) 0" \
	"$(echo $row)"
[ -n "$ino" ] && pass || fail "no inode for the shared region"

# --matrix: every pair of them maps the region's frames at least.
"$V" share "$@" --matrix -rnb -o PID,PEER,SHARED >"$tmpdir/pairs"
check "pairs" $(((K + 1) * K / 2)) "$(wc -l <"$tmpdir/pairs")"
awk -v min=$((PAGES * psz)) '$3 < min {print "pair", $1, $2, "shares", $3}' \
	"$tmpdir/pairs" >"$tmpdir/small"
[ -s "$tmpdir/small" ] && fail "$(head -1 "$tmpdir/small")" || pass

# --by process: each sees the K others as peers.
"$V" share "$@" --by process -rnb -o PID,PEERS >"$tmpdir/peers"
awk -v k=$K '$2 != k {print "PID", $1, "has", $2, "peers"}' "$tmpdir/peers" >"$tmpdir/bad"
[ -s "$tmpdir/bad" ] && fail "$(head -1 "$tmpdir/bad")" || pass
check "process rows" $((K + 1)) "$(wc -l <"$tmpdir/peers")"

# share --by process and top agree on RSS and USS for these processes.
# A library page moves between shared and own when another process that
# maps it starts or exits between the two reads: tried again, 3 times.
for pid in "$@"; do
	for try in 1 2 3; do
		a=$("$V" share $pid --by process -rnb -o RSS,USS)
		b=$("$V" top $pid -rnb -o RSS,USS)
		[ "$a" = "$b" ] && break
	done
	check "share vs top for $pid" "$b" "$a"
done

# All processes: the memlayout family is in, vmascope itself is not.
"$V" share --by process -rnb -o PID >"$tmpdir/all"
grep -qx $mlpid "$tmpdir/all" && pass || fail "share misses $mlpid"

# The same binary at two paths (two inodes, as in two containers): two
# images by file, one by build-id.
if readelf -n /bin/sleep 2>/dev/null | grep -q 'Build ID'; then
	mkdir "$tmpdir/a" "$tmpdir/b"
	cp /bin/sleep "$tmpdir/a/sleep"
	cp /bin/sleep "$tmpdir/b/sleep"
	"$tmpdir/a/sleep" 60 & a=$!
	"$tmpdir/b/sleep" 60 & b=$!
	sleep 0.3
	n=$("$V" share $a $b -rn -o IMAGE,PROCS | grep -c '/sleep 1$')
	check "two sleep images by file" 2 "$n"
	id=$(readelf -n /bin/sleep | awk '/Build ID/ {print $3}')
	"$V" share $a $b -rn -o BUILDID,PROCS | grep -c "^$id 2\$" >"$tmpdir/n"
	check "one sleep image by build-id" 1 "$(cat "$tmpdir/n")"
	kill $a $b
fi

# A PID that is gone: an error for an explicit target.
check_rc "vanished PID" 1 "$V" share 999999999
check_err "vanished PID named" "PID 999999999: no such process"
finish
