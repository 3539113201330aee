#!/bin/sh
# Live pages and page counters on this machine: valid streamed JSON, the
# PAGEMAP_SCAN and plain paths agreeing, VMASCOPE_PAGEMAP, closed pipes.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
need_root
[ -r /proc/self/pagemap ] || skip "no pagemap"

sleep 60 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmpdir"' EXIT
sleep 0.2

check_rc "pages" 0 "$V" pages $pid
if command -v python3 >/dev/null; then
	"$V" pages $pid -J >"$tmpdir/json"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["pages"]' \
		"$tmpdir/json" && pass || fail "pages -J is not valid JSON"
fi
# Both walks give the same pages and the same pagemap-based counters.
for cmd in "pages $pid -r -o ADDR,PFN,PRESENT,SWAPPED" \
	   "maps $pid -b -r -o START,RSS,SWAP"; do
	# shellcheck disable=SC2086 # the arguments are words
	VMASCOPE_PAGEMAP=plain "$V" $cmd >"$tmpdir/plain"
	# shellcheck disable=SC2086
	VMASCOPE_PAGEMAP=scan "$V" $cmd >"$tmpdir/scan"
	if cmp -s "$tmpdir/plain" "$tmpdir/scan"; then pass; else
		fail "plain and scan differ: $cmd"
	fi
done
check_rc "VMASCOPE_PAGEMAP=bogus" 64 env VMASCOPE_PAGEMAP=bogus "$V" maps $pid
check_err "VMASCOPE_PAGEMAP named" "VMASCOPE_PAGEMAP: unknown value: 'bogus'"
# A closed pipe ends the stream quietly: no message, 0 or SIGPIPE's status.
rc=$( ("$V" pages $pid 2>"$tmpdir/err"; echo $? >"$tmpdir/rc") | head -1 >/dev/null; cat "$tmpdir/rc")
case $rc in 0|141) pass ;; *) fail "closed pipe: exit $rc" ;; esac
[ -s "$tmpdir/err" ] && fail "closed pipe: $(cat "$tmpdir/err")" || pass
check_rc "pages of a gone process" 1 "$V" pages 999999999
finish
