#!/bin/sh
# elf on live processes (root): the test image, waiting, and its libc.
# Sections as readelf reads them, RSS <= SIZE, sections + gaps = image
# RSS = the kernel's Rss of the image's VMAs (smaps), COW = smaps'
# Anonymous of the file VMAs, build-id as readelf -n says.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
need_root
hello=$TESTS_BUILDDIR/helpers/elfhello
[ -x "$hello" ] || skip "test program not built"
command -v readelf >/dev/null || skip "readelf (binutils) missing"

mkfifo "$tmpdir/in"
"$hello" <"$tmpdir/in" >"$tmpdir/ready" &
pid=$!
exec 3>"$tmpdir/in"
trap 'exec 3>&-; wait; rm -rf "$tmpdir"' EXIT
i=0
while ! grep -q ready "$tmpdir/ready" && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done

"$VMASCOPE" elf "$pid" -r -n -b \
	-o IMAGE,TYPE,NAME,SIZE,RSS,COW,BUILDID >"$tmpdir/out" 2>"$tmpdir/err"
check "exit status" 0 "$?"

# smaps: Rss and Anonymous (kB) of the VMAs of one file, plus the
# anonymous VMA right after its last one (.bss), when asked.
smaps_sum() {
	awk -v path="$1" -v key="$2" -v tail="$3" '
	/^[0-9a-f]+-[0-9a-f]+ / { cur = ($6 == path); nxt = (prev && NF == 5 && tail);
		prev = cur; next }
	$1 == key ":" && (cur || nxt) { s += $2 }
	END { print s * 1024 }' "/proc/$pid/smaps"
}

check_image() {
	img=$1 file=$2 exact=$3
	awk -v i="$img" '$1 == i' "$tmpdir/out" >"$tmpdir/img"
	check "$img: one image row" 1 "$(grep -c '^[^ ]* image ' "$tmpdir/img")"
	rss=$(awk '$2 == "image" { print $5 }' "$tmpdir/img")
	cow=$(awk '$2 == "image" { print $6 }' "$tmpdir/img")
	check "$img: sections + gaps = image RSS" "$rss" \
		"$(awk '$2 == "section" || $2 == "gaps" { s += $5 } END { print s }' "$tmpdir/img")"
	check "$img: COW of sections + gaps = image COW" "$cow" \
		"$(awk '$2 == "section" || $2 == "gaps" { s += $6 } END { print s }' "$tmpdir/img")"
	check "$img: RSS <= SIZE for every section" "" \
		"$(awk '$2 == "section" && $5 > $4 { print $3 }' "$tmpdir/img")"
	check "$img: COW = smaps Anonymous of its file VMAs" \
		"$(smaps_sum "$img" Anonymous 0)" "$cow"
	file_rss=$(smaps_sum "$img" Rss 0)
	with_tail=$(smaps_sum "$img" Rss 1)
	if [ "$exact" = 1 ]; then
		check "$img: RSS = smaps Rss of its VMAs and .bss" "$with_tail" "$rss"
	else
		check "$img: smaps Rss of file VMAs <= RSS <= with the next VMA" 1 \
			"$([ "$file_rss" -le "$rss" ] && [ "$rss" -le "$with_tail" ] && echo 1)"
	fi
	LC_ALL=C readelf -SW "$file" | sed -n 's/^ *\[ *[0-9]*\] //p' |
		awk '$7 ~ /A/ { print $1, $5 }' |
		while read -r n s; do echo "$n $((0x$s))"; done | sort >"$tmpdir/want"
	awk '$2 == "section" { print $3, $4 }' "$tmpdir/img" | sort >"$tmpdir/got"
	if cmp -s "$tmpdir/want" "$tmpdir/got"; then pass; else
		fail "$img: sections differ from readelf -S"
		diff -u "$tmpdir/want" "$tmpdir/got" >&2
	fi
	check "$img: build-id as readelf -n" \
		"$(LC_ALL=C readelf -n "$file" | awk '/Build ID:/ { print $3; exit }')" \
		"$(awk '$2 == "image" { print $7 }' "$tmpdir/img")"
}

himg=$(awk '/\/elfhello$/ { print $6; exit }' "/proc/$pid/maps")
check_image "$himg" "$hello" 1
check ".data was copied" 1 \
	"$(awk -v i="$himg" '$1 == i && $3 == ".data" && $6 > 0 { print 1 }' "$tmpdir/out")"
check ".bss is resident" 1 \
	"$(awk -v i="$himg" '$1 == i && $3 == ".bss" && $5 >= 32768 { print 1 }' "$tmpdir/out")"
libc=$(awk '$6 ~ /\/libc[.-]/ { print $6; exit }' "/proc/$pid/maps")
if [ -n "$libc" ]; then
	check_image "$libc" "/proc/$pid/root$libc" 0
fi
check "no warnings" "" "$(cat "$tmpdir/err")"
finish
