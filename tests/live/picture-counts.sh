#!/bin/sh
# The legend of flags --picture against flags itself over the same
# fixture tree (fixtures/picture): each class is the frames of the flag
# sets flags lists for it; holes are the nopage frames and the 512 frames
# iomem leaves out of System RAM (fixtures/picture/generate.py). And the
# picture options are refused where they do not apply.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
[ "$(getconf PAGESIZE)" = 4096 ] || skip "page size is not 4096"
root=$TESTS_SRCDIR/golden/fixtures/picture/proc

"$VMASCOPE" flags --picture=ascii --proc-root "$root" >"$tmpdir/pic" ||
	fail "flags --picture failed"
legend() { awk -v c="$1" '$1 == c && / frames / { for (i = 1; i <= NF; i++) if ($i == "frames") print $(i - 1) }' "$tmpdir/pic"; }
hole=$(awk '/ frames / && $1 == "hole" { for (i = 1; i <= NF; i++) if ($i == "frames") print $(i - 1) }' "$tmpdir/pic")
# Frames of flags --flags EXPR (EXPR may repeat: ORed).
pages() {
	local args='' e
	for e in "$@"; do args="$args --flags $e"; done
	# shellcheck disable=SC2086
	"$VMASCOPE" flags $args -n -r -o PAGES --proc-root "$root" |
		awk '{ s += $1 } END { print s + 0 }'
}
zero=$("$VMASCOPE" flags -n -r -o PAGES,RAWFLAGS --proc-root "$root" |
	awk '$2 == 0 { s += $1 } END { print s + 0 }')

check "free" "$(pages buddy)" "$(legend F)"
check "anonymous" "$(pages anon,~thp)" "$(legend A)"
check "page cache" "$(pages lru,~anon,~swapbacked)" "$(legend C)"
check "shmem" "$(pages swapbacked,~anon)" "$(legend M)"
check "slab" "$(pages slab)" "$(legend S)"
check "page tables" "$(pages pgtable)" "$(legend P)"
check "kernel, reserved" "$(pages reserved)" "$(legend K)"
check "huge" "$(pages huge anon,thp)" "$(legend H)"
check "holes" $(($(pages nopage) + 512)) "$hole"
check "untyped" $((zero - 512)) "$(legend U)"
check "blocks" "2 MiB blocks: 6 of 16 wholly free; 3 hold unmovable frames (slab, page tables, kernel or reserved); 1 more hold untyped frames" \
	"$(grep '^2 MiB blocks' "$tmpdir/pic")"

check_rc "--png to a missing directory" 1 "$VMASCOPE" flags --png /nonexistent/x.png --proc-root "$root"
check_err "the file named" "/nonexistent/x.png"
check_rc "--picture with --all" 64 "$VMASCOPE" maps --all --picture --proc-root "$root"
finish
