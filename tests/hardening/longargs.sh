#!/bin/sh
# A command line longer than the blocks the plain table path writes in
# (64 KiB): `top` of a process with a 100 KB argument prints its ARGS
# whole and pads the other rows to it, the same bytes as libsmartcols.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
# sleep's own argument, 600 written with 99,997 leading zeros: the
# process with the long command line is the one killed at the end.
long="$(head -c 99997 /dev/zero | tr '\0' 0)600"
[ ${#long} = 100000 ] || skip "no 100000-byte argument here"
sleep "$long" &
lp=$!
trap 'kill $lp 2>/dev/null; rm -rf "$tmpdir"' EXIT
i=0
until [ "$(wc -c </proc/$lp/cmdline 2>/dev/null)" -gt 100000 ]; do
	i=$((i + 1))
	[ $i -gt 50 ] && skip "the long command did not start"
	sleep 0.1
done

# One row under a heading as wide as it, then several rows (sorted): a
# line longer than a block, twice.
for args in "$lp -o ARGS,PID" "$lp $$ -o ARGS,PID,RSS -s PID" \
	    "$lp $$ -o PID,ARGS -s ARGS -r"; do
	# shellcheck disable=SC2086
	check_rc "top $args" 0 "$V" top $args
	cp "$tmpdir/out" "$tmpdir/fast"
	# shellcheck disable=SC2086
	VMASCOPE_OUTPUT=libsmartcols check_rc "top $args, libsmartcols" 0 \
		"$V" top $args
	cmp -s "$tmpdir/fast" "$tmpdir/out" && pass ||
		fail "top $args: not libsmartcols' bytes ($(wc -c <"$tmpdir/fast") and $(wc -c <"$tmpdir/out"))"
done
grep -q "$long" "$tmpdir/fast" && pass || fail "the long argument is not whole"
finish
