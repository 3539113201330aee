#!/bin/sh
# vmascope cache -R: a FIFO, a socket, a device
# node and symbolic links in the tree are never opened, only skipped with
# what they are (strace shows every open); past the first two files of a
# directory, each is known by the type its directory gives (no stat) and
# looked up once, by its own name below the directory's descriptor (the
# walk's speed: no stat before the open, no lookup of the whole path).
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
command -v strace >/dev/null || skip "no strace"
strace -f -qq -e trace=openat -o /dev/null true 2>/dev/null ||
	skip "strace cannot trace here"

t=$tmpdir/tree
mkdir -p "$t/a" "$t/b/c"
regs="r0 r1 r2 r3 r4 r5 r6 r7 r8 r9"
for f in $regs; do echo "$f" >"$t/a/$f"; done
echo two >"$t/b/c/reg2"
cat "$t/a/"r* "$t/b/c/reg2" >/dev/null
mkfifo "$t/a/fifo"
ln -s /dev/zero "$t/a/link"
ln -s ../b "$t/a/dirlink"
want_skips="fifo: skipped: a FIFO
link: skipped: a symbolic link
dirlink: skipped: a symbolic link"
specials="fifo link dirlink"
if command -v python3 >/dev/null; then
	python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$t/a/sock"
	want_skips="$want_skips
sock: skipped: a socket"
	specials="$specials sock"
fi
# a device node: root makes one (the numbers of /dev/null: harmless, if
# it were opened the strace would still tell)
if [ "$(id -u)" = 0 ] && mknod "$t/a/dev" c 1 3 2>/dev/null; then
	want_skips="$want_skips
dev: skipped: a character device"
	specials="$specials dev"
fi

# LeakSanitizer does not run under ptrace: no leak check.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
strace -f -qq -e trace=open,openat,openat2,stat,lstat,newfstatat,statx \
	-o "$tmpdir/strace" "$VMASCOPE" cache -R "$t" -v -nr -o FILE \
	>"$tmpdir/out" 2>"$tmpdir/err"
check "walk: exit status" 0 $?
check "walk: the regular files" "$(for f in $regs; do printf '%s ' "$t/a/$f"; done)$t/b/c/reg2" \
	"$(sort "$tmpdir/out" | tr '\n' ' ' | sed 's/ $//')"
echo "$want_skips" | while IFS= read -r line; do
	grep -q -- "/$line\$" "$tmpdir/err" || echo "$line"
done >"$tmpdir/missing"
[ -s "$tmpdir/missing" ] &&
	fail "walk: skips not said: $(cat "$tmpdir/missing"): $(cat "$tmpdir/err")" || pass
for s in $specials; do
	if grep -E "open[a-z0-9]*\(.*[\"/]$s\"" "$tmpdir/strace" >"$tmpdir/hit"; then
		fail "walk opened $s: $(cat "$tmpdir/hit")"
	else
		pass
	fi
done
# Of the entries of a/, the first two fts hands out are stat'ed by their
# whole path (a directory is opened at its third file); no other is.
stated=0
for f in $regs $specials; do
	grep -Eq "(stat|statx)[a-z0-9]*\(.*[\"/]$f\"" "$tmpdir/strace" && stated=$((stated + 1))
done
[ $stated -le 2 ] && pass || fail "$stated entries of a/ stat'ed by name, not at most 2"
# each regular file opened once; all but those two below their
# directory's descriptor, O_NOFOLLOW
below=0
for f in $regs; do
	check "$f opened once" 1 "$(grep -Ec "open[a-z0-9]*\(.*[\"/]$f\"" "$tmpdir/strace")"
	grep -E "^[0-9]+ +openat\([0-9]+, \"$f\", [^)]*O_NONBLOCK" "$tmpdir/strace" |
		grep -q O_NOFOLLOW && below=$((below + 1))
done
[ $below -ge 8 ] && pass ||
	fail "$below files of a/ opened below its descriptor: $(grep -E '"r[0-9]"' "$tmpdir/strace")"
# Without -v a file is counted before it is stat'ed (most files of a tree
# have nothing cached: no row, no fstat). The rows are the same as those
# of the stat-first way (-v: every file a row) that have something
# cached, column for column; the mincore method (no cachestat) too.
cols=FILE,SIZE,PAGES,CACHED,DIRTY,DEV,INODE,DELETED,FS
head -c 20000 /dev/zero >"$t/b/c/cached"
if dd if=/dev/zero of="$t/b/c/uncached" bs=4096 count=8 oflag=direct 2>/dev/null; then
	check "uncached file: left out" "" \
		"$("$VMASCOPE" cache -R "$t" -nr -o FILE | grep uncached)"
	"$VMASCOPE" cache -R "$t" -v -nrb -o "$cols" 2>/dev/null | grep -q "uncached" && pass ||
		fail "uncached file: no row with -v"
else
	echo "note: no O_DIRECT here: every file cached" >&2
fi
for m in auto mincore; do
	VMASCOPE_CACHE=$m "$VMASCOPE" cache -R "$t" -nrb -o "$cols" -s FILE >"$tmpdir/fast"
	VMASCOPE_CACHE=$m "$VMASCOPE" cache -R "$t" -v -nrb -o "$cols" -s FILE 2>/dev/null |
		awk '$4 != 0' >"$tmpdir/slow"
	[ -s "$tmpdir/fast" ] && cmp -s "$tmpdir/fast" "$tmpdir/slow" && pass ||
		fail "$m: counted first differs from stat first: $(diff "$tmpdir/slow" "$tmpdir/fast")"
done
# Directories stay open while their files are measured: a tree of many
# small directories under a low limit of open files still has every file
# measured, none skipped (the walk lets directories go at a quarter of
# the limit).
w=$tmpdir/wide
i=0
while [ $i -lt 120 ]; do
	mkdir -p "$w/d$i"
	echo a >"$w/d$i/f1"; echo b >"$w/d$i/f2"; echo c >"$w/d$i/f3"; echo d >"$w/d$i/f4"
	i=$((i + 1))
done
(ulimit -n 64 && exec "$VMASCOPE" cache -R "$w" -v -nr -o FILE) >"$tmpdir/out" 2>"$tmpdir/err"
check "120 directories, 64 descriptors: exit status" 0 $?
check "120 directories, 64 descriptors: every file" 480 "$(wc -l <"$tmpdir/out")"
check "120 directories, 64 descriptors: none skipped" "" "$(cat "$tmpdir/err")"
# a walk among special files shows the regular ones and fails nothing
check_rc "walk of special files" 0 "$VMASCOPE" cache -R "$t/a" -nr -o FILE
check "walk of special files: the regular ones" 10 "$(wc -l <"$tmpdir/out")"
check "walk of special files: nothing said" "" "$(cat "$tmpdir/err")"
finish
