#!/bin/sh
# Golden output: the binary over the fixture tree, against expected/*.out.
# UPDATE_GOLDEN=1 rewrites the expected files (review the diff!).
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
root=${GOLDEN_ROOT:-fixtures/proc}
list=${GOLDEN_LIST:-golden.list}
exp=$TESTS_SRCDIR/golden/expected

grep -v '^#' "$TESTS_SRCDIR/golden/$list" | while IFS='|' read -r name args; do
	name=$(echo $name)
	# A test may name its own tree; the default one otherwise.
	case "$args" in
	*--proc-root*) tree= ;;
	*) tree="--proc-root $root" ;;
	esac
	# shellcheck disable=SC2086 # the arguments are words
	(cd "$TESTS_SRCDIR/golden" && COLUMNS=120 "$VMASCOPE" $args $tree \
		>"$tmpdir/out" 2>"$tmpdir/err"; echo "rc=$?" >>"$tmpdir/err")
	sed 's/^/stderr: /' "$tmpdir/err" >>"$tmpdir/out"
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$tmpdir/out" "$exp/$name.out"
	elif cmp -s "$exp/$name.out" "$tmpdir/out"; then
		echo "pass $name"
	else
		echo "fail $name"
		diff -u "$exp/$name.out" "$tmpdir/out" | head -20 >&2
	fi
done >"$tmpdir/results"
npass=$(grep -c '^pass' "$tmpdir/results")
nfail=$(grep -c '^fail' "$tmpdir/results")
grep '^fail' "$tmpdir/results" >&2
finish
