#!/bin/sh
# The command line: help, usage errors (64), output modes, closed pipes.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE

check_rc "no command" 64 "$V"
check_rc "unknown command" 64 "$V" frobnicate
check_err "unknown command names it" "unknown command: 'frobnicate'"
check_rc "--help" 0 "$V" --help
grep -q '^  maps ' "$tmpdir/out" && pass || fail "--help lacks the maps command"
check_rc "-V" 0 "$V" -V
grep -q '^vmascope [0-9]' "$tmpdir/out" && pass || fail "-V output"
check_rc "maps --help" 0 "$V" maps --help
grep -q 'Available output columns' "$tmpdir/out" && pass || fail "maps --help lacks columns"
grep -q -- '--proc-root' "$tmpdir/out" && pass || fail "maps --help lacks --proc-root"
check_rc "maps -h" 0 "$V" maps -h
check_rc "maps -V" 0 "$V" maps -V

# Usage errors: exit 64, the bad value named.
check_rc "PID -1" 64 "$V" maps -1
for a in 0 abc 12x 99999999999 ""; do
	check_rc "PID '$a'" 64 "$V" maps "$a"
	check_err "PID '$a' named" "invalid PID: '$a'"
done
check_rc "unknown column" 64 "$V" maps $$ -o START,BOGUS
check_err "unknown column named" "unknown column: 'BOGUS'"
check_rc "empty -o" 64 "$V" maps $$ -o ""
check_rc "unknown sort column" 64 "$V" maps $$ -s NOPE
check_rc "-J with -r" 64 "$V" maps $$ -J -r
check_err "-J -r message" "mutually exclusive"
check_rc "--format bogus" 64 "$V" maps $$ --format xml
check_rc "--all with PID" 64 "$V" maps --all 1
check_rc "--maps-file with PID" 64 "$V" maps --maps-file - 1
check_rc "unknown option" 64 "$V" maps --frob
check_rc "no such --proc-root" 1 "$V" maps 1 --proc-root /nonexistent
check_err "--proc-root named" "/nonexistent"
check_rc "missing maps file" 1 "$V" maps --maps-file /nonexistent/maps
check_err "maps file named" "/nonexistent/maps"

# Streamed output is written as it is read: -s is refused, not ignored.
check_rc "pfn -s" 64 "$V" pfn 1-2 -s PFN
check_err "pfn -s says why" "not sorted"
check_rc "flags --list -s" 64 "$V" flags --list -s PAGES
check_rc "top --total --format prometheus" 64 "$V" top --total --format prometheus
check_rc "flags --list --by node" 64 "$V" flags --list --by node

# Streamed raw and pairs output escape what would break a line.
printf '1000-2000 r--p 0 00:00 7 /tmp/a\tb"c\\d\n' >"$tmpdir/odd.maps"
"$V" maps --maps-file "$tmpdir/odd.maps" -rn -o NAME >"$tmpdir/o"
check "table raw escapes" '/tmp/a\x09b"c\x5cd' "$(cat "$tmpdir/o")"

# Malformed input names the file and the line: a warning, the rest is
# read; an error with --strict.
printf '1000-2000 r--p 0 00:00 0\nrubbish\n' >"$tmpdir/bad.maps"
check_rc "bad maps file" 0 "$V" maps --maps-file "$tmpdir/bad.maps" -rn -o START
check_err "file:line" "bad.maps:2: not a maps line.*; line skipped"
check "bad maps file: the rest read" "1000" "$(cat "$tmpdir/out")"
check_rc "bad maps file --strict" 1 "$V" maps --strict --maps-file "$tmpdir/bad.maps"
check_err "file:line" "bad.maps:2: not a maps line"
printf '1000-2000 r--p 0 00:00 0\n' | "$V" maps --maps-file - -rn -o START >"$tmpdir/o"
check "stdin maps file" "1000" "$(cat "$tmpdir/o")"

# JSON is one valid document; -n, -r, -P shapes.
if command -v jq >/dev/null; then
	"$V" maps $$ -J | jq -e '.maps | length > 0' >/dev/null && pass ||
		fail "maps -J is not valid JSON"
	"$V" maps $$ -J | jq -e '.maps[0].size | type == "number"' >/dev/null &&
		pass || fail "JSON sizes are not numbers"
	"$V" maps $$ -H -J | jq -e '.columns | length > 5' >/dev/null && pass ||
		fail "-H -J"
fi
n=$("$V" maps $$ | wc -l)
m=$("$V" maps $$ -n | wc -l)
check "-n drops the heading" "$((n - 1))" "$m"
"$V" maps $$ -P -o START,PERMS | head -1 | grep -Eq '^START="[0-9a-f]+" PERMS="[-rwxsp]{4}"$' &&
	pass || fail "-P format"

# A closed pipe ends quietly and at once, with status 0 (SIGPIPE or not).
for sig in default ignored; do
	(if [ $sig = ignored ]; then trap '' PIPE; fi
	 "$V" maps --all 2>"$tmpdir/err"; echo $? >"$tmpdir/rc") | head -1 >/dev/null
	check "closed pipe, SIGPIPE $sig: status" 0 "$(cat "$tmpdir/rc")"
	no_err "closed pipe printed" "$tmpdir/err"
done
# A stream stops at once: 4 million rows of flags --list would take seconds.
mkdir "$tmpdir/big"
head -c 32M /dev/urandom >"$tmpdir/big/kpageflags"
t0=$(date +%s%N)
(trap '' PIPE; "$V" flags --list --proc-root "$tmpdir/big" 2>"$tmpdir/err"
 echo $? >"$tmpdir/rc") | head -c 10 >/dev/null
ms=$((($(date +%s%N) - t0) / 1000000))
check "flags --list | head -c10, SIGPIPE ignored: status" 0 "$(cat "$tmpdir/rc")"
no_err "closed pipe printed" "$tmpdir/err"
[ "$ms" -lt 1500 ] && pass || fail "flags --list | head -c10 went on for $ms ms"
finish
