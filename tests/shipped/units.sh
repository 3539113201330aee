#!/bin/sh
# The systemd units of the package: `systemd-analyze verify` on them (with
# ExecStart= pointing at the vmascope under test), the hardening they
# promise, and, as root, that export does its work with no capability but
# the one the service leaves it (CAP_SYS_PTRACE).
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
V=$VMASCOPE
svc=vmascope-export.service
timer=vmascope-export.timer
# The service as make builds it (its program path filled in); the timer.
units=$tmpdir/src
mkdir "$units"
cp "$TESTS_BUILDDIR/../systemd/$svc" "$TESTS_SRCDIR/../systemd/$timer" "$units/" ||
	{ fail "units not found"; finish; exit; }

# setting UNIT KEY: the values of KEY= in UNIT.
setting() { sed -n "s/^$2=//p" "$units/$1"; }

check "service type" oneshot "$(setting $svc Type)"
check "capabilities" CAP_SYS_PTRACE "$(setting $svc CapabilityBoundingSet)"
check "no new privileges" yes "$(setting $svc NoNewPrivileges)"
check "read-only system" strict "$(setting $svc ProtectSystem)"
check "writable: the textfile directory" -/var/lib/prometheus/node-exporter \
	"$(setting $svc ReadWritePaths)"
case $(setting $svc Environment) in
*VMASCOPE_TEXTFILE=/var/lib/prometheus/node-exporter/*.prom*) pass ;;
*) fail "the textfile is not in node_exporter's directory" ;;
esac
check "timer: every minute" minutely "$(setting $timer OnCalendar)"
[ -n "$(setting $timer RandomizedDelaySec)" ] && pass || fail "timer: no random delay"
grep -q '^\[Install\]' "$units/$svc" && fail "the service installs itself" || pass

# The ExecStart= line, run by hand: as the service runs it, with the
# default environment, into a directory of ours.
mkdir "$tmpdir/tf"
VMASCOPE_TEXTFILE=$tmpdir/tf/vmascope.prom
VMASCOPE_EXPORT_ARGS=$(setting $svc Environment | sed -n 's/^VMASCOPE_EXPORT_ARGS=//p')
cmd=$(setting $svc ExecStart | sed -e "s|^/[^ ]*/vmascope |$V |" \
	-e "s|\${VMASCOPE_TEXTFILE}|$VMASCOPE_TEXTFILE|" \
	-e "s|\$VMASCOPE_EXPORT_ARGS|$VMASCOPE_EXPORT_ARGS|")
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	# What the bounding set leaves: CAP_SYS_PTRACE, no other.
	# shellcheck disable=SC2086
	if setpriv --bounding-set=-all,+sys_ptrace --inh-caps=-all $cmd \
		2>"$tmpdir/err"; then pass; else
		fail "export with CAP_SYS_PTRACE only: $(cat "$tmpdir/err")"
	fi
	for f in process frames cache_file cache_cgroup cache_deleted; do
		check "CAP_SYS_PTRACE only: $f collected" 1 \
			"$(awk -v m="vmascope_export_success{family=\"$f\"}" \
				'$1 == m { print $2 }' "$VMASCOPE_TEXTFILE")"
	done
else
	echo "not root: the capability run skipped"
fi

command -v systemd-analyze >/dev/null 2>&1 || {
	finish
	echo "SKIP: no systemd-analyze: units not verified" >&2
	[ "$nfail" = 0 ] && exit 77 || exit 1
}
mkdir "$tmpdir/units"
sed "s|^ExecStart=/[^ ]*/vmascope |ExecStart=$V |" "$units/$svc" >"$tmpdir/units/$svc"
cp "$units/$timer" "$tmpdir/units/"
# Can it run here at all? A unit known to be good says.
printf '[Service]\nType=oneshot\nExecStart=/bin/true\n' >"$tmpdir/units/probe.service"
systemd-analyze verify --man=no "$tmpdir/units/probe.service" >/dev/null 2>&1 || {
	finish
	echo "SKIP: systemd-analyze verify cannot run here" >&2
	[ "$nfail" = 0 ] && exit 77 || exit 1
}
# Any message (an unknown key, a bad value) is a failure, not only the
# exit status.
if systemd-analyze verify --man=no "$tmpdir/units/$svc" \
	"$tmpdir/units/$timer" >"$tmpdir/verify" 2>&1 &&
   [ ! -s "$tmpdir/verify" ]; then pass; else
	fail "systemd-analyze verify: $(cat "$tmpdir/verify")"
fi
# The check does see mistakes: a misspelt key is reported.
sed 's/^NoNewPrivileges=/NoNewPrivilege=/' "$tmpdir/units/$svc" >"$tmpdir/units/bad.service"
systemd-analyze verify --man=no "$tmpdir/units/bad.service" >"$tmpdir/verify" 2>&1
grep -q NoNewPrivilege "$tmpdir/verify" && pass || fail "a misspelt key goes unseen"
finish
