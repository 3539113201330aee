#!/bin/sh
# bash completion (completions/vmascope), driven the way readline drives it:
# COMP_WORDS and COMP_CWORD set, the function called, COMPREPLY read.
SHELL_NAME=bash
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/complete-lib.sh"
command -v bash >/dev/null || skip "bash not installed"

complete_line() {
	bash --norc --noprofile -c '
		. "$1" || exit 1
		line=$2
		read -r -a COMP_WORDS <<<"$line"
		[[ $line == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		_vmascope
		printf "%s\n" "${COMPREPLY[@]}"' \
		bash "$COMPLETIONS/vmascope" "$1" | while IFS= read -r w; do
		# what -o filenames does on screen: directories get a slash
		if [ -d "$w" ] && [ "${w%/}" = "$w" ]; then
			printf '%s/\n' "$w"
		else
			printf '%s\n' "$w"
		fi
	done
}

reg=$(bash --norc --noprofile -c '. "$1"; complete -p vmascope' bash \
	"$COMPLETIONS/vmascope")
check "complete -p" "complete -F _vmascope vmascope" "$reg"
check_completions
finish
