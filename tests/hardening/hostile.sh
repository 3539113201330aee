#!/bin/sh
# Names an attacker chose (issue 13, item 1): a process maps a file whose
# name holds terminal escape sequences, a newline and bytes that are not
# UTF-8, and names itself the same way. Every command, in every output
# mode, must write them escaped: no control byte, no invalid UTF-8, no
# extra line.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
H=$TESTS_BUILDDIR/helpers/hostile
[ -x "$H" ] || skip "$H not built"
V=$VMASCOPE
cg=
cleanup() {
	exec 3>&-
	[ -n "$layout_pid" ] && kill "$layout_pid" 2>/dev/null
	if [ -n "$cg" ]; then
		wait "$layout_pid" 2>/dev/null
		rmdir "$cg" 2>/dev/null
	fi
	rm -rf "$tmpdir"
}
trap cleanup EXIT

# As root, a memory cgroup v1 below ours whose name holds escape
# sequences, as a delegated user may name one (the kernel refuses a
# newline in a cgroup name): the process
# starts in it, so its pages are charged there (kpagecgroup).
cgname=$(printf 'vms-evil-%s\033[2J\033]0;x\007' $$)
if [ "$(id -u)" = 0 ]; then
	mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)memory(,|$)/ {print $5; exit}' /proc/self/mountinfo)
	own=$(awk -F: '$2 == "memory" {print $3; exit}' /proc/self/cgroup)
	if [ -n "$mnt" ] && mkdir "$mnt$own/$cgname" 2>/dev/null; then
		cg="$mnt$own/$cgname"
	fi
fi
mkdir "$tmpdir/d"
# shellcheck disable=SC2016 # expanded by the inner shell
start_layout hostile sh -c '[ -n "$1" ] && echo $$ >"$1/cgroup.procs"
	exec "$2" "$3"' sh "$cg" "$H" "$tmpdir/d"
pid=$layout_pid
set -- $(awk '$1 == "file" {print $2, $3}' "$tmpdir/layout")
start=$1 end=$2

# clean NAME FILE: no C0 control but tab and newline, no DEL, no C1
# control, valid UTF-8.
clean() {
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$2"; then
		fail "$1: control bytes: $(head -c 300 "$2" | od -c | head -5)"
	elif ! iconv -f UTF-8 -t UTF-8 "$2" >/dev/null 2>&1; then
		fail "$1: invalid UTF-8: $(head -c 300 "$2" | od -c | head -5)"
	elif LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$2"; then
		fail "$1: C1 control: $(head -c 300 "$2" | od -c | head -5)"
	else
		pass
	fi
}

# run NAME ARGS...: every output mode; stdout and stderr clean, -J valid
# JSON, and the escaped name shown where the command shows names.
run() {
	local name=$1 m
	shift
	for m in "" -r -P -J; do
		"$V" "$@" $m >"$tmpdir/out" 2>"$tmpdir/err"
		clean "$name $m: stdout" "$tmpdir/out"
		clean "$name $m: stderr" "$tmpdir/err"
		if [ "$m" = -J ] && command -v jq >/dev/null; then
			jq . "$tmpdir/out" >/dev/null 2>&1 && pass ||
				fail "$name -J: not JSON: $(head -c 300 "$tmpdir/out")"
		fi
		case "$m" in
		-J) want='\\u001b]0;pwned\\u0007' ;;
		*) want='\\x1b]0;pwned\\x07' ;;
		esac
		[ -z "${names:-}" ] && continue
		grep -q -- "$want" "$tmpdir/out" && pass ||
			fail "$name $m: no escaped name '$want': $(head -c 300 "$tmpdir/out")"
	done
}

names=1
run "maps" maps $pid -o START,NAME
run "maps --maps-file" maps --maps-file /proc/$pid/maps -o START,NAME
run "resolve" resolve $pid $start
run "elf" elf $pid
run "share" share $pid
names=
run "pages" pages $pid --range $start-$end -o +CGROUP
run "top" top $pid -o PID,COMMAND,ARGS,CGROUP
run "share --by process" share $pid --by process

# The process name, with its newline, stays on one row.
"$V" top $pid -o COMMAND -n >"$tmpdir/out"
check "top: one row" 1 "$(wc -l <"$tmpdir/out")"
grep -q 'c\\x1b\[2J\\x0a\\x1b]0;x\\x07' "$tmpdir/out" && pass ||
	fail "top: COMMAND not escaped: $(od -c "$tmpdir/out" | head -3)"
"$V" top $pid -o COMMAND -n -r >"$tmpdir/out"
check "top -r: one row" 1 "$(wc -l <"$tmpdir/out")"

# Frames are needed to find who maps the page: as root only.
if [ "$(id -u)" = 0 ] && [ -r /proc/kpageflags ]; then
	pfn=$("$V" pages $pid --range $start-$end -rn -o PFN)
	if [ -n "$pfn" ] && [ "$pfn" != - ]; then
		run "pfn --who" pfn 0x$pfn --who -o PID,COMMAND,ADDR
		"$V" pfn 0x$pfn --who -o COMMAND -n >"$tmpdir/out"
		grep -q 'c\\x1b\[2J\\x0a' "$tmpdir/out" && pass ||
			fail "pfn --who: COMMAND not escaped: $(od -c "$tmpdir/out" | head -3)"
		run "flags --list" flags --list --flags mmap -o PFN,FLAGS,CGROUP
	fi
fi
# The cgroup's name, in the CGROUP column of pages and flags --list.
if [ -n "$cg" ] && [ -r /proc/kpagecgroup ]; then
	names=
	run "pages CGROUP" pages $pid --range $start-$end -o ADDR,CGROUP
	run "flags --by cgroup" flags --by cgroup
	"$V" pages $pid --range $start-$end -o CGROUP -n >"$tmpdir/out"
	grep -q 'vms-evil-[0-9]*\\x1b\[2J\\x1b]0;x\\x07' "$tmpdir/out" && pass ||
		fail "pages: CGROUP not escaped: $(od -c "$tmpdir/out" | head -3)"
	"$V" flags --by cgroup -n -r >"$tmpdir/out"
	grep -q 'vms-evil-[0-9]*\\x1b\[2J\\x1b]0;x\\x07' "$tmpdir/out" && pass ||
		fail "flags --by cgroup: CGROUP not escaped"
fi
finish
