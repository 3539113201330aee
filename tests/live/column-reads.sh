#!/bin/sh
# Columns declare in their table what they read (the SRC_* bits, printed by
# tests/helpers/docs_names --reads); the program opens what the columns asked
# for declare, and their table's rows. For each column of maps, top and pages
# alone (-o COL), strace shows every file that column declares opened, and no
# other: nothing of /proc/kpage* for a column that does not declare them.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
command -v strace >/dev/null 2>&1 || skip "no strace"
need_root
strace -f -qq -e trace=openat,open -o "$tmpdir/probe" true 2>/dev/null ||
	skip "strace cannot trace here"
# LeakSanitizer cannot run under ptrace: off for the traced runs (a
# sanitized build's leaks are found by the other tests).
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
"$TESTS_BUILDDIR/helpers/docs_names" --reads >"$tmpdir/reads" ||
	{ fail "docs_names --reads"; finish; exit; }

# The target: a process that holds still, once it runs sleep itself.
start_sleeper

# The sources a run opened, one a line, from strace's log: the target's
# files (PID/NAME), the kpage files, the node and cgroup maps. vmascope's
# own /proc files (a sanitizer's too), libraries and locales are none of a
# column's.
opened() {
	awk -v pid="$target" '
	match($0, /"[^"]*"/) {
		p = substr($0, RSTART + 1, RLENGTH - 2)
		n = p
		sub(/.*\//, "", n)
		if (p ~ ("(^|/)" pid "/[a-z_]+$"))
			print (n ~ /^(maps|smaps|smaps_rollup|status|comm|cmdline|cgroup|pagemap)$/) ? n : "process file " n
		else if (p ~ /(^|\/)kpage[a-z]+$/)
			print n
		else if (p ~ /^(\/proc\/)?(zoneinfo|iomem)$/ ||
			 p ~ /^\/sys\/devices\/system\/(node|memory)/)
			print "nodes"
		else if (p ~ /^\/sys\/fs\/cgroup/ || p ~ /(^|\/)mountinfo$/)
			print "cgroupfs"
	}' "$1" | sort -u
}

# The sources a selection declares that are files strace can see open
# (pfn is a part of pagemap, exe a link, elf the mapped images).
declared() {
	local cmd=$1 col
	shift
	{
		awk -F '\t' -v c="$cmd" '$1 == "rows" && $2 == c { print $3 }' \
			"$tmpdir/reads"
		for col; do
			awk -F '\t' -v c="$cmd" -v k="$col" \
				'$1 == "reads" && $2 == c && $3 == k { print $4 }' \
				"$tmpdir/reads"
		done
	} | tr ',' '\n' | grep -v -e '^-$' -e '^pfn$' -e '^exe$' -e '^elf$' |
		sort -u
}

# run CMD COL...: strace vmascope CMD -o COL,... PID; compare.
run() {
	local cmd=$1 list rc
	shift
	list=$(echo "$@" | tr ' ' ',')
	strace -f -qq -e trace=openat,open -o "$tmpdir/log" \
		"$V" "$cmd" -o "$list" $target >/dev/null 2>"$tmpdir/err"
	rc=$?
	[ $rc = 0 ] || { fail "$cmd -o $list: exit $rc: $(head -c 300 "$tmpdir/err")"; return; }
	opened "$tmpdir/log" >"$tmpdir/have"
	declared "$cmd" "$@" >"$tmpdir/want"
	# smaps holds maps' lines: a VMA table reads it instead of maps.
	if grep -qx smaps "$tmpdir/have"; then
		grep -vx maps "$tmpdir/want" >"$tmpdir/want.1"
		mv "$tmpdir/want.1" "$tmpdir/want"
	fi
	# Frames hidden (no CAP_SYS_ADMIN): nothing to look up in kpage*.
	if grep -q 'physical frames are hidden' "$tmpdir/err"; then
		grep -v '^kpage' "$tmpdir/want" >"$tmpdir/want.1"
		mv "$tmpdir/want.1" "$tmpdir/want"
	fi
	extra=$(comm -13 "$tmpdir/want" "$tmpdir/have" | tr '\n' ' ')
	missing=$(comm -23 "$tmpdir/want" "$tmpdir/have" | tr '\n' ' ')
	if [ -z "$extra$missing" ]; then
		pass
	else
		fail "$cmd -o $list: opened but not declared: '$extra'; declared but not opened: '$missing'"
	fi
}

for cmd in maps top pages; do
	cols=$(awk -F '\t' -v c="$cmd" '$1 == "reads" && $2 == c { print $3 }' \
		"$tmpdir/reads")
	[ -n "$cols" ] || fail "$cmd: no columns in docs_names --reads"
	for col in $cols; do
		case $col in
		# -o +COL appends to the defaults: a change column after PID.
		+*) run "$cmd" PID "$col" ;;
		*) run "$cmd" "$col" ;;
		esac
	done
done
# A column that reads no kpage file opens none, whatever else it reads.
for sel in "maps -o RSS,VMFLAGS" "top -o PSS,ARGS" "pages -o PFN,PAGEMAP"; do
	# shellcheck disable=SC2086
	strace -f -qq -e trace=openat,open -o "$tmpdir/log" "$V" $sel $target \
		>/dev/null 2>&1
	if grep -q 'kpage' "$tmpdir/log"; then
		fail "$sel opened $(grep -o '"[^"]*kpage[a-z]*"' "$tmpdir/log" | sort -u | tr '\n' ' ')"
	else
		pass
	fi
done
finish
