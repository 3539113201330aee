#!/bin/sh
# What the program links: every start pays for loading each library it
# names (DT_NEEDED), so the ones only some commands use (cairo, FreeType,
# libpng, libarchive, libelf, zlib, terminfo) are opened when needed
# instead. Without one, the command that needs it says which library and
# fails, and the others still run.
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
	   libfreetype; do
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
finish
