#!/bin/sh
# export --textfile replaces the file whole: a reader polling it while
# runs follow one another only ever sees complete files, each a new inode
# (renamed over the old one, not rewritten in place), and no temporary
# file is left behind. A tree of 1000 processes makes the file large
# (about 300 KiB), so a file written in place would be read half-done.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
fx=$TESTS_SRCDIR/golden/fixtures/proc

mkdir "$tmpdir/proc" "$tmpdir/tf"
cp "$fx/kpageflags" "$tmpdir/proc/"
i=1000
while [ $i -lt 2000 ]; do
	cp -R "$fx/100" "$tmpdir/proc/$i"
	i=$((i + 1))
done
prom=$tmpdir/tf/vmascope.prom
run() { "$V" export --proc-root "$tmpdir/proc" --top 100000 --textfile "$prom"; }
run || { fail "first run"; finish; exit; }
size=$(stat -c %s "$prom")
[ "$size" -gt 200000 ] && pass || fail "the file is only $size bytes"

# complete FILE: the first family's help first, the last family's sample last.
complete() {
	head -n 1 "$1" | grep -q '^# HELP vmascope_process_' &&
		tail -n 1 "$1" | grep -q '^vmascope_export_build_info{.*} 1$' &&
		[ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ]
}

(
	n=0
	while [ $n -lt 25 ]; do
		run || exit 1
		n=$((n + 1))
	done
) &
writer=$!
reads=0
bad=0
while kill -0 $writer 2>/dev/null; do
	cat "$prom" >"$tmpdir/snap" 2>/dev/null || continue
	stat -c %i "$prom" >>"$tmpdir/inodes" 2>/dev/null
	reads=$((reads + 1))
	if ! complete "$tmpdir/snap"; then
		bad=$((bad + 1))
		cp "$tmpdir/snap" "$tmpdir/bad.$bad"
	fi
done
wait $writer && pass || fail "a run of the writer failed"
check "incomplete files read (of $reads)" 0 "$bad"
[ "$reads" -ge 5 ] && pass || fail "only $reads reads while the runs went on"
inodes=$(sort -u "$tmpdir/inodes" | wc -l)
[ "$inodes" -ge 2 ] && pass || fail "one inode: the file was not replaced"
check "nothing left beside the file" "vmascope.prom" "$(ls -A "$tmpdir/tf")"
complete "$prom" && pass || fail "the last file is incomplete"
finish
