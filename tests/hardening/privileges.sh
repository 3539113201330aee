#!/bin/bash
# Privileges (the man page's PRIVILEGES): vmascope as an unprivileged
# user, and as that user with file capabilities; the capabilities it keeps
# while it runs; and that it opens nothing in /proc or /sys for writing.
. "$(dirname "$0")/../helpers/lib.sh"
need_root
for t in setpriv setcap strace; do
	command -v "$t" >/dev/null 2>&1 || skip "$t missing"
done
[ -r /proc/kpageflags ] || skip "no /proc/kpageflags"
chmod 755 "$tmpdir"
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups
	--inh-caps=-all --bounding-set=-all)
# File capabilities need the bounding set: keep it.
nobody_fc=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)

# Targets: a process of nobody's, and one of root's.
"${nobody[@]}" sleep 600 &
own=$!
sleep 600 &
rootp=$!
trap 'kill $own $rootp 2>/dev/null; rm -rf "$tmpdir"' EXIT
for _ in $(seq 50); do
	[ "$(stat -c %u /proc/$own 2>/dev/null)" = 65534 ] &&
		grep -q sleep "/proc/$own/comm" && break
	sleep 0.05
done
own_addr=$(awk -F- 'NR == 1 { print $1 }' "/proc/$own/maps")

# lines NAME PATTERN N: stderr of the last run has N lines matching.
lines() {
	local n
	n=$(grep -c -- "$2" "$tmpdir/err")
	check "$1: lines of '$2' on stderr" "$3" "$n"
}
# once NAME: the reason is given once; no line of stderr is repeated.
once() {
	local dup
	dup=$(sort "$tmpdir/err" | uniq -d | head -1)
	if [ -z "$dup" ]; then pass; else fail "$1: said twice: $dup"; fi
	lines "$1" 'CAP_SYS_ADMIN' 1
}
# all_null NAME COL...: in the raw output (-r -n), these columns are "-"
# (but on the gate VMA, [vsyscall], whose counters are 0, as in smaps).
all_null() {
	local name=$1 bad
	shift
	bad=$(awk -v cols="$*" 'BEGIN { n = split(cols, c, " ") }
		/ffffffffff600000/ { next }
		{ for (i = 1; i <= n; i++) if ($c[i] != "-") { print; exit } }' \
		"$tmpdir/out")
	if [ -z "$bad" ] && [ -s "$tmpdir/out" ]; then pass; else
		fail "$name: columns $* should be '-': ${bad:-no output}"
	fi
}
none_null() {
	local name=$1 bad
	shift
	bad=$(awk -v cols="$*" 'BEGIN { n = split(cols, c, " ") }
		{ for (i = 1; i <= n; i++) if ($c[i] == "-") { print; exit } }' \
		"$tmpdir/out")
	if [ -z "$bad" ] && [ -s "$tmpdir/out" ]; then pass; else
		fail "$name: columns $* should be known: ${bad:-no output}"
	fi
}

# ---- as nobody, no capabilities ----
V=$VMASCOPE
# smaps answers RSS PSS USS SHARED ANON SWAP without PFNs: no walk, no
# message; the frame columns a walk needs say what is missing, once.
check_rc "nobody maps own" 0 "${nobody[@]}" "$V" maps "$own" -r -n -b -o START,RSS,PSS,USS,SHARED,ANON,SWAP
check "nobody maps own: stderr" "" "$(cat "$tmpdir/err")"
none_null "nobody maps own" 2 3 4 5 6 7
# The same numbers as smaps (RSS of the first VMA, in kB; its PSS moves
# with every sleep started meanwhile).
check "nobody maps own: RSS of smaps" \
	"$(awk '/^Rss:/ { print $2 * 1024; exit }' "/proc/$own/smaps")" \
	"$(awk 'NR == 1 { print $2 }' "$tmpdir/out")"
check_rc "nobody maps own THP" 0 "${nobody[@]}" "$V" maps "$own" -r -n -b -o START,RSS,PSS,THP,ZERO
once "nobody maps own THP"
check_err "nobody maps own THP" 'unavailable.*THP'
none_null "nobody maps own THP" 2 3
all_null "nobody maps own THP" 4 5
check_rc "nobody maps own JSON" 0 "${nobody[@]}" "$V" maps "$own" -J -o START,RSS,PSS,USS,THP
check "nobody maps own JSON: PSS known, THP null" "false null" \
	"$(jq -r '[.. | objects | select(has("pss")) | select(.start != "ffffffffff600000")] | [(map(.pss) | any(. == null)), (map(.thp) | unique | map(tostring) | join(","))] | join(" ")' "$tmpdir/out")"

check_rc "nobody pages own" 0 "${nobody[@]}" "$V" pages "$own" -r -n -o ADDR,PFN,PHYS,FLAGS,COUNT,CGROUP,PRESENT
once "nobody pages own"
all_null "nobody pages own" 2 3 4 5 6
check_rc "nobody pages own JSON" 0 "${nobody[@]}" "$V" pages "$own" -J -o ADDR,PFN,COUNT
check "nobody pages own JSON: PFN null" "null" \
	"$(jq -r '[.. | objects | select(has("pfn")) | .pfn] | unique | map(tostring) | join(",")' "$tmpdir/out")"

check_rc "nobody resolve own" 0 "${nobody[@]}" "$V" resolve "$own" "0x$own_addr" -r -n -o ADDR,PFN,FLAGS,COUNT
once "nobody resolve own"
all_null "nobody resolve own" 2 3 4

check_rc "nobody elf own" 0 "${nobody[@]}" "$V" elf "$own"
once "nobody elf own"

check_rc "nobody maps root's" 1 "${nobody[@]}" "$V" maps "$rootp"
check_err "nobody maps root's" "^vmascope: PID $rootp: permission denied\$"
check_rc "nobody pages root's" 1 "${nobody[@]}" "$V" pages "$rootp"
check_err "nobody pages root's" "^vmascope: PID $rootp: permission denied\$"
check_rc "nobody top root's" 1 "${nobody[@]}" "$V" top "$rootp"
check_err "nobody top root's" "^vmascope: PID $rootp: permission denied\$"

# Whole-system views: other users' processes are skipped, not errors.
check_rc "nobody top" 0 "${nobody[@]}" "$V" top -r -n -o PID,USER
if awk '$2 != "nobody" { exit 1 }' "$tmpdir/out"; then pass; else
	fail "nobody top: shows another user's process: $(awk '$2 != "nobody"' "$tmpdir/out" | head -1)"
fi
check_rc "nobody top walk" 0 "${nobody[@]}" "$V" top -r -n -b -o PID,RSS,PSS,USS,THP
once "nobody top walk"
none_null "nobody top walk" 2 3 4
all_null "nobody top walk" 5
check_rc "nobody maps --all" 0 "${nobody[@]}" "$V" maps --all -r -n -b -o PID,RSS,PSS,USS,THP,START
once "nobody maps --all"
none_null "nobody maps --all" 2 3 4
all_null "nobody maps --all" 5
check_rc "nobody share --by process" 0 "${nobody[@]}" "$V" share --by process -r -n -b -o PID,RSS,PSS,USS,SHARED
once "nobody share --by process"
all_null "nobody share --by process" 3 4 5
# The capability message covers the kpage files it makes unreadable.
check "nobody share: one message" 1 "$(wc -l <"$tmpdir/err")"

# Frames: kpage* are root's (0400): unavailable, said once, exit 1 when
# nothing at all can be shown.
check_rc "nobody pfn" 0 "${nobody[@]}" "$V" pfn 4096 -r -n -o PFN,FLAGS,RAWFLAGS,COUNT,CGROUP
all_null "nobody pfn" 2 3 4 5
if sort "$tmpdir/err" | uniq -d | grep -q .; then fail "nobody pfn: repeated"; else pass; fi
# pfn reads frames by number: the kpage files it cannot read are named,
# each once; CAP_SYS_ADMIN is said to be missing for what needs it only.
lines "nobody pfn names kpageflags" 'cannot read /proc/kpageflags' 1
lines "nobody pfn: capability message" 'CAP_SYS_ADMIN.*RAM and --who$' 1
check_rc "nobody pfn --who" 1 "${nobody[@]}" "$V" pfn 4096 --who
check_err "nobody pfn --who" 'CAP_SYS_ADMIN'
# A maps file of another user's process is read as the process is.
check_rc "root maps --maps-file of root's" 0 "$V" maps --maps-file "/proc/$rootp/maps"
check_rc "nobody flags" 1 "${nobody[@]}" "$V" flags
check_err "nobody flags" 'cannot read /proc/kpageflags'

# ---- as nobody with file capabilities ----
mkdir "$tmpdir/fc"
cp "$V" "$tmpdir/fc/vmascope"
chmod 755 "$tmpdir/fc" "$tmpdir/fc/vmascope"
if setcap cap_sys_admin,cap_sys_ptrace,cap_dac_read_search+ep "$tmpdir/fc/vmascope" 2>/dev/null &&
   "${nobody_fc[@]}" "$tmpdir/fc/vmascope" pages "$rootp" -r -n -o PFN >/dev/null 2>&1; then
	FC=$tmpdir/fc/vmascope
	check_rc "fcaps maps root's" 0 "${nobody_fc[@]}" "$FC" maps "$rootp" -r -n -b -o START,RSS,PSS,USS
	check "fcaps maps root's: stderr" "" "$(cat "$tmpdir/err")"
	check_rc "fcaps pages root's" 0 "${nobody_fc[@]}" "$FC" pages "$rootp" -r -n -o ADDR,PFN,FLAGS,COUNT --flags present
	none_null "fcaps pages root's" 2 3 4
	pfn=$(awk 'NR == 1 { print $2 }' "$tmpdir/out")
	check_rc "fcaps pfn" 0 "${nobody_fc[@]}" "$FC" pfn "0x$pfn" -r -n -o PFN,FLAGS,COUNT
	none_null "fcaps pfn" 1 2 3
	check_rc "fcaps pfn --who" 0 "${nobody_fc[@]}" "$FC" pfn "0x$pfn" --who -r -n -o PID
	grep -qx "$rootp" "$tmpdir/out" && pass || fail "fcaps pfn --who: $rootp not found"
	check_rc "fcaps top" 0 "${nobody_fc[@]}" "$FC" top -r -n -o PID,USER
	grep -q ' root$' "$tmpdir/out" && pass || fail "fcaps top: no root process"
	check_rc "fcaps flags" 0 "${nobody_fc[@]}" "$FC" flags
else
	echo "SKIP: file capabilities (setcap or the filesystem refuses them)" >&2
	FC=
fi

# ---- the capabilities left while it runs ----
# The run's stdout is a FIFO whose pipe is already full: the first write
# blocks, and /proc/PID/status shows what the process holds then.
mkfifo "$tmpdir/fifo"
CAP_DAC_READ_SEARCH=$((1 << 2)) CAP_SYS_PTRACE=$((1 << 19)) CAP_SYS_ADMIN=$((1 << 21))
# held_caps WANTMAX NAME CMD...: CapEff and CapPrm of the blocked run hold
# nothing beyond WANTMAX, and no_new_privs is set (nothing it could exec
# regains more).
held_caps() {
	local max=$1 name=$2 pid eff prm nnp i
	shift 2
	exec 3<>"$tmpdir/fifo"
	head -c 65536 /dev/zero >&3
	"$@" >"$tmpdir/fifo" 2>/dev/null &
	pid=$!
	for i in $(seq 200); do
		if grep -q '^Name:.*vmascope' "/proc/$pid/status" 2>/dev/null &&
		   [ "$(awk '{ print $1 }' "/proc/$pid/syscall" 2>/dev/null)" = 1 ]; then
			break
		fi
		sleep 0.05
	done
	eff=$(awk '/^CapEff:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	prm=$(awk '/^CapPrm:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	nnp=$(awk '/^NoNewPrivs:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	if [ "$(awk '{ print $1 }' "/proc/$pid/syscall" 2>/dev/null)" != 1 ]; then
		fail "$name: never blocked in write (status $(grep State "/proc/$pid/status" 2>/dev/null))"
	elif [ $((0x$eff & ~max)) != 0 ] || [ $((0x$prm & ~max)) != 0 ]; then
		fail "$name: holds CapEff $eff CapPrm $prm, at most $(printf %x "$max")"
	elif [ "$nnp" != 1 ]; then
		fail "$name: NoNewPrivs '$nnp': an exec could regain capabilities"
	else
		pass
	fi
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	exec 3>&-
}
all3=$((CAP_DAC_READ_SEARCH | CAP_SYS_PTRACE | CAP_SYS_ADMIN))
run_as=("")
[ -n "$FC" ] && run_as+=(fcaps)
for who in "${run_as[@]}"; do
	if [ "$who" = fcaps ]; then pre=("${nobody_fc[@]}" "$FC"); else pre=("$V"); who=root; fi
	held_caps $all3 "$who caps: maps" "${pre[@]}" maps "$rootp" -o +RSS,PSS
	held_caps $((CAP_DAC_READ_SEARCH | CAP_SYS_PTRACE)) "$who caps: maps no pages" "${pre[@]}" maps "$rootp" -o START,END
	held_caps $((CAP_DAC_READ_SEARCH | CAP_SYS_PTRACE)) "$who caps: maps --maps-file" "${pre[@]}" maps --maps-file "/proc/$rootp/maps"
	held_caps $all3 "$who caps: pages" "${pre[@]}" pages "$rootp"
	held_caps $all3 "$who caps: resolve" "${pre[@]}" resolve "$rootp" "0x$own_addr"
	held_caps $((CAP_DAC_READ_SEARCH | CAP_SYS_ADMIN)) "$who caps: pfn" "${pre[@]}" pfn 4096
	held_caps $all3 "$who caps: pfn --who" "${pre[@]}" pfn 4096 --who "$rootp"
	held_caps $((CAP_DAC_READ_SEARCH | CAP_SYS_PTRACE)) "$who caps: top" "${pre[@]}" top
	held_caps $all3 "$who caps: top walk" "${pre[@]}" top -o +THP
	held_caps $all3 "$who caps: share" "${pre[@]}" share
	held_caps $all3 "$who caps: elf" "${pre[@]}" elf "$rootp"
	held_caps $((CAP_DAC_READ_SEARCH | CAP_SYS_ADMIN)) "$who caps: flags" "${pre[@]}" flags
done

# ---- read-only: nothing in /proc or /sys opened for writing ----
pfn=$("$V" pages "$rootp" -r -n -o PFN --flags present 2>/dev/null | awk 'NR == 1 { print $1 }')
while read -r name args; do
	# shellcheck disable=SC2086
	# -y: paths of the descriptors, so openat(3</proc>, "PID/maps") shows.
	strace -f -y -qq -e trace=openat,open,creat,truncate -o "$tmpdir/strace" \
		"$V" $args </dev/null >/dev/null 2>&1
	# An option this build does not have yet: nothing to trace.
	[ $? = 64 ] && { echo "SKIP: strace $name: usage error" >&2; continue; }
	bad=$(grep -E '("|<)/(proc|sys)[/">]' "$tmpdir/strace" |
		grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|creat\(|truncate\(' | head -2)
	if [ -z "$bad" ]; then pass; else fail "strace $name: $bad"; fi
	grep -q '</proc/' "$tmpdir/strace" && pass || fail "strace $name: traced nothing"
done <<EOF2
maps maps $rootp --output-all
maps-all maps --all -o +RSS
pages pages $rootp --output-all
resolve resolve $rootp 0x$own_addr --dump --output-all
pfn pfn 0x$pfn --output-all
pfn-who pfn 0x$pfn --who
top top --output-all
share share
share-process share --by process
share-matrix share --matrix
flags flags
flags-cgroup flags --by cgroup
flags-node flags --by node
flags-list flags --list --flags hwpoison
elf elf $rootp
EOF2
finish
