#!/bin/sh
# maps on live processes: a child whose address space this test knows.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"

# A child with a deleted file mapping and a named region: python3 is not
# everywhere, so use the shell's own maps and a plain sleep.
sleep 120 & pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmpdir"' EXIT
sleep 0.2

# Every VMA of /proc/PID/maps appears once, in order, with its fields.
awk '{split($1, a, "-"); print a[1], a[2], $2}' /proc/$pid/maps >"$tmpdir/want"
"$VMASCOPE" maps $pid -rn -o START,END,PERMS >"$tmpdir/got"
awk '{printf "%s %s %s\n", $1, $2, $3}' "$tmpdir/want" | sed 's/^0*//' |
	sed 's/ 0*\([0-9a-f]\)/ \1/' >"$tmpdir/want2"
cmp -s "$tmpdir/want2" "$tmpdir/got" && pass || {
	fail "START END PERMS differ from /proc/$pid/maps"
	diff "$tmpdir/want2" "$tmpdir/got" | head >&2
}

# The sleep binary is mapped as a file, its stack and heap by kind.
bin=$(readlink /proc/$pid/exe)
"$VMASCOPE" maps $pid -rn -o KIND,NAME >"$tmpdir/kinds"
grep -q "^file $bin\$" "$tmpdir/kinds" && pass || fail "no file VMA for $bin"
grep -q '^stack \[stack\]$' "$tmpdir/kinds" && pass || fail "no stack VMA"
grep -q '^vdso \[vdso\]$' "$tmpdir/kinds" && pass || fail "no vdso VMA"

# SIZE is END - START, in bytes with -b.
# (the shell's arithmetic is signed: leave out [vsyscall] at the top)
"$VMASCOPE" maps $pid -rnb -o START,END,SIZE | grep -v '^ffffffff' |
while read -r s e z; do
	[ $((0x$e - 0x$s)) = "$z" ] || echo "bad size $s $e $z"
done >"$tmpdir/sizes"
[ -s "$tmpdir/sizes" ] && fail "SIZE: $(head -1 "$tmpdir/sizes")" || pass

# VmFlags from smaps: the same per VMA as the kernel writes.
grep '^VmFlags:' /proc/$pid/smaps | sed 's/^VmFlags: *//; s/ *$//' >"$tmpdir/fl"
"$VMASCOPE" maps $pid -rn -o VMFLAGS | sed 's/\\x20/ /g' >"$tmpdir/fl2"
cmp -s "$tmpdir/fl" "$tmpdir/fl2" && pass || fail "VMFLAGS differ from smaps"

# /proc/self: the tool reads its own maps and shows itself.
"$VMASCOPE" maps self 2>/dev/null && fail "self is not a PID" || pass
"$VMASCOPE" maps --all -rn -o PID | sort -un >"$tmpdir/pids"
grep -qx "$pid" "$tmpdir/pids" && pass || fail "--all misses PID $pid"

# A process that is gone.
kill $pid; wait $pid 2>/dev/null
check_rc "vanished PID" 1 "$VMASCOPE" maps $pid
check_err "vanished PID message" "^vmascope: PID $pid: no such process\$"
finish
