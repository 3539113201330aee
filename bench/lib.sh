# The measuring and reporting of make bench, shared by run.sh, cache.sh
# and picture.sh (sourced; POSIX sh). The caller sets:
#   RUN    bench/runrss: runs one command, prints "WALL KIB USER SYS"
#   res    the directory of results: one file per PREFIX.TOOL, a line per run
#   ONE    the function that measures one run: "$ONE PREFIX TOOL"
#          (bench_one_cmd: the command that "$CMD PREFIX TOOL" prints)
#   bench_name  the name in messages ("bench", "bench cache" ...)
# and may set ROUNDS (REPS when unset) before bench_rounds.

# bench_measure NAME CMD...: one run of CMD appended to res/NAME; a message
# and status 1 when CMD fails.
bench_measure() {
	local n=$1
	shift
	"$RUN" "$@" >>"$res/$n" 2>"$res/.err" || {
		echo "$bench_name: $n failed: $(head -c 300 "$res/.err")" >&2
		return 1
	}
}

# bench_measure_any NAME CMD...: the same, whatever the exit status (cat
# of files of processes that may end meanwhile).
bench_measure_any() {
	local n=$1
	shift
	"$RUN" "$@" >>"$res/$n" 2>/dev/null
	return 0
}

# bench_rounds PREFIX TOOL...: ROUNDS (else REPS) rounds, the order of the
# tools rotated every round (so drift and the neighbours' load hit them
# all alike); each run is "$ONE PREFIX TOOL".
bench_rounds() {
	local prefix=$1 i k n t order
	shift
	n=$#
	for i in $(seq "${ROUNDS:-$REPS}"); do
		order=''
		k=0
		for t in "$@"; do
			order="$order $((((k - i) % n + n) % n)):$t"
			k=$((k + 1))
		done
		for t in $(echo "$order" | tr ' ' '\n' | sort -n | cut -d: -f2); do
			"$ONE" "$prefix" "$t"
		done
	done
}

bench_one_cmd() {
	# shellcheck disable=SC2046	# the command is split into its words
	bench_measure "$1.$2" $("$CMD" "$1" "$2")
}

# bench_warm_rounds PREFIX TOOL...: one unmeasured run of each tool (the
# files it reads come into the cache), then bench_rounds.
bench_warm_rounds() {
	local p=$1 t
	shift
	for t in "$@"; do
		$("$CMD" "$p" "$t") >/dev/null 2>&1
	done
	bench_rounds "$p" "$@"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
# col NAME N: the median of field N of NAME's runs.
col() { [ -s "$res/$1" ] && awk -v c="$2" '{ print $c }' "$res/$1" | median; }
wall() { col "$1" 1; }
cpu() { [ -s "$res/$1" ] && awk '{ print $3 + $4 }' "$res/$1" | median; }
peak() { [ -s "$res/$1" ] && awk '$2 > m { m = $2 } END { print m + 0 }' "$res/$1"; }
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'
}

# header, then row PREFIX TOOL: the table of runs.
header() {
	printf '%-8s %-14s %9s %9s %8s %8s %9s\n' workload tool 'median s' 'min s' \
		'user s' 'sys s' 'peak KiB'
}
row() {
	[ -s "$res/$1.$2" ] || return 0
	printf '%-8s %-14s %9.4f %9.4f %8.3f %8.3f %9d\n' "$1" "$2" \
		"$(wall "$1.$2")" "$(sort -n "$res/$1.$2" | head -1 | cut -d' ' -f1)" \
		"$(col "$1.$2" 3)" "$(col "$1.$2" 4)" "$(peak "$1.$2")"
}

# cmp A B: the ratio of the median wall times of A and B, and of their
# median CPU times (user + sys) after it: on a loaded machine the wall
# time also holds the waits for a CPU. A verdict is on the first.
# cmpcpu A B: the same the other way round, for the targets on CPU time.
cmp() { echo "$(ratio "$(wall "$1")" "$(wall "$2")") $(ratio "$(cpu "$1")" "$(cpu "$2")")"; }
cmpcpu() { echo "$(ratio "$(cpu "$1")" "$(cpu "$2")") $(ratio "$(wall "$1")" "$(wall "$2")")"; }

# target NAME "VALUE [OTHER]" OP LIMIT NOTE: one verdict line; a MISS
# counts in $misses.
target() {
	local verdict other label=cpu
	verdict=$(awk -v v="${2% *}" -v op="$3" -v l="$4" 'BEGIN {
		if (v == "n/a" || v == "") { print "n/a"; exit }
		if (op == "<=") ok = v <= l; else if (op == ">=") ok = v >= l;
		else ok = v < l
		print ok ? "PASS" : "MISS" }')
	other=$(echo "$2" | cut -s -d' ' -f2)
	case $1 in *"CPU"*) label=wall ;; esac
	printf '%-36s %6s (%s %5s)  target %-2s %-4s %-4s %s\n' "$1" "${2% *}" \
		"$label" "${other:--}" "$3" "$4" "$verdict" "$5"
	[ "$verdict" = MISS ] && misses=$((misses + 1))
	return 0
}
