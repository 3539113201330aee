#!/bin/sh
# top --by and the filters on a live forked server: a parent and workers
# of one executable, run as nobody in a memory cgroup of its own (where
# one can be made). --by program, user and cgroup must be the sums of the
# processes' rows; the filters pick exactly them; PSS_ANON, PSS_FILE,
# PSS_SHMEM, PSS_DIRTY and SWAPPSS are smaps_rollup's; share sees the
# workers as each other's PEERS.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
. "$TESTS_SRCDIR/helpers/groups-lib.sh"
need_root
hold_still
FS=$TESTS_BUILDDIR/helpers/forkserver
[ -x "$FS" ] || skip "$FS not built"
command -v setpriv >/dev/null || skip "no setpriv (util-linux)"
vms() { "$VMASCOPE" "$@"; }
W=3
NOBODY=65534
cgdir=

cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null
	wait 2>/dev/null
	# The cgroup goes once its processes are gone.
	i=0
	while [ -n "$cgdir" ] && [ -d "$cgdir" ] && [ $i -lt 50 ]; do
		rmdir "$cgdir" 2>/dev/null || sleep 0.1
		i=$((i + 1))
	done
	rm -rf "$tmpdir"
}
trap cleanup EXIT

# The hierarchy vmascope shows as CGROUP: the v1 memory controller's where
# there is one, else the unified one. Prints "MOUNTPOINT PATH".
cgroup_home() {
	local path fstype
	path=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3; exit }' /proc/self/cgroup)
	if [ -n "$path" ]; then fstype=cgroup; else
		path=$(sed -n 's/^0:://p' /proc/self/cgroup)
		fstype=cgroup2
	fi
	[ -n "$path" ] || return 1
	awk -v fs="$fstype" -v p="$path" '{
		for (i = 7; i <= NF && $i != "-"; i++) ;
		if ($(i + 1) != fs || $4 != "/") next
		if (fs == "cgroup" && $(i + 3) !~ /(^|,)memory(,|$)/) next
		print $5, p; exit
	}' /proc/self/mountinfo | grep .
}

# The server's executable where nobody may run it.
mkdir "$tmpdir/bin"
cp "$FS" "$tmpdir/bin/forkserver"
chmod 755 "$tmpdir" "$tmpdir/bin"
cgpath=
if home=$(cgroup_home); then
	set -- $home
	cgpath=${2%/}/vmascope-groups-$$
	mkdir "$1$cgpath" 2>/dev/null && cgdir=$1$cgpath || cgpath=
fi
[ -n "$cgpath" ] || echo "no cgroup of our own here: --by cgroup checked on the cgroup we are in"
# The shell moves itself into the cgroup (or says it could not), then
# becomes the server.
start_layout forkserver sh -c '[ -z "$1" ] ||
	{ echo $$ >"$1/cgroup.procs"; } 2>/dev/null || echo no-cgroup
	exec setpriv --reuid='$NOBODY' --regid='$NOBODY' --clear-groups "$2" -w '$W \
	sh "$cgdir" "$tmpdir/bin/forkserver"
if grep -q '^no-cgroup$' "$tmpdir/layout"; then
	echo "could not move into $cgdir: --cgroup checked on the cgroup we are in"
	cgpath=
fi
pids=$(printf '%s\n' $layout_pid $(awk '$1 == "worker" { print $2 }' "$tmpdir/layout") | sort -n | tr '\n' ' ')
set -- $pids
check "server processes" $((W + 1)) $#
sel="--comm ^forkserver$ --user nobody"

# The filters find exactly the server.
check "--comm --user" "$pids" "$(vms top $sel -n -r -o PID -s PID | tr '\n' ' ')"
if [ -n "$cgpath" ]; then
	check "--cgroup" "$pids" "$(vms top --cgroup "$cgpath" -n -r -o PID -s PID | tr '\n' ' ')"
	check "CGROUP" "$cgpath" "$(vms top $layout_pid -n -r -o CGROUP)"
	check "maps --all --cgroup" "$pids" \
		"$(vms maps --all --cgroup "$cgpath" -n -r -o PID | sort -nu | tr '\n' ' ')"
fi
check "USER" "nobody" "$(vms top $layout_pid -n -r -o USER)"
check "EXE" "$tmpdir/bin/forkserver" "$(vms top $layout_pid -n -r -o EXE)"

# One group each: the server's processes, summed.
GROUP_TRIES=3
check_group_sums program EXE $sel
check_group_sums user USER $sel
check_group_sums cgroup CGROUP $sel
check "--by program: one row of all" "$((W + 1)) $tmpdir/bin/forkserver" \
	"$(vms top $sel --by program -n -r -o PROCS,EXE)"
check "--by user: one row of all" "$((W + 1)) nobody" \
	"$(vms top $sel --by user -n -r -o PROCS,USER)"

# --frames: the group's USS is the memory only its processes map, counted
# here from pagemap and /proc/kpage* by pagepeek: the distinct frames all
# of whose mappings (kpagecount) are the server's; not the zero page, not
# hugetlb (flag bits 24, 17).
PEEK=$TESTS_BUILDDIR/helpers/pagepeek
if [ -x "$PEEK" ] && [ -r /proc/kpagecount ]; then
	for pid in $pids; do
		awk '$6 != "[vsyscall]" { split($1, a, "-"); print a[1], a[2] }' /proc/$pid/maps |
		while read -r lo hi; do
			"$PEEK" pages "$pid" "$lo" "$hi"
		done
	done >"$tmpdir/peek"
	want=$(awk -v psz="$(getconf PAGESIZE)" '
		function hex(s,	i, v) { v = 0; s = tolower(s)
			for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
			return v }
		NF == 4 && $2 != "0" { n[$2]++; c[$2] = $4; f[$2] = hex($3) }
		END { for (p in n) if (n[p] == c[p] && int(f[p] / 2^24) % 2 == 0 && int(f[p] / 2^17) % 2 == 0) s += psz
			print s + 0 }' "$tmpdir/peek")
	check "--by program --frames: USS is the frames only the server maps" "$want" \
		"$(vms top $sel --by program --frames -b -n -r -o USS)"
	sum=$(vms top $sel -b -n -r -o USS | awk '{ s += $1 } END { print s }')
	[ "$want" -gt "$sum" ] && pass ||
		fail "--frames: the server's own memory $want is not above its USS sum $sum"
	# A process alone: the frames only it maps, however many times.
	check "--frames of the parent alone" \
		"$(vms top $layout_pid --frames -b -n -r -o USS)" \
		"$(vms top $layout_pid --by program --frames -b -n -r -o USS)"
fi

# The PSS split is smaps_rollup's, process by process.
for pid in $pids; do
	got=$(vms top $pid -b -n -r -o PSS_ANON,PSS_FILE,PSS_SHMEM,PSS_DIRTY,SWAPPSS)
	want=$(awk '$1 == "Pss_Anon:" { a = $2 } $1 == "Pss_File:" { f = $2 }
		$1 == "Pss_Shmem:" { s = $2 } $1 == "Pss_Dirty:" { d = $2 }
		$1 == "SwapPss:" { w = $2 }
		END { print a * 1024, f * 1024, s * 1024, d * 1024, w * 1024 }' /proc/$pid/smaps_rollup)
	check "PID $pid: PSS_ANON PSS_FILE PSS_SHMEM PSS_DIRTY SWAPPSS" "$want" "$got"
done
# The shared memory region is shmem: each process holds a share of it.
shmem=$(vms top $layout_pid -b -n -r -o PSS_SHMEM)
[ "$shmem" -gt 0 ] && pass || fail "PSS_SHMEM of the server is $shmem"

# share: the workers and the parent share copy-on-write and shared
# memory, so each has the W others as PEERS.
if [ -r /proc/kpagecount ]; then
	check "share PEERS" "$W $W $W $W" \
		"$(vms share $sel --by process -n -r -o PEERS | tr '\n' ' ' | sed 's/ $//')"
	check "share --total PROCS" "$((W + 1))" \
		"$(vms share $sel --total -n -r -o IMAGE,PROCS | awk '$1 == "total" { print $2 }')"
	# --tree: under each image a row per process that maps it, whose
	# sizes sum to the image's (PSS: each row rounded, a byte apiece).
	vms share $sel --tree -b -n -r -o IMAGE,PROCS,RSS,PSS,USS,SWAP,VSS,PID \
		>"$tmpdir/tree"
	if awk 'function done() {
			if (img == "") return
			if (kids != procs) { printf "%s: %d rows under it, PROCS %d\n", img, kids, procs; bad = 1 }
			for (i = 3; i <= 7; i++) {
				d = s[i] - v[i]; if (d < 0) d = -d
				if (d > (i == 4 ? kids : 0)) { printf "%s: column %d is %s, its processes sum to %s\n", img, i, v[i], s[i]; bad = 1 }
			}
		}
		$2 != "-" { done(); img = $1; procs = $2; kids = 0; for (i = 3; i <= 7; i++) { v[i] = $i; s[i] = 0 }; n++; next }
		{ kids++; for (i = 3; i <= 7; i++) s[i] += $i }
		END { done(); if (!n) { print "no image rows"; bad = 1 }; exit bad }' \
		"$tmpdir/tree" >"$tmpdir/why"; then pass; else fail "share --tree: $(cat "$tmpdir/why")"; fi
	# --perms: only the mappings with those permissions, as maps has them.
	want=$(vms maps $pids -b -n -r -o PERMS,SIZE,KIND |
		awk '$1 == "r-xp" && $3 != "vsyscall" { s += $2 } END { print s }')
	check "share --perms r-xp: VSS" "$want" \
		"$(vms share $sel --perms r-xp --total -b -n -r -o IMAGE,VSS | awk '$1 == "total" { print $2 }')"
	check "share --perms x: the same mappings" "$want" \
		"$(vms share $sel --perms xp --total -b -n -r -o IMAGE,VSS | awk '$1 == "total" { print $2 }')"
fi
finish
