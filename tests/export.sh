#!/bin/sh
# vmascope export: its output over a fixture tree (golden), agreement with
# top --format prometheus and with flags, the textfile replaced whole,
# errors counted across runs, a failed family keeping its previous samples.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
V=$VMASCOPE
fx=$TESTS_SRCDIR/fixtures/proc

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
if diff -u "$TESTS_SRCDIR/expected/export-fixture.out" "$tmpdir/got" \
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
# The classes the fixture's frames fall in (tests/fixtures/proc/kpageflags).
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
finish
