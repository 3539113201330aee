#!/bin/sh
# vmascope export: its output over a fixture tree (golden), agreement with
# top --format prometheus and with flags, the textfile replaced whole,
# errors counted across runs, a failed family keeping its previous samples;
# the page cache families agreeing with vmascope cache.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
fx=$TESTS_SRCDIR/golden/fixtures/proc

# The run times differ from run to run; the version from release to release.
mask() {
	sed -E -e 's/^(vmascope_export_[a-z_]*duration_seconds(\{[^}]*\})?) .*/\1 TIME/' \
		-e 's/^(vmascope_export_build_info\{version=")[^"]*/\1VERSION/' "$@"
}

# Usage errors.
check_rc "export -J" 64 "$V" export -J
check_rc "export --top x" 64 "$V" export --top x
check_err "--top x named" "'x'"
check_rc "export --top 100001" 64 "$V" export --top 100001
check_rc "export argument" 64 "$V" export 1
check_rc "export -s USER" 64 "$V" export -s USER --proc-root "$fx"
check_rc "export -o THP" 64 "$V" export -o +THP --proc-root "$fx"
check_err "-o THP says why" "smaps_rollup"

# The fixture tree: every family, as expected.
check_rc "export fixture" 0 "$V" export --proc-root "$fx" --top 1
mask "$tmpdir/out" >"$tmpdir/got"
if diff -u "$TESTS_SRCDIR/golden/expected/export-fixture.out" "$tmpdir/got" \
	>"$tmpdir/diff"; then pass; else fail "export fixture: $(cat "$tmpdir/diff")"; fi

# The process samples are top's, line for line; pid="other" sums the rest.
"$V" top --format prometheus --proc-root "$fx" >"$tmpdir/top"
for n in 0 1 5; do
	"$V" export --proc-root "$fx" --top $n >"$tmpdir/exp$n"
	grep '^vmascope_process_.*pid="[0-9]' "$tmpdir/exp$n" >"$tmpdir/lines$n"
	nproc=$(grep -c '^vmascope_process_pss' "$tmpdir/top")
	check "export --top $n: series" "$((n < nproc ? n : nproc))" \
		"$(grep -c '^vmascope_process_pss' "$tmpdir/lines$n")"
	if grep -vxF -f "$tmpdir/top" "$tmpdir/lines$n" >"$tmpdir/bad"; then
		fail "export --top $n: not in top's output: $(head -n 2 "$tmpdir/bad")"
	else pass; fi
	for m in rss pss uss swap; do
		want=$(grep "^vmascope_process_${m}_bytes" "$tmpdir/top" |
			grep -vF -f "$tmpdir/lines$n" | awk '{ s += $NF } END { print s + 0 }')
		have=$(awk -v m="vmascope_process_${m}_bytes{pid=\"other\"}" \
			'$1 == m { print $2 }' "$tmpdir/exp$n")
		check "export --top $n: other $m" "$want" "$have"
	done
done

# The groupings are top --by's, family for family, line for line.
for b in program user cgroup unit; do
	"$V" top --by $b --format prometheus --proc-root "$fx" >"$tmpdir/top.$b"
	grep -e "^vmascope_${b}_" -e "^# [A-Z]* vmascope_${b}_" "$tmpdir/exp1" >"$tmpdir/exp.$b"
	[ -s "$tmpdir/exp.$b" ] && cmp -s "$tmpdir/top.$b" "$tmpdir/exp.$b" && pass ||
		fail "export's $b family is not top --by $b's: $(diff "$tmpdir/top.$b" "$tmpdir/exp.$b" | head -n 4)"
done

# Frames: per node the classes sum to what flags --by node counts; per
# flag, what flags --flags NAME counts.
"$V" export --proc-root "$fx" >"$tmpdir/exp"
"$V" flags --by node -b -n -r -o NODE,SIZE --proc-root "$fx" |
	awk '{ n = $1 == "-" ? "unknown" : $1; print n, $2 }' | sort >"$tmpdir/want"
awk '/^vmascope_frames_bytes/ { match($0, /node="[^"]*"/)
	s[substr($0, RSTART + 6, RLENGTH - 7)] += $2 }
	END { for (n in s) print n, s[n] }' "$tmpdir/exp" | sort >"$tmpdir/have"
check "frames per node" "$(cat "$tmpdir/want")" "$(cat "$tmpdir/have")"
for f in anon lru buddy thp mlocked readahead reclaim zero_page slab; do
	want=$("$V" flags --flags $f -b -n -r -o SIZE --proc-root "$fx" |
		awk '{ s += $1 } END { print s + 0 }')
	have=$(awk -v m="vmascope_frames_flag_bytes{flag=\"$f\"}" \
		'$1 == m { print $2 }' "$tmpdir/exp")
	check "frames with flag $f" "$want" "$have"
done
# The classes the fixture's frames fall in (tests/golden/fixtures/proc/kpageflags).
for c in anon:106496 buddy:45056 slab:8192 zero_page:4096 file:8192 none:24576 ksm:0; do
	have=$(awk -v m="vmascope_frames_bytes{node=\"unknown\",class=\"${c%%:*}\"}" \
		'$1 == m { print $2 }' "$tmpdir/exp")
	check "class ${c%%:*}" "${c#*:}" "$have"
done

# Live, as root: the classes sum to every frame of the machine (a sum the
# churn of the pages does not move).
if [ "$(id -u)" = 0 ] && [ -r /proc/kpageflags ]; then
	"$V" export --top 1 >"$tmpdir/live" 2>"$tmpdir/err" || fail "live export: $(cat "$tmpdir/err")"
	want=$("$V" flags -b -n -r -o SIZE | awk '{ s += $1 } END { print s }')
	have=$(awk '/^vmascope_frames_bytes/ { s += $2 } END { print s }' "$tmpdir/live")
	check "live: classes sum to all frames" "$want" "$have"
else
	echo "not root: the live frames sum skipped"
fi

# --textfile: the same metrics, in a file readable by all, no temporary
# file left beside it.
cp -R "$fx" "$tmpdir/proc"
mkdir "$tmpdir/tf"
prom=$tmpdir/tf/vmascope.prom
check_rc "--textfile" 0 "$V" export --proc-root "$tmpdir/proc" --textfile "$prom"
check "--textfile: nothing on stdout" "" "$(cat "$tmpdir/out")"
check "--textfile: the metrics" "$(mask "$tmpdir/exp")" "$(mask "$prom")"
check "--textfile: mode" "644" "$(stat -c %a "$prom")"
check "--textfile: only the file" "vmascope.prom" "$(ls -A "$tmpdir/tf")"
grep '^vmascope_frames' "$prom" >"$tmpdir/frames1"

# A family that fails keeps its previous samples; its counter goes up,
# run after run, and stays up when it works again.
errors() {
	awk -v m="vmascope_export_errors_total{family=\"$1\"}" \
		'$1 == m { print $2 }' "$prom"
}
mv "$tmpdir/proc/kpageflags" "$tmpdir/kpageflags"
check_rc "failed family" 1 "$V" export --proc-root "$tmpdir/proc" --textfile "$prom"
check_err "failed family named" "kpageflags"
check "failed family: previous samples" "$(cat "$tmpdir/frames1")" \
	"$(grep '^vmascope_frames' "$prom")"
check "failed family: errors" "1" "$(errors frames)"
check "failed family: others fine" "0" "$(errors process)"
check "failed family: success" "0" "$(awk '$1 == "vmascope_export_success{family=\"frames\"}" { print $2 }' "$prom")"
check_rc "failed again" 1 "$V" export --proc-root "$tmpdir/proc" --textfile "$prom"
check "failed again: errors" "2" "$(errors frames)"
check "failed again: previous samples" "$(cat "$tmpdir/frames1")" \
	"$(grep '^vmascope_frames' "$prom")"
mv "$tmpdir/kpageflags" "$tmpdir/proc/kpageflags"
check_rc "works again" 0 "$V" export --proc-root "$tmpdir/proc" --textfile "$prom"
check "works again: errors kept" "2" "$(errors frames)"
check "works again: success" "1" "$(awk '$1 == "vmascope_export_success{family=\"frames\"}" { print $2 }' "$prom")"

# A previous file that is not ours: a bad counter counts from 0; a FIFO
# is not opened (no hang) and is replaced.
printf 'vmascope_export_errors_total{family="frames"} 12x\n' >"$prom"
check_rc "bad counter" 0 "$V" export --proc-root "$tmpdir/proc" --textfile "$prom"
check "bad counter: from 0" "0" "$(errors frames)"
rm -f "$prom"
mkfifo "$prom"
check_rc "FIFO in the way" 0 timeout 10 "$V" export --proc-root "$tmpdir/proc" --textfile "$prom"
check_err "FIFO said" "not a regular file"
[ -f "$prom" ] && pass || fail "FIFO not replaced by a regular file"

# A file that cannot be written: an error naming it, nothing left behind.
check_rc "no such directory" 1 "$V" export --proc-root "$tmpdir/proc" --textfile "$tmpdir/none/x.prom"
check_err "no such directory named" "$tmpdir/none/x.prom"
# The page cache families over fixtures/cache (golden-cache.sh's tree):
# the files, their bytes and the cgroups' sums are cache --all's.
ct=$tmpdir/cache
mkdir "$ct" && cp -R "$TESTS_SRCDIR/golden/fixtures/cache/." "$ct/"
mkdir "$ct/proc/700/map_files" "$ct/proc/700/fd" "$ct/proc/701/map_files"
f=../../../files
(cd "$ct/proc/700/map_files" &&
	ln -s $f/libdemo.so 7f0a10000000-7f0a10001000 &&
	ln -s $f/memfd-buf 7f0a20000000-7f0a20002000 &&
	cd ../fd && ln -s $f/data.txt 3 && ln -s "$f/gone (deleted)" 4 &&
	cd ../../701/map_files && ln -s $f/libdemo.so 7f0b10000000-7f0b10001000 &&
	ln -s "$f/odd	name" 7f0b40000000-7f0b40001000) || exit 1
# cfam NAME[{LABELS}] FILE: the values of the samples (labels may hold spaces)
cfam() {
	awk -v m="$1" '{ v = $NF; sub(/ [^ ]*$/, "") }
		$0 == m || index($0, m "{") == 1 { print v }' "$2"
}
"$V" export --proc-root "$ct/proc" --top 100 >"$tmpdir/c100" 2>/dev/null
"$V" export --proc-root "$ct/proc" --top 2 >"$tmpdir/c2" 2>/dev/null
"$V" cache --all --proc-root "$ct/proc" -b -n -r -o CACHED >"$tmpdir/cwant"
check "cache files: as cache --all" "$(sort -n "$tmpdir/cwant" | tr '\n' ' ')" \
	"$(grep -v 'file="other"' "$tmpdir/c100" | cfam vmascope_cache_file_bytes - |
	sort -n | tr '\n' ' ')"
check "cache files: 5 in the tree" 5 "$(grep -c . "$tmpdir/cwant")"
check "cache file libdemo.so" \
	"$("$V" cache --pid 700 --proc-root "$ct/proc" -b -n -r -o CACHED,FILE | awk '/libdemo/ { print $1 }')" \
	"$(cfam 'vmascope_cache_file_bytes{file="/usr/lib/libdemo.so"}' "$tmpdir/c100" | head -n 1)"
"$V" cache --all --top 2 --proc-root "$ct/proc" -b -n -r -o CACHED >"$tmpdir/ctop"
check "cache --top 2: the two largest" "$(sort -n "$tmpdir/ctop" | tr '\n' ' ')" \
	"$(grep -v 'file="other"' "$tmpdir/c2" | cfam vmascope_cache_file_bytes - | sort -n | tr '\n' ' ')"
check "cache --top 2: other is the rest" \
	"$(awk '{ s += $1 } END { print s }' "$tmpdir/cwant")" \
	"$(cfam vmascope_cache_file_bytes "$tmpdir/c2" | awk '{ s += $1 } END { print s - 0 }')"
if command -v promtool >/dev/null 2>&1; then
	promtool check metrics <"$tmpdir/c100" >"$tmpdir/lint" 2>&1 && [ ! -s "$tmpdir/lint" ] &&
		pass || fail "cache tree: promtool check metrics: $(head -c 300 "$tmpdir/lint")"
fi
check "cache --top 2: series" 3 "$(grep -c '^vmascope_cache_file_bytes' "$tmpdir/c2")"
if [ "$(id -u)" = 0 ] && [ -r /proc/kpagecgroup ]; then
	"$V" cache --all --by cgroup --proc-root "$ct/proc" -b -n -r -o CGROUP,CACHED,DELETED \
		>"$tmpdir/cg" 2>/dev/null
	check "cache per cgroup: cache --by cgroup's sums" \
		"$(awk '{ s[$1] += $2 } END { for (c in s) print c, s[c] }' "$tmpdir/cg" | sort)" \
		"$(sed -n 's/^vmascope_cache_cgroup_bytes{cgroup="\(.*\)"} /\1 /p' "$tmpdir/c100" | sort)"
	check "cache of deleted files per cgroup" \
		"$(awk '{ s[$1] += $3 ? $2 : 0 } END { for (c in s) print c, s[c] }' "$tmpdir/cg" | sort)" \
		"$(sed -n 's/^vmascope_cache_deleted_bytes{cgroup="\(.*\)"} /\1 /p' "$tmpdir/c100" | sort)"
	check "cache of deleted files: gone and memfd" 12288 \
		"$(cfam vmascope_cache_deleted_bytes "$tmpdir/c100" | awk '{ s += $1 } END { print s }')"
else
	echo "not root: the page cache per cgroup skipped (kpagecgroup)"
fi

# Live, as root: a deleted file of ours, held open, is a series of its
# own, with cache's bytes, and counted in our cgroup's deleted cache.
if [ "$(id -u)" = 0 ] && [ -r /proc/kpagecgroup ]; then
	live=$tmpdir/live-cache-held
	head -c 1048576 /dev/urandom >"$live" && sync "$live"
	sleep 300 3<"$live" &
	holder=$!
	want=$("$V" cache "$live" -b -n -r -o CACHED)
	rm -f "$live"
	"$V" export --top 100000 >"$tmpdir/clive" 2>"$tmpdir/err" ||
		fail "live export: $(cat "$tmpdir/err")"
	# The kernel may drop a clean page of it between the two reads.
	got=$(cfam "vmascope_cache_file_bytes{file=\"$live (deleted)\"}" "$tmpdir/clive")
	[ "${got:-0}" -le "$want" ] && [ "${got:-0}" -ge $((want - 16 * 4096)) ] &&
		pass || fail "live: the held file's bytes are not cache's: $got, want $want"
	check "live: 1 MiB cached" 1048576 "$want"
	# its memory cgroup: the v1 memory line, or v2's
	cg=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3 }' /proc/$holder/cgroup)
	[ -n "$cg" ] || cg=$(awk -F: '$1 == 0 { print $3 }' /proc/$holder/cgroup)
	# at least the held file's bytes of the same export (not cache's
	# earlier read: a clean page may go between the two)
	have=$(cfam "vmascope_cache_deleted_bytes{cgroup=\"$cg\"}" "$tmpdir/clive")
	[ "${got:-0}" -gt 0 ] && [ "${have:-0}" -ge "$got" ] && pass ||
		fail "live: deleted cache of $cg: ${have:-none} < ${got:-none}"
	kill "$holder"
	wait "$holder" 2>/dev/null
fi
finish
