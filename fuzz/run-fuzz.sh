#!/bin/sh
# make fuzz: build each harness with clang and libFuzzer (apart from the
# normal build), then run each for FUZZ_SECONDS. Fails on any crash,
# sanitizer report, leak, timeout or out-of-memory. Called by make with:
#   FUZZ_CC FUZZ_CFLAGS FUZZ_CPPFLAGS FUZZ_LIBS FUZZ_SECONDS FUZZ_MAX_LEN
#   FUZZ_ONLY (harness names, empty: all) srcdir, then the harness sources
#   and the library sources after "--".
set -u
: "${FUZZ_CC:=clang-14}" "${FUZZ_SECONDS:=60}" "${FUZZ_MAX_LEN:=16384}"
: "${FUZZ_ONLY:=}" "${FUZZ_LIBS:=}" "${FUZZ_CPPFLAGS:=}"
: "${FUZZ_CFLAGS:=-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all}"
srcdir=$1
shift
harnesses=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	harnesses="$harnesses $1"
	shift
done
[ $# -gt 0 ] && shift
out=fuzz/build
mkdir -p "$out/obj" "$out/corpus" "$out/artifacts" || exit 1

command -v "$FUZZ_CC" >/dev/null 2>&1 || {
	echo "make fuzz: '$FUZZ_CC' not found: install clang (and" \
	     "libclang-rt-dev) or set FUZZ_CC" >&2
	exit 1
}

# cc OUTPUT ARGS...
cc() {
	echo "  FUZZCC   $1"
	o=$1
	shift
	$FUZZ_CC $FUZZ_CFLAGS $FUZZ_CPPFLAGS "$@" -o "$o" || exit 1
}

# The library, instrumented for coverage but without libFuzzer's main().
objs=
for s in "$@"; do
	case $s in *.c) ;; *) continue ;; esac
	# src/walk/share.c and src/cmd/share.c: the path names the object
	o=$out/obj/$(printf '%s' "${s%.c}" | tr / _).o
	objs="$objs $o"
	if [ ! -f "$o" ] || [ "$srcdir/$s" -nt "$o" ] ||
	   [ -n "$(find "$srcdir/src" -name '*.h' -newer "$o")" ]; then
		cc "$o" -fsanitize=fuzzer-no-link -c "$srcdir/$s"
	fi
done

names=
for h in $harnesses; do
	name=$(basename "$h" .c)
	name=${name#fuzz_}
	if [ -n "$FUZZ_ONLY" ]; then
		case " $FUZZ_ONLY " in *" $name "*) ;; *) continue ;; esac
	fi
	names="$names $name"
	cc "$out/fuzz_$name" -DFUZZ_LIBFUZZER -fsanitize=fuzzer \
		"$srcdir/$h" $objs $FUZZ_LIBS
done

status=0
for name in $names; do
	# Extra seed directories a harness names in a "fuzz-seeds:" comment.
	extra=$(sed -n 's/.*fuzz-seeds: *//p' "$srcdir/fuzz/fuzz_$name.c")
	seeds=
	for d in "fuzz/seeds/$name" "fuzz/regressions/$name" $extra; do
		[ -d "$srcdir/$d" ] && seeds="$seeds $srcdir/$d"
	done
	mkdir -p "$out/corpus/$name"
	log=$out/fuzz_$name.log
	echo "  FUZZ     $name for ${FUZZ_SECONDS}s (log: $log)"
	"$out/fuzz_$name" -max_total_time="$FUZZ_SECONDS" \
		-max_len="$FUZZ_MAX_LEN" -timeout=10 -rss_limit_mb=2048 \
		-close_fd_mask=3 -print_final_stats=1 \
		-artifact_prefix="$out/artifacts/$name-" \
		"$out/corpus/$name" $seeds >"$log" 2>&1
	rc=$?
	grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | sed 's/^/           /'
	grep -E '^stat::number_of_executed_units' "$log" | sed 's/^/           /'
	if [ "$rc" != 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
		echo "FAIL: fuzz_$name (exit $rc): see $log; inputs in $out/artifacts" >&2
		grep -E 'ERROR:|runtime error:|SUMMARY:' "$log" | head -5 >&2
		status=1
	fi
done
exit $status
