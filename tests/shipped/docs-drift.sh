#!/bin/sh
# The man page against the names the program knows (tests/helpers/docs_names walks
# the program's own tables): every command, option, column and page-flag
# name must be documented, and nothing else. Also: the page lints clean.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
man=$TESTS_SRCDIR/../man/vmascope.1

"$TESTS_BUILDDIR/helpers/docs_names" >"$tmpdir/known" || {
	fail "docs_names failed"
	finish
	exit
}
{
	grep '^version' "$tmpdir/known"
	grep '^command' "$tmpdir/known"
	sed -n 's/^command/synopsis/p' "$tmpdir/known"
	grep '^option' "$tmpdir/known" | cut -f 1-4
	grep -e '^column' -e '^flag' "$tmpdir/known"
} | sort -u >"$tmpdir/want"
awk -f "$TESTS_SRCDIR/shipped/docs-man-names.awk" "$man" | sort -u >"$tmpdir/have"

# report WHAT FILE: one failure per line of FILE.
report() {
	while IFS= read -r line; do
		fail "man/vmascope.1 $1: $(printf '%s' "$line" | tr '\t' ' ')"
	done <"$2"
}
comm -23 "$tmpdir/want" "$tmpdir/have" >"$tmpdir/missing"
comm -13 "$tmpdir/want" "$tmpdir/have" >"$tmpdir/unknown"
report "lacks" "$tmpdir/missing"
report "names what the program does not know" "$tmpdir/unknown"
[ -s "$tmpdir/missing" ] || [ -s "$tmpdir/unknown" ] || pass

if command -v mandoc >/dev/null; then
	if mandoc -Tlint -W warning "$man" >"$tmpdir/lint" 2>&1; then
		pass
	else
		fail "mandoc -Tlint: $(cat "$tmpdir/lint")"
	fi
else
	echo "mandoc not installed: lint skipped"
fi
if command -v groff >/dev/null; then
	groff -man -ww -z "$man" >"$tmpdir/lint" 2>&1
	if [ ! -s "$tmpdir/lint" ]; then pass; else
		fail "groff -ww: $(cat "$tmpdir/lint")"
	fi
else
	echo "groff not installed: lint skipped"
fi
finish
