#!/bin/sh
# promtool (Debian's prometheus package) on what we give Prometheus:
# `promtool check metrics` on export's output, over the fixture tree and
# this machine's /proc, and on top --format prometheus; `promtool check
# rules` on examples/vmascope.rules.yml.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
command -v promtool >/dev/null 2>&1 || skip "no promtool (Debian: prometheus)"

# lint NAME FILE: valid, and no lint complaint (promtool prints them).
lint() {
	if promtool check metrics <"$2" >"$tmpdir/lint" 2>&1 &&
	   [ ! -s "$tmpdir/lint" ]; then pass; else
		fail "$1: promtool check metrics: $(head -c 500 "$tmpdir/lint")"
	fi
}

"$V" export --proc-root "$TESTS_SRCDIR/golden/fixtures/proc" >"$tmpdir/fixture.prom"
lint "export, fixture tree" "$tmpdir/fixture.prom"
# Live: without root the frames family fails (kpageflags is root's), and
# the output is still whole.
"$V" export --top 50 >"$tmpdir/live.prom" 2>"$tmpdir/err"
grep -q '^vmascope_process_pss_bytes{pid="other"}' "$tmpdir/live.prom" &&
	pass || fail "live export: no other series ($(head -c 300 "$tmpdir/err"))"
lint "export, this machine" "$tmpdir/live.prom"
"$V" top --format prometheus >"$tmpdir/top.prom"
lint "top --format prometheus" "$tmpdir/top.prom"

# A hostile command name: escaped, so still one valid sample.
mkdir "$tmpdir/proc"
cp -R "$TESTS_SRCDIR/golden/fixtures/proc/100" "$tmpdir/proc/100"
cp "$TESTS_SRCDIR/golden/fixtures/proc/kpageflags" "$tmpdir/proc/"
printf 'a"b\\c}\n' >"$tmpdir/proc/100/comm"
"$V" export --proc-root "$tmpdir/proc" >"$tmpdir/hostile.prom"
lint "export, hostile name" "$tmpdir/hostile.prom"
grep -qF 'command="a\"b\\c}"' "$tmpdir/hostile.prom" && pass ||
	fail "hostile name not escaped: $(grep -m1 command= "$tmpdir/hostile.prom")"

rules=$TESTS_SRCDIR/../examples/vmascope.rules.yml
if promtool check rules "$rules" >"$tmpdir/rules" 2>&1; then pass; else
	fail "promtool check rules: $(cat "$tmpdir/rules")"
fi
grep -q 'SUCCESS: [1-9]' "$tmpdir/rules" && pass || fail "no rules found"
finish
