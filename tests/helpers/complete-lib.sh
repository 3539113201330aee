# Shared by the completion tests: what the program knows (tests/helpers/docs_names)
# against what a shell offers. A test defines complete_line LINE, printing
# the shell's candidates for LINE one per line (LINE ending in a space
# completes an empty word), then calls check_completions.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
COMPLETIONS=$TESTS_SRCDIR/../completions

"$TESTS_BUILDDIR/helpers/docs_names" >"$tmpdir/known" || {
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

# Flag names CMD's --flags accepts, asked of the program itself (-H ends
# it right after parsing): `flags` refuses the pagemap bits, for one.
accepted_flags() {
	local name

	for name in $(known flag); do
		"$VMASCOPE" "$1" --flags "$name" -H >/dev/null 2>&1 &&
			printf '%s\n' "$name"
	done | sort -u
}

# The values of an option whose argument names them: "image|process".
arg_values() {
	printf '%s\n' "$1" | tr '|' '\n' | sort -u
}

# What this shell's own process maps (for the PID-dependent arguments).
self_maps() {
	case $1 in
	range) awk 'NR == 1 { print $1 }' "/proc/$$/maps" ;;
	start) awk 'NR == 1 { split($1, a, "-"); print a[1] }' \
		"/proc/$$/maps" ;;
	esac
}

# check_args CMD: the positional arguments, from argp's args_doc.
check_args() {
	local cmd=$1 args

	args=$(known args "$cmd")
	case $args in
	"") return ;;
	"[PATH...]"*)
		expect_has "vmascope $cmd $tmpdir/dir/" "$tmpdir/dir/file.maps"
		;;
	"[PID...]"*)
		expect_has "vmascope $cmd " "$$"
		expect_has "vmascope $cmd $$ " "$$"
		;;
	PID*)
		# One PID, then no more of them.
		expect_has "vmascope $cmd " "$$"
		expect_lacks "vmascope $cmd $$ " "$$"
		;;
	"A B")
		# Two snapshots (files), or - for now: no PIDs.
		expect_has "vmascope $cmd $tmpdir/dir/" "$tmpdir/dir/file.maps"
		expect_lacks "vmascope $cmd " "$$"
		;;
	PFN*)
		# Frame numbers cannot be guessed: no PIDs in their place.
		expect_lacks "vmascope $cmd " "$$"
		;;
	*)
		fail "$SHELL_NAME: $cmd: arguments '$args' not checked"
		;;
	esac
	case $args in
	*"--who [PID...]"*)
		expect_has "vmascope $cmd 1 --who " "$$"
		expect_has "vmascope $cmd 1 --who $$ " "$$"
		;;
	esac
	case $args in
	*ADDR*)
		# The start addresses of the process's VMAs.
		expect_has "vmascope $cmd $$ " "$(self_maps start)"
		;;
	esac
}

# check_option_arg CMD OPT ARG: the argument of an option, by its name.
check_option_arg() {
	local cmd=$1 opt=$2 arg=$3 v

	case $arg in
	COLS)
		known column "$cmd" >"$tmpdir/want"
		expect_set "vmascope $cmd $opt " '.' "$tmpdir/want"
		first=$(head -n 1 "$tmpdir/want")
		[ -n "$first" ] || return	# a command without columns
		expect_has "vmascope $cmd $opt $first," "$first,$first"
		expect_has "vmascope $cmd $opt +$first," "+$first,$first"
		;;
	COL)
		known column "$cmd" >"$tmpdir/want"
		expect_set "vmascope $cmd $opt " '.' "$tmpdir/want"
		;;
	EXPR)
		accepted_flags "$cmd" >"$tmpdir/want.flags"
		expect_set "vmascope $cmd $opt " '.' "$tmpdir/want.flags"
		expect_has "vmascope $cmd $opt anon,~" "anon,~lru"
		;;
	FILE)
		expect_has "vmascope $cmd $opt $tmpdir/dir/" \
			   "$tmpdir/dir/file.maps"
		;;
	DIR)
		expect_has "vmascope $cmd $opt $tmpdir/dir/" "$tmpdir/dir/sub/"
		expect_lacks "vmascope $cmd $opt $tmpdir/dir/" \
			     "$tmpdir/dir/file.maps"
		;;
	SECONDS | N)
		# A number: no PIDs, no files in its place.
		expect_lacks "vmascope $cmd $opt " "$$"
		;;
	ROOT)
		# A copied tree or a snapshot file.
		expect_has "vmascope $cmd $opt $tmpdir/dir/" "$tmpdir/dir/sub/"
		expect_has "vmascope $cmd $opt $tmpdir/dir/" \
			   "$tmpdir/dir/file.maps"
		;;
	FMT)
		# Each value offered is one the program takes; table is one.
		offers "vmascope $cmd $opt "
		cp "$tmpdir/have" "$tmpdir/fmts"
		if grep -qx table "$tmpdir/fmts"; then pass; else
			fail "$SHELL_NAME: 'vmascope $cmd $opt <Tab>' lacks 'table'"
		fi
		while IFS= read -r v <&4; do
			if "$VMASCOPE" "$cmd" "$opt" "$v" -H >/dev/null 2>&1 \
			   </dev/null; then pass; else
				fail "$SHELL_NAME: $cmd $opt offers '$v'," \
				     "which the program refuses"
			fi
		done 4<"$tmpdir/fmts"
		;;
	PID)
		expect_has "vmascope $cmd $opt " "$$"
		;;
	N)
		# a number: nothing to offer, no PIDs
		expect_lacks "vmascope $cmd $opt " "$$"
		;;
	START-END)
		# The ranges of the VMAs of the process on the line.
		expect_has "vmascope $cmd $$ $opt " "$(self_maps range)"
		;;
	PATH)
		# The files the process on the line maps.
		expect_has "vmascope $cmd $$ $opt " "$(readlink "/proc/$$/exe")"
		;;
	REGEX | CGROUP)
		# Free text: neither PIDs nor files in its place.
		expect_lacks "vmascope $cmd $opt " "$$"
		expect_lacks "vmascope $cmd $opt $tmpdir/dir/" \
			     "$tmpdir/dir/file.maps"
		;;
	USER)
		expect_has "vmascope $cmd $opt ro" root
		;;
	PERMS)
		# Each value offered is one the program takes.
		offers "vmascope $cmd $opt "
		cp "$tmpdir/have" "$tmpdir/perms"
		[ -s "$tmpdir/perms" ] && pass ||
			fail "$SHELL_NAME: 'vmascope $cmd $opt <Tab>' offers nothing"
		while IFS= read -r v <&4; do
			if "$VMASCOPE" "$cmd" "$opt" "$v" -H >/dev/null 2>&1 \
			   </dev/null; then pass; else
				fail "$SHELL_NAME: $cmd $opt offers '$v'," \
				     "which the program refuses"
			fi
		done 4<"$tmpdir/perms"
		;;
	*'|'* | [a-z]*)
		arg_values "$arg" >"$tmpdir/want"
		expect_set "vmascope $cmd $opt " '.' "$tmpdir/want"
		;;
	*)
		fail "$SHELL_NAME: $cmd $opt $arg: no check for such an argument"
		;;
	esac
}

check_completions() {
	local cmd line opt arg first

	mkdir "$tmpdir/dir" "$tmpdir/dir/sub"
	: >"$tmpdir/dir/file.maps"
	known command >"$tmpdir/want"
	expect_set "vmascope " '.' "$tmpdir/want"
	for cmd in $(known command); do
		known option "$cmd" >"$tmpdir/want"
		expect_set "vmascope $cmd --" '^--' "$tmpdir/want"
		awk -F '\t' -v cmd="$cmd" '$1 == "option" && $5 != "-" &&
			($2 == cmd || $2 == "common") { print $3 "\t" $5 }' \
			"$tmpdir/known" | sort -u >"$tmpdir/args.$cmd"
		# fd 3: the shells the checks start must not eat the list
		while IFS='	' read -r opt arg <&3; do
			check_option_arg "$cmd" "$opt" "$arg" </dev/null
		done 3<"$tmpdir/args.$cmd"
		check_args "$cmd"
	done
}
