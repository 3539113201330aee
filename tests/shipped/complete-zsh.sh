#!/bin/sh
# zsh completion (completions/_vmascope), through zsh's own completion
# system: an interactive zsh in a pseudo-terminal (zsh/zpty) loads it with
# compinit, gets LINE and a Tab typed, and a compadd wrapper writes down
# every match the completion functions add.
SHELL_NAME=zsh
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/complete-lib.sh"
command -v zsh >/dev/null || skip "zsh not installed"
zsh -fc 'zmodload zsh/zpty' 2>/dev/null || skip "zsh has no zpty module"

cat >"$tmpdir/record.zsh" <<'EOS'
# Runs in the completing shell: record what would be added, then add it.
compadd() {
	local -a __m
	local -A __o
	local __w

	# -O, -A, -D: a completion function asking, not adding
	if (( ${@[(I)-[OAD]*]} )); then
		builtin compadd "$@"
		return
	fi
	builtin compadd -O __m "$@"
	zparseopts -E -A __o J: V: X: x: P: S: p: s: i: I: W: d: l: M: F: \
		r: R: E: o: 2>/dev/null
	for __w in $__m; do
		print -r -- "$IPREFIX${__o[-P]}${__o[-p]}$__w" >>$ZCOMP_OUT
	done
	builtin compadd "$@"
}
EOS
cat >"$tmpdir/drive.zsh" <<'EOS'
zmodload zsh/zpty || exit 1
zpty z ZCOMP_OUT=$1 zsh -f -i
zpty -w z "PS1='ZPROMPT> ' PROMPT_EOL_MARK=; fpath=(${(q)3} \$fpath)"
zpty -w z "autoload -Uz compinit && compinit -u -D"
zpty -w z "source ${(q)4}; print ZREADY\$((6*7))"
# type only once the line editor shows its prompt: it may drop what
# arrives before it takes the terminal
zpty -r -m z reply '*ZREADY42*ZPROMPT> *' || exit 1
zpty -w -n z "$2"$'\t'
zpty -w -n z $'\C-u'
zpty -w z 'print ZDONE$((6*7))'
zpty -r -m z reply '*ZDONE42*' || exit 1
zpty -d z
EOS

complete_line() {
	: >"$tmpdir/matches"
	timeout 30 zsh -f "$tmpdir/drive.zsh" "$tmpdir/matches" "$1" \
		"$COMPLETIONS" "$tmpdir/record.zsh" >/dev/null 2>&1 ||
		echo "zsh: no answer for '$1'" >&2
	while IFS= read -r w; do
		# what zsh shows on screen: directories get a slash
		if [ -d "$w" ] && [ "${w%/}" = "$w" ]; then
			printf '%s/\n' "$w"
		else
			printf '%s\n' "$w"
		fi
	done <"$tmpdir/matches"
}

check_completions
finish
