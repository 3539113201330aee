#!/bin/sh
# The code speaks for itself: no file that ships with the program (code,
# tests, build files, man page, completions, packaging) cites a document
# that is not in the tree (SPEC.md, KERNEL-ABI.md, STYLE.md) or a ticket
# by its number ("issue 13", "issues 3 and 7"). A comment says the fact
# itself. Web addresses (a corpus file's source) are not citations.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
top=$TESTS_SRCDIR/..
self=shipped/$(basename "$0")
pattern='SPEC\.md|KERNEL-ABI|STYLE\.md|(^|[^a-z])issues? *#?[0-9]'

dirs=''
for d in src tests fuzz bench man completions debian systemd examples .ci; do
	[ -d "$top/$d" ] && dirs="$dirs $top/$d"
done
files=''
for f in "$top"/*.am "$top"/configure.ac; do
	[ -f "$f" ] && files="$files $f"
done
[ -n "$dirs" ] || { fail "no source folders under $top"; finish; exit; }

# shellcheck disable=SC2086
grep -r -I -n -i -E "$pattern" --exclude='*.log' --exclude='*.trs' \
	$dirs $files 2>/dev/null |
	grep -v '://' | grep -v -F "$self:" >"$tmpdir/refs"
if [ -s "$tmpdir/refs" ]; then
	while IFS= read -r line; do
		fail "cites what is not in the tree: ${line#"$top"/}"
	done <"$tmpdir/refs"
else
	pass
fi

# The pattern itself must still catch what it is for.
printf '%s\n' '/* see SPEC.md */' '# (issue 13)' 'issues 3, 7 and 15' |
	grep -c -i -E "$pattern" >"$tmpdir/n"
check "the pattern finds citations" 3 "$(cat "$tmpdir/n")"
finish
