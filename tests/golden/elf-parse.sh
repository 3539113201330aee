#!/bin/sh
# elf over a fixture tree: the test image and corrupt copies of it behind
# map_files, a replaced and a deleted file. Sections and build-id are
# compared with readelf's; each broken file gives one warning, one row.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
hello=$TESTS_BUILDDIR/helpers/elfhello
gen=$TESTS_BUILDDIR/helpers/elfcorrupt
[ -x "$hello" ] && [ -x "$gen" ] || skip "test programs not built"
files=$tmpdir/files
proc=$tmpdir/proc
mkdir -p "$files" "$proc/100/map_files" "$proc/100/root/fx"
cp "$hello" "$files/hello"
for kind in truncate shoff shsize magic; do
	"$gen" "$hello" "$files/$kind" "$kind"
	rc=$?
	[ "$rc" = 77 ] && skip "the test image is not ELF64"
	[ "$rc" = 0 ] || fail "elfcorrupt $kind: exit $rc"
done
cp "$hello" "$proc/100/root/fx/replaced"

# vma N NAME [FILE]: one r--p page at 0x1000000N0000, inode 100N.
vma() {
	start=$(printf '1000000%d0000' "$1")
	end=$(printf '1000000%d1000' "$1")
	printf '%s-%s r--p 00000000 08:01 100%d%*s%s\n' "$start" "$end" \
		"$1" 22 '' "$2" >>"$proc/100/maps"
	[ -n "${3:-}" ] && ln -s "$files/$3" "$proc/100/map_files/$start-$end"
	return 0
}
: >"$proc/100/maps"
vma 1 /fx/hello hello
vma 2 /fx/truncated truncate
vma 3 /fx/bad-shoff shoff
vma 4 /fx/huge-size shsize
vma 5 /fx/bad-magic magic
vma 6 /fx/replaced
vma 7 '/fx/gone (deleted)'

run() { "$VMASCOPE" elf 100 --proc-root "$proc" "$@"; }

# One row per image, one warning per broken image.
run -r -o TYPE,NAME,STATUS >"$tmpdir/out" 2>"$tmpdir/err"
check "exit status" 0 "$?"
grep -v '^segment\|^section\|^gaps' "$tmpdir/out" >"$tmpdir/images"
cat >"$tmpdir/want" <<'END'
TYPE NAME STATUS
image /fx/hello ok
image /fx/truncated corrupt
image /fx/bad-shoff corrupt
image /fx/huge-size corrupt
not-elf /fx/bad-magic ok
image /fx/replaced replaced
image /fx/gone deleted
END
if cmp -s "$tmpdir/want" "$tmpdir/images"; then pass; else
	fail "image rows differ"; diff -u "$tmpdir/want" "$tmpdir/images" >&2
fi
check "warnings" 4 "$(wc -l <"$tmpdir/err")"
for img in truncated bad-shoff huge-size; do
	check "one warning for $img" 1 \
		"$(grep -c "'/fx/$img': corrupt ELF file: " "$tmpdir/err")"
done
check "pagemap missing said" 1 "$(grep -c 'residency unavailable' "$tmpdir/err")"

# The huge section is dropped, never believed.
run --image /fx/huge-size -r -b -o TYPE,SIZE >"$tmpdir/out" 2>/dev/null
check "no section of 2^60 bytes" 0 "$(grep -c '^section 1152921504606846976' "$tmpdir/out")"

# --image: one image; an unknown one is an error.
run --image /fx/hello -r -n -o TYPE >"$tmpdir/out" 2>/dev/null
check "--image: one image" 1 "$(grep -c '^image' "$tmpdir/out")"
check_rc "--image unknown" 1 run --image /fx/nope
check_err "--image unknown message" "'/fx/nope': no such image mapped"

# JSON is one valid document.
if command -v python3 >/dev/null; then
	run -J >"$tmpdir/json" 2>/dev/null
	if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' \
		"$tmpdir/json"; then pass; else fail "invalid JSON"; fi
fi

command -v readelf >/dev/null || { finish; exit $?; }
# Allocated sections: name, offset, size as readelf reads them.
LC_ALL=C readelf -SW "$hello" | sed -n 's/^ *\[ *[0-9]*\] //p' |
	awk '$7 ~ /A/ { print $1, $4, $5 }' |
	while read -r n o s; do echo "$n $((0x$o)) $((0x$s))"; done |
	sort >"$tmpdir/want"
run --image /fx/hello -r -n -b -o TYPE,NAME,OFFSET,SIZE 2>/dev/null |
	awk '$1 == "section" { print $2, $3, $4 }' |
	while read -r n o s; do echo "$n $((0x$o)) $s"; done | sort >"$tmpdir/got"
check "sections found" 1 "$([ -s "$tmpdir/got" ] && echo 1)"
if cmp -s "$tmpdir/want" "$tmpdir/got"; then pass; else
	fail "sections differ from readelf -S"
	diff -u "$tmpdir/want" "$tmpdir/got" >&2
fi
want=$(LC_ALL=C readelf -n "$hello" | awk '/Build ID:/ { print $3 }')
got=$(run --image /fx/hello -r -n -o TYPE,BUILDID 2>/dev/null |
	awk '$1 == "image" { print $2 }')
check "build-id as readelf -n" "$want" "$got"
check "build-id is sha1" 40 "${#got}"
finish
