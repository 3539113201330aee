# Shared by the shell tests: counting, skipping, comparing.
# Exit status follows automake: 0 pass, 1 fail, 77 skip.
set -u
: "${VMASCOPE:=$(pwd)/vmascope}"
: "${TESTS_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${TESTS_BUILDDIR:=$TESTS_SRCDIR}"
npass=0
nfail=0
tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/vmascope-test.XXXXXX")
trap 'rm -rf "$tmpdir"' EXIT

# Tests that compare with the kernel's own accounting need the machine to
# hold still: every other process that maps a shared library moves its map
# counts, so PSS. They take the lock alone (hold_still); every other test
# shares it, so make -j runs them around, not beside, the comparisons.
if command -v flock >/dev/null 2>&1 && [ -d "$TESTS_BUILDDIR" ]; then
	exec 9>>"${VMASCOPE_TEST_LOCK:-$TESTS_BUILDDIR/.hold-still.lock}"
	flock -s 9
fi
hold_still() {
	command -v flock >/dev/null 2>&1 && flock -x 9
	return 0
}

# start_sleeper: a process that holds still (sleep 600, once it runs
# sleep itself), its PID in $target, killed at exit; skips when it does
# not start.
target=''
start_sleeper() {
	local i=0
	sleep 600 &
	target=$!
	trap 'kill $target 2>/dev/null; rm -rf "$tmpdir"' EXIT
	until [ "$(cat /proc/$target/comm 2>/dev/null)" = sleep ]; do
		i=$((i + 1))
		[ $i -gt 50 ] && skip "sleep did not start"
		sleep 0.1
	done
}

# start_layout NAME PROG ARGS...: a layout program (memlayout,
# foliolayout) in the background. It runs until its stdin closes: a fifo
# that fd 3 holds open. Its output goes to $tmpdir/layout, its PID to
# $layout_pid (the caller's cleanup closes fd 3 and kills it). Then waits
# for its "ready" line: skips after 10 s, fails when it died.
layout_pid=''
start_layout() {
	local name=$1 i=0
	shift
	mkfifo "$tmpdir/in"
	# emptied first: the child truncates it only once the fifo is open,
	# and the last layout's "ready" must not be read meanwhile
	: >"$tmpdir/layout"
	"$@" <"$tmpdir/in" >"$tmpdir/layout" 2>"$tmpdir/layout.err" &
	layout_pid=$!
	exec 3>"$tmpdir/in"
	until grep -q '^ready$' "$tmpdir/layout"; do
		i=$((i + 1))
		[ $i -gt 100 ] && { cat "$tmpdir/layout.err" >&2; skip "$name not ready after 10 s"; }
		kill -0 $layout_pid 2>/dev/null ||
			{ cat "$tmpdir/layout.err" >&2; fail "$name died"; finish; exit; }
		sleep 0.1
	done
}

# isolate: define vms (vmascope) and iso_cat (cat) running on private
# copies of their libraries and loader, in the C locale. A reader that
# maps the same library or locale pages as its target raises their map
# counts while it reads, and with them the target's PSS and USS: an
# observer effect, not a bug. Returns 1 (and runs them plainly) where the
# copies do not work, e.g. a libtool wrapper.
isolate() {
	local iso=$tmpdir/iso ldso lib
	vms() { LC_ALL=C "$VMASCOPE" "$@"; }
	iso_cat() { LC_ALL=C cat "$@"; }
	mkdir -p "$iso"
	ldso=$(ldd "$VMASCOPE" 2>/dev/null | awk '$1 ~ /^\// {print $1}')
	for lib in $(ldd "$VMASCOPE" /bin/cat 2>/dev/null | awk '$3 ~ /^\// {print $3}'); do
		cp "$lib" "$iso/" 2>/dev/null
	done
	[ -n "$ldso" ] && cp "$ldso" "$iso/ld.so" || return 1
	LC_ALL=C "$iso/ld.so" --library-path "$iso" "$VMASCOPE" --version \
		>/dev/null 2>&1 || return 1
	vms() { LC_ALL=C "$tmpdir/iso/ld.so" --library-path "$tmpdir/iso" "$VMASCOPE" "$@"; }
	iso_cat() { LC_ALL=C "$tmpdir/iso/ld.so" --library-path "$tmpdir/iso" /bin/cat "$@"; }
	return 0
}

pass() { npass=$((npass + 1)); }
fail() { nfail=$((nfail + 1)); echo "FAIL: $*" >&2; }
skip() { echo "SKIP: $*" >&2; exit 77; }
need_root() { [ "$(id -u)" = 0 ] || skip "needs root"; }

# check NAME EXPECTED ACTUAL: compare two strings.
check() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: expected '$2', got '$3'"; fi
}

# check_rc NAME WANT CMD...: the command's exit status.
check_rc() {
	local name=$1 want=$2 rc
	shift 2
	"$@" >"$tmpdir/out" 2>"$tmpdir/err"
	rc=$?
	if [ "$rc" = "$want" ]; then pass; else
		fail "$name: exit $rc, want $want ($(head -c 300 "$tmpdir/err"))"
	fi
}

# check_err NAME PATTERN: stderr of the last check_rc matches.
check_err() {
	if grep -q -- "$2" "$tmpdir/err"; then pass; else
		fail "$1: stderr lacks '$2': $(head -c 300 "$tmpdir/err")"
	fi
}

finish() {
	echo "$npass passed, $nfail failed"
	[ "$nfail" = 0 ]
}

# no_err NAME FILE: FILE (stderr) holds nothing but, as an ordinary user,
# the one line that says physical frames are hidden.
no_err() {
	if grep -v 'physical frames are hidden' "$2" | grep -q .; then
		fail "$1: $(head -c 300 "$2")"
	else
		pass
	fi
}
