#!/bin/sh
# Run a test program holding the shared test lock (see hold_still in
# lib.sh): the Check runner forks a child per test, each mapping libc and
# ld.so, which would move the PSS the smaps comparisons measure.
# VMASCOPE_TEST_LOCK names one lock file for several build trees that
# test on one machine at once.
if command -v flock >/dev/null 2>&1 && [ -d "${TESTS_BUILDDIR:-}" ]; then
	exec 9>>"${VMASCOPE_TEST_LOCK:-$TESTS_BUILDDIR/.hold-still.lock}"
	flock -s 9
fi
exec "$@"
