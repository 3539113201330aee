#!/bin/sh
# Hidden frames (issue 13, items 2 and 10): in a user namespace the
# capabilities look full but the kernel writes PFN 0 to pagemap readers
# all the same; as an ordinary user too. Every command must find out
# before it counts, say so once in the same words, and show "-" (not 0B)
# where frames are needed.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
msg='physical frames are hidden: pagemap shows PFN 0'

# hidden_run HOW: run the commands through HOW (a prefix command) on a
# sleep started inside it.
hidden_run() {
	local how=$1 o=$tmpdir/out.d
	rm -rf "$o"
	mkdir "$o" && chmod 777 "$o"
	# Through sh, as below: setpriv itself may reach a binary that the
	# user it becomes cannot (a build tree in a private directory).
	$how sh -c '"$1" --version' sh "$V" >/dev/null 2>&1 || return 1
	# shellcheck disable=SC2016 # expanded by the inner shell
	$how sh -c '
		sleep 30 & p=$!
		sleep 0.2
		"$1" elf $p -o NAME,RSS,PSS,USS -rn >"$2/elf" 2>"$2/elf.err"
		"$1" pages $p --flags lru >"$2/pages" 2>"$2/pages.err"
		"$1" maps $p -o PSS,USS,THP,NAME -rn >"$2/maps" 2>"$2/maps.err"
		"$1" resolve $p 0 >/dev/null 2>"$2/resolve.err"
		kill $p' sh "$V" "$o" || return 1
	[ -s "$o/elf" ] && pass || fail "$how: elf shows nothing: $(cat "$o/elf.err")"
	# elf: PSS and USS unknown ("-") wherever RSS is not 0.
	awk '$2 != "0B" && ($3 != "-" || $4 != "-") { bad = 1 } END { exit bad }' \
		"$o/elf" && pass || fail "$how: elf shows PSS/USS: $(head -3 "$o/elf")"
	# maps: PSS and USS from smaps, which needs no frames; THP is walked.
	awk '$4 == "[vsyscall]" { next }
	     $1 == "-" || $2 == "-" || $3 != "-" { bad = 1 } END { exit bad }' \
		"$o/maps" && pass ||
		fail "$how: maps: PSS/USS not from smaps, or THP: $(head -3 "$o/maps")"
	# Said once, the same words for each command.
	for c in elf pages maps; do
		check "$how: $c says it once" 1 "$(grep -c "$msg" "$o/$c.err")"
	done
	check "$how: pages --flags lru: no rows" 1 "$(wc -l <"$o/pages")"
}

ran=
if unshare -Ur true 2>/dev/null; then
	hidden_run "unshare -Ur" && ran=1
fi
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 711 "$tmpdir"
	hidden_run "setpriv --reuid=nobody --regid=nogroup --clear-groups" && ran=1
elif [ "$(id -u)" != 0 ]; then
	hidden_run "env" && ran=1
fi
[ -n "$ran" ] || skip "no user namespace, and no way to run as another user"
finish
