# Shared by the completion tests: what the program knows (tests/docs_names)
# against what a shell offers. A test defines complete_line LINE, printing
# the shell's candidates for LINE one per line (LINE ending in a space
# completes an empty word), then calls check_completions.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
COMPLETIONS=$TESTS_SRCDIR/../completions

"$TESTS_BUILDDIR/docs_names" >"$tmpdir/known" || {
	echo "docs_names failed" >&2
	exit 1
}

known() {
	awk -F '\t' -v what="$1" -v cmd="${2-}" '
		$1 != what { next }
		what == "option" && ($2 == cmd || $2 == "common") { print $3 }
		what == "column" && $2 == cmd { print $3 }
		what == "command" || what == "flag" { print $2 }
		what == "args" && $2 == cmd { print $3 }' "$tmpdir/known" |
		sort -u
}

# Long options of CMD whose argument is named ARG (argp's arg field).
known_opts_with_arg() {
	awk -F '\t' -v cmd="$1" -v arg="$2" '$1 == "option" &&
		($2 == cmd || $2 == "common") && $5 == arg { print $3 }' \
		"$tmpdir/known" | sort -u
}

# compare WHAT WANT HAVE: two sorted lists must be equal.
compare() {
	local missing unknown

	missing=$(comm -23 "$2" "$3" | tr '\n' ' ')
	unknown=$(comm -13 "$2" "$3" | tr '\n' ' ')
	if [ -z "$missing$unknown" ]; then
		pass
		return
	fi
	[ -z "$missing" ] || fail "$SHELL_NAME: $1: missing: $missing"
	[ -z "$unknown" ] || fail "$SHELL_NAME: $1: unknown: $unknown"
}

# offers LINE: the candidates, sorted, in $tmpdir/have.
offers() {
	complete_line "$1" | sed 's/[[:space:]]*$//' | sort -u >"$tmpdir/have"
}

# expect_set LINE FILTER WANTFILE: the candidates matching FILTER.
expect_set() {
	offers "$1"
	grep -e "$2" "$tmpdir/have" >"$tmpdir/have.f"
	compare "'$1<Tab>'" "$3" "$tmpdir/have.f"
}

# expect_has LINE WORD: WORD is among the candidates.
expect_has() {
	offers "$1"
	if grep -qxF -- "$2" "$tmpdir/have"; then pass; else
		fail "$SHELL_NAME: '$1<Tab>' lacks '$2'" \
		     "(got: $(head -c 200 "$tmpdir/have" | tr '\n' ' '))"
	fi
}

# expect_lacks LINE WORD
expect_lacks() {
	offers "$1"
	if grep -qxF -- "$2" "$tmpdir/have"; then
		fail "$SHELL_NAME: '$1<Tab>' offers '$2'"
	else
		pass
	fi
}

check_completions() {
	local cmd opt first

	mkdir "$tmpdir/dir" "$tmpdir/dir/sub"
	: >"$tmpdir/dir/file.maps"
	known command >"$tmpdir/want"
	expect_set "vmascope " '.' "$tmpdir/want"
	for cmd in $(known command); do
		known option "$cmd" >"$tmpdir/want"
		expect_set "vmascope $cmd --" '^--' "$tmpdir/want"
		known column "$cmd" >"$tmpdir/want"
		for opt in $(known_opts_with_arg "$cmd" COLS) \
			   $(known_opts_with_arg "$cmd" COL); do
			expect_set "vmascope $cmd $opt " '.' "$tmpdir/want"
		done
		first=$(head -n 1 "$tmpdir/want")
		for opt in $(known_opts_with_arg "$cmd" COLS); do
			expect_has "vmascope $cmd $opt $first," \
				   "$first,$first"
			expect_has "vmascope $cmd $opt +$first," \
				   "+$first,$first"
		done
		known flag >"$tmpdir/want"
		for opt in $(known option "$cmd" | grep -x -e --flags); do
			expect_set "vmascope $cmd $opt " '.' "$tmpdir/want"
			expect_has "vmascope $cmd $opt anon,~" "anon,~lru"
		done
		if known args "$cmd" | grep -q PID; then
			expect_has "vmascope $cmd " "$$"
		fi
		for opt in $(known_opts_with_arg "$cmd" FILE); do
			expect_has "vmascope $cmd $opt $tmpdir/dir/" \
				   "$tmpdir/dir/file.maps"
		done
		for opt in $(known_opts_with_arg "$cmd" DIR); do
			expect_has "vmascope $cmd $opt $tmpdir/dir/" \
				   "$tmpdir/dir/sub/"
			expect_lacks "vmascope $cmd $opt $tmpdir/dir/" \
				     "$tmpdir/dir/file.maps"
		done
	done
}
