#!/bin/sh
# Kernels without PAGEMAP_SCAN (issue 13, item 4; VMASCOPE_PAGEMAP=plain
# walks as they do): a 1 TiB PROT_NONE reservation around 16 MiB written
# must not be read entry by entry (2 GiB of pagemap): the VMAs smaps
# shows empty are left out. strace shows every pread of pagemap.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
R=$TESTS_BUILDDIR/helpers/reserve
V=$VMASCOPE
[ -x "$R" ] || skip "$R not built"
command -v strace >/dev/null || skip "no strace"
strace -qq -e trace=pread64 -o /dev/null true 2>/dev/null || skip "strace cannot trace here"
cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null
	rm -rf "$tmpdir"
}
trap cleanup EXIT
start_layout reserve "$R" 1024
pid=$layout_pid
set -- $(awk '$1 == "reserve" {print $2, $3} $1 == "written" {print $2, $3}' "$tmpdir/layout")
rs=$1 re=$2 ws=$3 we=$4
psz=$(getconf PAGESIZE)

# reads CMD...: the pagemap preads of vmascope CMD, as "FIRST LAST" page
# addresses (decimal: mawk prints no 64-bit hex), one line each.
reads() {
	# LeakSanitizer does not run under ptrace: no leak check here.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	VMASCOPE_PAGEMAP=plain strace -qq -f -s 0 -e trace=openat,pread64 \
		-o "$tmpdir/st" "$V" "$@" >"$tmpdir/out" 2>"$tmpdir/err" ||
		fail "$*: $(head -c 300 "$tmpdir/err")"
	# pid openat(3, "N/pagemap", ...) = FD
	# pid pread64(FD, ""..., BYTES, OFFSET) = GOT
	awk -v psz="$psz" '
		/openat\(.*\/pagemap"/ { fd = $NF; next }
		fd != "" && /pread64\(/ {
			line = $0
			sub(/\) +=.*/, "", line)
			k = split(line, a, /, /)
			f = a[1]
			sub(/.*pread64\(/, "", f)
			if (f == fd && a[k - 1] > 0)
				printf "%.0f %.0f\n", a[k] / 8 * psz,
					(a[k] + a[k - 1]) / 8 * psz
		}' "$tmpdir/st" >"$tmpdir/reads"
	[ -s "$tmpdir/reads" ] || fail "$*: no pagemap read seen"
}

# none_outside NAME: every pagemap read lies in the written 16 MiB or
# outside the reservation.
none_outside() {
	if awk -v rs=$rs -v re=$re -v ws=$ws -v we=$we '
		function h(x,  i, v) {
			v = 0
			for (i = 1; i <= length(x); i++)
				v = v * 16 + index("0123456789abcdef", substr(x, i, 1)) - 1
			return v
		}
		{ s = $1 + 0; e = $2 + 0
		  if (e > h(rs) && s < h(re) && (s < h(ws) || e > h(we))) bad++ }
		END { exit bad > 0 }' "$tmpdir/reads"; then
		pass
	else
		fail "$1: read the empty reservation: $(wc -l <"$tmpdir/reads") preads"
	fi
}

for cmd in "maps $pid -o +THP" "top $pid -o PID,THP" "share $pid" "pages $pid --range $rs-$re"; do
	reads $cmd
	none_outside "$cmd"
done
# What was written is still counted: 16 MiB in the writable VMA.
reads maps $pid -b -o START,RSS,THP -rn
check "maps: RSS of the written VMA" "$ws $((16 << 20))" \
	"$(awk -v ws=$ws '$1 == ws {print $1, $2}' "$tmpdir/out")"
finish
