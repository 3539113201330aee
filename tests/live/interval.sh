#!/bin/sh
# --interval (issue 18): each sample whole with a TIME column when piped,
# NDJSON with -J, changes since the previous sample in the + columns,
# redrawn in place through terminfo on a terminal, Ctrl-C and a closed
# pipe end cleanly, and sampling costs no more than single runs.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
L=$TESTS_BUILDDIR/helpers/leaker
[ -x "$L" ] || skip "$L not built"
psz=$(getconf PAGESIZE)

cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null
	rm -rf "$tmpdir"
}
trap cleanup EXIT
mkfifo "$tmpdir/in"
"$L" <"$tmpdir/in" >"$tmpdir/leak" &
layout_pid=$!
exec 3>"$tmpdir/in"
i=0
until grep -q '^ready$' "$tmpdir/leak"; do
	i=$((i + 1)); [ $i -gt 100 ] && skip "leaker not ready"; sleep 0.1
done
start=$(awk '$1 == "region" {print $2}' "$tmpdir/leak")
P=$layout_pid
echo 10 >&3

# Piped: each sample whole, its header and a TIME column.
"$V" top $P --interval 0.1 --count 3 -o PID,RSS >"$tmpdir/t"
check "samples" 3 "$(grep -c '^TIME' "$tmpdir/t")"
check "rows" 3 "$(awk -v p=$P '$1 ~ /^[0-9][0-9][0-9][0-9]-/ && $2 == p' "$tmpdir/t" | wc -l)"
# -J: one JSON document per line per sample.
"$V" top $P --interval 0.1 --count 3 -J -o PID,RSS,+RSS >"$tmpdir/j"
check "NDJSON lines" 3 "$(wc -l <"$tmpdir/j")"
if command -v jq >/dev/null; then
	check "NDJSON documents" "$P $P $P" \
		"$(jq -r '.processes[0].pid' "$tmpdir/j" | tr '\n' ' ' | sed 's/ $//')"
	check "first sample has no change" "null" \
		"$(head -1 "$tmpdir/j" | jq '.processes[0]."+rss"')"
	check "time" 1 "$(head -1 "$tmpdir/j" | jq '.processes[0].time | test("^[0-9]{4}-")' | grep -c true)"
fi

# The + columns: what the leaker wrote between two samples.
grown() {
	# wait for the first sample, grow, let the second one come
	i=0
	until [ -s "$1" ]; do i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.05; done
	echo 100 >&3
}
"$V" top $P --interval 1.5 --count 2 -rnb -o PID,+RSS,+USS -s +PSS >"$tmpdir/d" &
grown "$tmpdir/d"
wait $!
# +RSS exactly the pages written; +USS at least those, and at most 16
# more: library pages the leaker shared with a process that exited in
# between become its own.
check "top +RSS" "$((100 * psz))" "$(awk 'NR == 2 {print $3}' "$tmpdir/d")"
u=$(awk 'NR == 2 {print $4}' "$tmpdir/d")
[ "${u:-0}" -ge $((100 * psz)) ] && [ "${u:-0}" -le $((116 * psz)) ] && pass ||
	fail "top +USS: $u, want $((100 * psz)) to $((116 * psz))"
# A group of --by matched by its key, and --total summing the changes.
"$V" top $P --comm '^leaker$' --by program --total --interval 1.5 --count 2 -rnb -o COMMAND,PROCS,+RSS >"$tmpdir/g" &
grown "$tmpdir/g"
wait $!
check "top --by program --total +RSS" "leaker 1 $((100 * psz)) total 1 $((100 * psz))" \
	"$(awk 'NR > 2 {printf "%s%s %s %s", (NR > 3 ? " " : ""), $2, $3, $4}' "$tmpdir/g")"
"$V" maps $P --interval 1.5 --count 2 -rnb -o START,+RSS,+PSS >"$tmpdir/m" &
grown "$tmpdir/m"
wait $!
check "maps +RSS +PSS" "$((100 * psz)) $((100 * psz))" \
	"$(awk -v s=$start '$2 == s {n++} n == 2 && $2 == s {print $3, $4; exit}' "$tmpdir/m")"
"$V" share $P --by process --interval 1.5 --count 2 -rnb -o PID,+RSS,+USS >"$tmpdir/s" &
grown "$tmpdir/s"
wait $!
# USS needs the frames' map counts: unknown ("-") without them.
uss=$((100 * psz))
[ "$(id -u)" = 0 ] || uss=-
check "share +RSS +USS" "$((100 * psz)) $uss" \
	"$(awk 'NR == 2 {print $3, $4}' "$tmpdir/s")"
if [ -r /proc/kpageflags ]; then
	"$V" flags --by node --interval 0.2 --count 2 -rn -o NODE,+PAGES >"$tmpdir/f"
	check "flags +PAGES of nodes" "" \
		"$(awk 'NR > 0 && $3 != "-" && $3 != "+0" {print}' "$tmpdir/f")"
	check "flags samples" 4 "$(wc -l <"$tmpdir/f" | awk '{print $1 - $1 % 2}')"
fi

# Ctrl-C: ends after the sample in progress, exit 0, whole lines.
"$V" top --interval 0.2 -o PID,RSS >"$tmpdir/c" 2>&1 &
pid=$!
sleep 0.7
kill -INT $pid
wait $pid
check "Ctrl-C exit" 0 $?
[ -z "$(tail -c 1 "$tmpdir/c")" ] && pass || fail "Ctrl-C: last line cut"
# A closed pipe ends it at once.
timeout 10 sh -c "'$V' top --interval 0.05 | head -1 >/dev/null"
check "closed pipe" 0 $?

# A terminal: redrawn in place with terminfo's home and ed, cut to the
# terminal's rows; a resize (SIGWINCH) does not stop it.
if command -v script >/dev/null && TERM=xterm tput home >/dev/null 2>&1; then
	home=$(TERM=xterm tput home | od -An -c | tr -d ' \n')
	TERM=xterm script -qc "stty rows 8 cols 70; '$V' top --interval 0.3 --count 3 & p=\$!; sleep 0.4; kill -WINCH \$p; wait \$p" \
		"$tmpdir/tty" >/dev/null 2>&1
	frames=$(od -An -c "$tmpdir/tty" | tr -d ' \n' | grep -oF -- "$home" | wc -l)
	[ "$frames" -ge 3 ] && pass || fail "terminal: $frames redraws, want 3 or more"
	grep -aq 'sample 3' "$tmpdir/tty" && pass || fail "terminal: no third sample"
	ed=$(TERM=xterm tput ed)
	lines=$(tr -d '\r' <"$tmpdir/tty" | awk -v ed="$ed" '/sample 3/ {f = 1} f {n++} f && index($0, ed) {print n; exit}')
	[ "$lines" -le 8 ] && pass || fail "terminal: $lines lines on 8 rows"
else
	echo "no script(1) or terminfo: terminal check skipped"
fi

# Cost: N samples cost no more CPU than N single runs (the children's
# user and system time, as the shell's times builtin counts it).
N=10
cpu() {
	tail -1 "$1" | awk '{ for (i = 1; i <= 2; i++) { split($i, a, "m"); s += a[1] * 60 + a[2] } print s }'
}
times >"$tmpdir/t0"
i=0
while [ $i -lt $N ]; do "$V" top -o PID,RSS,PSS >/dev/null; i=$((i + 1)); done
times >"$tmpdir/t1"
"$V" top --interval 0.01 --count $N -o PID,RSS,PSS >/dev/null
times >"$tmpdir/t2"
t0=$(cpu "$tmpdir/t0") t1=$(cpu "$tmpdir/t1") t2=$(cpu "$tmpdir/t2")
single=$(awk "BEGIN {print $t1 - $t0}")
sampled=$(awk "BEGIN {print $t2 - $t1}")
echo "cost: $N single runs ${single}s CPU, $N samples ${sampled}s CPU"
awk "BEGIN {exit !($sampled <= $single * 1.2 + 0.05)}" && pass ||
	fail "sampling costs more than single runs: $sampled s against $single s"

check_rc "--count without --interval" 64 "$V" top --count 3
check_rc "bad --interval" 64 "$V" top --interval 0
check_rc "--interval with prometheus" 64 "$V" top --interval 1 --format prometheus
check_rc "--interval with --list" 64 "$V" flags --list --interval 1
finish
