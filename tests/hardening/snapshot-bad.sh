#!/bin/sh
# Snapshots that must be refused (issue 18): truncated, corrupt, of a newer
# format, another page size or architecture, without their end record,
# with entries that would leave the private tree or are not files; and a
# snapshot written to a full disk leaves nothing under its name.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
command -v zstd >/dev/null || command -v tar >/dev/null || skip "no tar"
S=$tmpdir/ok.snap

check_rc "snapshot of this shell" 0 "$V" snapshot $$ -f "$S"
check_rc "read back" 0 "$V" maps $$ --proc-root "$S"

# refused NAME FILE PATTERN: every command refuses FILE, naming it.
refused() {
	check_rc "$1: top" 1 "$V" top --proc-root "$2"
	check_err "$1: top" "$2: .*$3"
	check_rc "$1: maps" 1 "$V" maps $$ --proc-root "$2"
	check_err "$1: maps" "$3"
}

size=$(stat -c %s "$S")
head -c $((size / 2)) "$S" >"$tmpdir/half.snap"
refused "truncated" "$tmpdir/half.snap" "corrupt or truncated"
head -c $((size - 40)) "$S" >"$tmpdir/tail.snap"
refused "truncated end" "$tmpdir/tail.snap" "corrupt or truncated"
# A damaged entry header in the middle of the archive, compressed again.
# (Bytes overwritten inside the compressed stream are caught only where
# they break zstd's or tar's structure: there is no content checksum
# yet, see the man page.)
if command -v zstd >/dev/null && command -v python3 >/dev/null; then
	zstd -q -dc "$S" >"$tmpdir/plain.tar"
	python3 - "$tmpdir/plain.tar" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
off = 0
for _ in range(3):	# the header of the fourth entry
	size = int(b[off + 124:off + 136].split(b'\0')[0].strip() or b'0', 8)
	off += 512 + (size + 511) // 512 * 512
b[off + 148:off + 156] = b'99999999'
open(p, 'wb').write(b)
PY
	zstd -q -c "$tmpdir/plain.tar" >"$tmpdir/bad.snap"
	refused "corrupt" "$tmpdir/bad.snap" "corrupt"
fi
printf 'hello\n' >"$tmpdir/text.snap"
refused "not an archive" "$tmpdir/text.snap" "nor a vmascope snapshot"

# Archives made by hand (GNU tar, pax format, zstd): the manifest says.
mkdir -p "$tmpdir/t/proc/1"
cp /proc/$$/maps "$tmpdir/t/proc/1/maps"
psz=$(getconf PAGESIZE)
arch=$(uname -m)
# make NAME MANIFEST-LINES...: an archive of manifest, proc and end.
make_snap() {
	local name=$1
	shift
	printf '%s\n' "$@" >"$tmpdir/t/manifest"
	printf 'entries 3\n' >"$tmpdir/t/end"
	tar --format=pax --zstd --no-recursion -cf "$tmpdir/$name" \
		-C "$tmpdir/t" manifest proc/1 proc/1/maps end 2>/dev/null
}
base="version 9.9 kernel x machine $arch"
make_snap good.snap "vmascope-snapshot 1" "machine $arch" "page-size $psz"
check_rc "hand-made snapshot" 0 "$V" maps 1 --proc-root "$tmpdir/good.snap"
# With -v, what moved while the snapshot was taken is said.
printf '42: maps changed while read\n' >"$tmpdir/t/changes"
printf '%s\n' "vmascope-snapshot 1" "machine $arch" "page-size $psz" >"$tmpdir/t/manifest"
printf 'entries 4\n' >"$tmpdir/t/end"
tar --format=pax --zstd --no-recursion -cf "$tmpdir/changes.snap" -C "$tmpdir/t" \
	manifest proc/1 proc/1/maps changes end
check_rc "changes said with -v" 0 "$V" maps 1 -v --proc-root "$tmpdir/changes.snap"
check_err "changes said with -v" "changes.snap: 42: maps changed while read"
rm "$tmpdir/t/changes"
make_snap newer.snap "vmascope-snapshot 2" "machine $arch" "page-size $psz"
refused "newer format" "$tmpdir/newer.snap" "format 2 is newer"
make_snap pages.snap "vmascope-snapshot 1" "machine $arch" "page-size $((psz * 16))"
refused "page size" "$tmpdir/pages.snap" "$((psz * 16))-byte pages"
make_snap arch.snap "vmascope-snapshot 1" "machine pdp11" "page-size $psz"
refused "architecture" "$tmpdir/arch.snap" "pdp11 machine"
printf 'something else 1\n' >"$tmpdir/t/manifest"
tar --format=pax --zstd -cf "$tmpdir/nomagic.snap" -C "$tmpdir/t" manifest proc/1/maps end
refused "not a snapshot" "$tmpdir/nomagic.snap" "not a vmascope snapshot"
make_snap x.snap "vmascope-snapshot 1" "machine $arch" "page-size $psz"
tar --format=pax --zstd -cf "$tmpdir/noend.snap" -C "$tmpdir/t" manifest proc/1/maps
refused "no end record" "$tmpdir/noend.snap" "no end record"
tar --format=pax --zstd -cf "$tmpdir/noman.snap" -C "$tmpdir/t" proc/1/maps manifest end
refused "manifest not first" "$tmpdir/noman.snap" "no manifest first"
printf 'entries 7\n' >"$tmpdir/t/end"
tar --format=pax --zstd --no-recursion -cf "$tmpdir/count.snap" -C "$tmpdir/t" manifest proc/1 proc/1/maps end
refused "end record count" "$tmpdir/count.snap" "end record does not match"

# Entries that are not regular files or directories, or that leave the
# tree: refused, and nothing is created outside it.
printf 'entries 3\n' >"$tmpdir/t/end"
ln -s /etc/passwd "$tmpdir/t/proc/1/status"
tar --format=pax --zstd -cf "$tmpdir/link.snap" -C "$tmpdir/t" manifest proc/1/maps proc/1/status end
refused "symlink" "$tmpdir/link.snap" "proc/1/status' is not a regular file"
rm "$tmpdir/t/proc/1/status"
mkfifo "$tmpdir/t/proc/1/status"
tar --format=pax --zstd -cf "$tmpdir/fifo.snap" -C "$tmpdir/t" manifest proc/1/maps proc/1/status end
refused "fifo" "$tmpdir/fifo.snap" "not a regular file"
rm "$tmpdir/t/proc/1/status"
printf 'x\n' >"$tmpdir/t/proc/1/status"
tar --format=pax --zstd -cf "$tmpdir/dotdot.snap" -C "$tmpdir/t" \
	--transform 's,^proc/1/status$,proc/../../escaped,' manifest proc/1/maps proc/1/status end
refused "dot-dot" "$tmpdir/dotdot.snap" "unexpected entry"
tar --format=pax --zstd -P -cf "$tmpdir/abs.snap" -C "$tmpdir/t" \
	--transform "s,^proc/1/status\$,$tmpdir/escaped," manifest proc/1/maps proc/1/status end
refused "absolute" "$tmpdir/abs.snap" "unexpected entry"
[ ! -e "$tmpdir/escaped" ] && pass || fail "an entry was written outside the tree"
# A name chosen to move the terminal: escaped in the message.
tar --format=pax --zstd -cf "$tmpdir/esc.snap" -C "$tmpdir/t" \
	--transform "s,^proc/1/status\$,$(printf 'evil\033[2J'),"  manifest proc/1/maps proc/1/status end
refused "escape in a name" "$tmpdir/esc.snap" 'evil\\x1b\[2J'
grep -q "$(printf '\033')" "$tmpdir/err" && fail "raw escape byte in the message" || pass
ln "$tmpdir/t/proc/1/maps" "$tmpdir/t/proc/1/smaps"
tar --format=pax --zstd -cf "$tmpdir/hard.snap" -C "$tmpdir/t" manifest proc/1/maps proc/1/smaps end
refused "hard link" "$tmpdir/hard.snap" "unexpected link"
rm "$tmpdir/t/proc/1/smaps"

# No temporary tree is left behind by the refusals.
mkdir "$tmpdir/tmp"
TMPDIR=$tmpdir/tmp "$V" top --proc-root "$tmpdir/fifo.snap" 2>/dev/null
TMPDIR=$tmpdir/tmp "$V" top --proc-root "$tmpdir/half.snap" 2>/dev/null
sleep 0.2
check "no tree left" "" "$(ls -A "$tmpdir/tmp")"

# A full disk: the snapshot fails, and nothing is left under its name or
# beside it.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
	unshare -m true 2>/dev/null; then
	mkdir "$tmpdir/full"
	unshare -m sh -c "mount -t tmpfs -o size=64k none '$tmpdir/full' &&
		'$V' snapshot --all --frames all -f '$tmpdir/full/s.snap';
		echo \$? >'$tmpdir/full.rc'; ls -A '$tmpdir/full' >'$tmpdir/full.ls'" \
		2>"$tmpdir/full.err"
	check "full disk: exit" 1 "$(cat "$tmpdir/full.rc")"
	check "full disk: nothing left" "" "$(cat "$tmpdir/full.ls")"
	grep -q 'No space left on device' "$tmpdir/full.err" && pass ||
		fail "full disk: no message: $(cat "$tmpdir/full.err")"
else
	echo "not root or no unshare: full-disk check skipped"
fi
finish
