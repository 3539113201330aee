#!/bin/sh
# Bad input for vmascope maps: every argument with garbage, empty,
# negative, overflowing and huge values; broken --proc-root trees and maps
# files. Usage errors exit 64 naming the value, bad data exits 1 with
# FILE:LINE, and nothing crashes or hangs (everything runs under timeout).
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
P=$TESTS_SRCDIR/golden/fixtures/proc
T="timeout 120"

# run NAME WANT ARGS...: exit status, and never a crash or a timeout.
run() {
	local name=$1 want=$2
	shift 2
	check_rc "$name" "$want" $T "$V" maps "$@"
	if grep -qE 'AddressSanitizer|runtime error|Segmentation' "$tmpdir/err"
	then
		fail "$name: $(head -c 300 "$tmpdir/err")"
	fi
}

big() { head -c "$1" /dev/zero | tr '\0' "$2"; }
huge_digits=$(big 100000 9)
huge_name=$(big 100000 A)

# PIDs: usage errors that quote the argument.
for a in "" " " abc 12x x12 -1 -0 +5 " 5" "5 " 0x10 1e3 0 00 \
	 2147483648 4294967297 18446744073709551616 \
	 99999999999999999999999 "$(printf '\001\377')"; do
	run "PID '$a'" 64 -- "$a" --proc-root "$P"
	check_err "PID '$a' named" "invalid PID: '$a'"
done
run "PID of 100000 digits" 64 "$huge_digits" --proc-root "$P"
check_err "huge PID named" "invalid PID: '999"
run "PID INT_MAX, no such process" 1 2147483647 --proc-root "$P"
check_err "missing PID named" "PID 2147483647: no such process"
run "PIDs with -H" 0 100 200 -H --proc-root "$P"
run "valid then bad PID" 64 100 abc --proc-root "$P"
check_err "second PID named" "invalid PID: 'abc'"

# -o: unknown names quoted, empty lists refused, huge lists survive.
for a in BOGUS "START,BOGUS" "START,,END" "," ",START" "++START" \
	 "START END" "$(printf 'ST\001\377RT')"; do
	run "-o '$a'" 64 100 --proc-root "$P" -o "$a"
	check_err "-o '$a' named" "unknown column: '"
done
run "-o empty" 64 100 --proc-root "$P" -o ""
check_err "-o empty said" "no columns given"
run "-o huge name" 64 100 --proc-root "$P" -o "$huge_name"
check_err "-o huge name named" "unknown column: 'AAA"
run "-o START," 0 100 --proc-root "$P" -o "START,"
run "-o +" 0 100 --proc-root "$P" -o "+"
run "-o lower case" 0 100 --proc-root "$P" -o start,end
cols=$(yes START, | head -n 20000 | tr -d '\n')
run "-o 20000 columns" 0 100 --proc-root "$P" -o "$cols" -r

# -s
for a in "" BOGUS "START,END" "-1" "$huge_name"; do
	run "-s '$(printf %.20s "$a")'" 64 100 --proc-root "$P" -s "$a"
	check_err "-s '$(printf %.20s "$a")' named" "unknown column: '$(printf %.20s "$a")"
done
run "-s START" 0 100 --proc-root "$P" -s START

# --format
for a in "" xml MAPS " maps" "maps,table" "$huge_name"; do
	run "--format '$(printf %.20s "$a")'" 64 100 --proc-root "$P" --format "$a"
	check_err "--format named" "unknown format: '$(printf %.20s "$a")"
done

# --proc-root trees.
mkdir -p "$tmpdir/empty" "$tmpdir/dirmaps/5/maps" "$tmpdir/emptymaps/5" \
	"$tmpdir/garbage/5" "$tmpdir/longline/5" "$tmpdir/million/5"
: >"$tmpdir/afile"
: >"$tmpdir/emptymaps/5/maps"
cp "$V" "$tmpdir/garbage/5/maps"
{ printf '1000-2000 r--p 00000000 00:00 0 /'; big 10485760 a; echo; } \
	>"$tmpdir/longline/5/maps"
awk 'BEGIN { for (i = 1; i <= 1000000; i++)
	printf "%08x-%08x r--p 00000000 00:00 0 \n", i * 16, i * 16 + 8 }' \
	>"$tmpdir/million/5/maps"

run "--proc-root empty" 64 5 --proc-root ""
check_err "--proc-root empty said" "empty directory name"
run "--proc-root missing" 1 5 --proc-root "$tmpdir/nonexistent"
check_err "--proc-root missing named" "$tmpdir/nonexistent: No such file"
run "--proc-root a file" 1 5 --proc-root "$tmpdir/afile"
check_err "--proc-root a file named" "$tmpdir/afile: Not a directory"
run "--proc-root a file, --all" 1 --all --proc-root "$tmpdir/afile"
run "--proc-root empty dir" 1 5 --proc-root "$tmpdir/empty"
check_err "empty dir: no such process" "PID 5: no such process"
run "--proc-root empty dir, --all" 0 --all --proc-root "$tmpdir/empty"
[ -s "$tmpdir/err" ] && fail "--all on an empty dir: $(cat "$tmpdir/err")" || pass
run "PID/maps a directory" 1 5 --proc-root "$tmpdir/dirmaps"
check_err "directory named" "dirmaps/5/maps: not a regular file"
# --all skips what cannot be read (a process that exits: ESRCH) quietly.
run "PID/maps a directory, --all" 0 --all --proc-root "$tmpdir/dirmaps"
[ -s "$tmpdir/err" ] && fail "--all read error printed: $(cat "$tmpdir/err")" || pass
run "PID/maps a directory, --all -vv" 0 --all -vv --proc-root "$tmpdir/dirmaps"
check_err "--all -vv names the read error" "dirmaps/5/maps: not a regular file"
run "PID/maps binary, --all" 0 --all --proc-root "$tmpdir/garbage"
check_err "--all still names bad lines" "garbage/5/maps:1: "
run "PID/maps empty" 0 5 --proc-root "$tmpdir/emptymaps"
run "PID/maps binary" 1 5 --proc-root "$tmpdir/garbage"
check_err "binary: file:line" "garbage/5/maps:1: "
run "PID/maps 10 MB line" 1 5 --proc-root "$tmpdir/longline"
check_err "10 MB line: file:line" "longline/5/maps:1: line too long"
run "PID/maps 1000000 lines" 0 5 --proc-root "$tmpdir/million" -rn -o START
check "1000000 rows" 1000000 "$(wc -l <"$tmpdir/out")"
# smaps columns on a tree with maps only: the missing file is named.
run "smaps column, no PID/smaps" 1 5 --proc-root "$tmpdir/million" -o START,VMFLAGS
check_err "missing smaps named" "million/5/smaps: No such file"
# A long root is named whole in FILE:LINE (it was cut at 63 bytes).
long=$tmpdir/a-long-directory-name-as-a-copied-proc-tree-may-have-on-a-host
mkdir -p "$long/5"
cp "$V" "$long/5/maps"
run "long --proc-root" 1 5 --proc-root "$long"
check_err "long --proc-root named whole" "$long/5/maps:1: "

# --maps-file: the same files.
run "--maps-file empty name" 1 --maps-file ""
run "--maps-file missing" 1 --maps-file "$tmpdir/nonexistent"
check_err "--maps-file missing named" "$tmpdir/nonexistent"
run "--maps-file a directory" 1 --maps-file "$tmpdir/empty"
check_err "--maps-file a directory named" "$tmpdir/empty: read error"
run "--maps-file empty" 0 --maps-file "$tmpdir/afile"
run "--maps-file /dev/null" 0 --maps-file /dev/null
run "--maps-file stdin empty" 0 --maps-file - </dev/null
run "--maps-file binary" 1 --maps-file "$tmpdir/garbage/5/maps"
check_err "--maps-file binary: file:line" "garbage/5/maps:1: "
run "--maps-file /dev/zero" 1 --maps-file /dev/zero
check_err "/dev/zero: file:line" "/dev/zero:1: line too long"
run "--maps-file 10 MB line" 1 --maps-file "$tmpdir/longline/5/maps"
check_err "--maps-file 10 MB line" "longline/5/maps:1: line too long"
run "--maps-file 1000000 lines" 0 --maps-file "$tmpdir/million/5/maps" \
	--format maps
cmp -s "$tmpdir/out" "$tmpdir/million/5/maps" && pass ||
	fail "1000000 lines do not round trip"
run "--maps-file 1000000 lines, stdin" 0 --maps-file - -rn -o END \
	<"$tmpdir/million/5/maps"
check "1000000 rows from stdin" 1000000 "$(wc -l <"$tmpdir/out")"
run "--maps-file and --format bad" 64 --maps-file /dev/null --format ""

# A closed pipe: quiet, and at once (the scan stops), SIGPIPE or not.
for fmt in "" "--format maps" "-J"; do
	$T "$V" maps --all $fmt 2>"$tmpdir/err" | head -n 1 >/dev/null
	no_err "--all $fmt | head" "$tmpdir/err"
done
(trap '' PIPE; $T "$V" maps --maps-file "$tmpdir/million/5/maps" \
	--format maps 2>"$tmpdir/err"; echo $? >"$tmpdir/rc") | head -n 1 >/dev/null
check "closed pipe, SIGPIPE ignored: status" 0 "$(cat "$tmpdir/rc")"
no_err "closed pipe printed" "$tmpdir/err"
finish
