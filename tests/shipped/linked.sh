#!/bin/sh
# What the program links: every start pays for loading each library it
# names (DT_NEEDED), so the ones only some commands or modes use (cairo,
# FreeType, libpng, libarchive, libelf, zlib, terminfo, libsmartcols) are
# opened when needed instead. Without one, the command that needs it says
# which library and fails, and the others still run.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE

if command -v readelf >/dev/null; then
	LC_ALL=C readelf -d "$V" >"$tmpdir/dyn" 2>&1
elif command -v objdump >/dev/null; then
	LC_ALL=C objdump -p "$V" >"$tmpdir/dyn" 2>&1
else
	skip "neither readelf nor objdump (binutils)"
fi
grep NEEDED "$tmpdir/dyn" >"$tmpdir/needed"
# The dynamic section was read: libc at least is needed.
if grep -q 'libc\.so' "$tmpdir/needed"; then pass; else
	fail "no DT_NEEDED libc in: $(head -c 300 "$tmpdir/dyn")"
	finish
	exit
fi
for lib in libelf libz libtinfo libncurses libcairo libarchive libpng \
	   libfreetype libsmartcols; do
	if grep -q "[[ ]${lib}[.-]" "$tmpdir/needed"; then
		fail "$lib is linked: $(grep "$lib" "$tmpdir/needed")"
	else
		pass
	fi
done

# A libelf.so.1 without libelf's functions first in the search path: only
# `elf` and share's BUILDID need it, and say so.
ln -s "$(ldd "$V" | awk '$1 ~ /^libc\.so/ { print $3 }')" \
	"$tmpdir/libelf.so.1" || { fail "no libc to stand in"; finish; exit; }
LD_LIBRARY_PATH=$tmpdir check_rc "elf without libelf" 1 "$V" elf $$
check_err "elf without libelf: the library" 'elf needs libelf\.so\.1: .*elf_'
LD_LIBRARY_PATH=$tmpdir check_rc "BUILDID without libelf" 1 \
	"$V" share --by image -o IMAGE,BUILDID $$
check_err "BUILDID without libelf: the library" 'BUILDID needs libelf\.so\.1'
LD_LIBRARY_PATH=$tmpdir check_rc "maps without libelf" 0 "$V" maps $$

# The same for libsmartcols: a table of plain cells to a file, sorted or
# not, is printed without it; JSON, and a cell only libsmartcols escapes,
# need it and say so.
mkdir "$tmpdir/nocols" &&
	ln -s "$tmpdir/libelf.so.1" "$tmpdir/nocols/libsmartcols.so.1" ||
	{ fail "no stand-in for libsmartcols"; finish; exit; }
LD_LIBRARY_PATH=$tmpdir/nocols check_rc "top without libsmartcols" 0 \
	"$V" top -o PID,COMMAND,RSS,PSS
if grep -Eq '^ *[0-9]+ [^ ].* [0-9.]+[BKMGT]?$' "$tmpdir/out"; then pass; else
	fail "top without libsmartcols: no row in $(head -c 300 "$tmpdir/out")"
fi
LD_LIBRARY_PATH=$tmpdir/nocols check_rc "maps -s PSS without libsmartcols" 0 \
	"$V" maps $$ -s PSS -r -o START,PSS
LD_LIBRARY_PATH=$tmpdir/nocols check_rc "empty table without libsmartcols" 0 \
	"$V" top --comm '^no such command$'
LD_LIBRARY_PATH=$tmpdir/nocols VMASCOPE_OUTPUT=libsmartcols \
	check_rc "VMASCOPE_OUTPUT=libsmartcols without it" 1 "$V" maps $$
LD_LIBRARY_PATH=$tmpdir/nocols check_rc "JSON without libsmartcols" 1 \
	"$V" maps $$ -J
check_err "JSON without libsmartcols: the library" \
	'a table needs libsmartcols\.so\.1: .*scols_'
printf '00400000-00401000 r--p 00000000 08:01 12 /tmp/x\033[2J\n' \
	>"$tmpdir/odd.maps"
LD_LIBRARY_PATH=$tmpdir/nocols check_rc "an odd name without libsmartcols" 1 \
	"$V" maps --maps-file "$tmpdir/odd.maps" -o START,NAME
check_err "an odd name without libsmartcols: the library" \
	'a table needs libsmartcols\.so\.1'
LD_LIBRARY_PATH=$tmpdir/nocols check_rc "a plain name without libsmartcols" 0 \
	"$V" maps --maps-file "$tmpdir/odd.maps" -o START
finish
