#!/bin/sh
# fish completion (completions/vmascope.fish), through fish's own engine:
# complete -C LINE prints what Tab would offer.
SHELL_NAME=fish
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/complete-lib.sh"
command -v fish >/dev/null || skip "fish not installed"

complete_line() {
	fish --no-config -c 'source $argv[1]; or exit 1
		complete -C $argv[2]' "$COMPLETIONS/vmascope.fish" "$1" |
		cut -f 1
}

# Where a PID is expected, fish shows the command name beside it.
if known args maps | grep -q PID; then
	comm=$(cat /proc/$$/comm)
	fish --no-config -c 'source $argv[1]; complete -C"vmascope maps "' \
		"$COMPLETIONS/vmascope.fish" | grep -q "^$$	$comm\$" && pass ||
		fail "fish: 'vmascope maps <Tab>' lacks '$$' described '$comm'"
fi
check_completions
finish
