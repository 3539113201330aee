#!/bin/sh
# resolve and pfn on a live process this test controls: a python3 that
# maps an anonymous page, writes a marker into it and prints its address.
. "${TESTS_SRCDIR:-$(dirname "$0")/..}/helpers/lib.sh"
need_root
command -v python3 >/dev/null || skip "needs python3"
command -v setpriv >/dev/null || skip "needs setpriv"

# The child runs as nobody, so the unprivileged checks can read it too.
cat >"$tmpdir/child.py" <<'PY'
import ctypes, mmap, sys, time
m = mmap.mmap(-1, 4096, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
m[0:16] = b'vmascope-marker\n'
print(hex(ctypes.addressof(ctypes.c_char.from_buffer(m))), flush=True)
time.sleep(120)
PY
nobody="setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all"
chmod 755 "$tmpdir"; chmod 644 "$tmpdir/child.py"
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
$nobody "$py" "$tmpdir/child.py" >"$tmpdir/addr" & pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmpdir"' EXIT
i=0
while [ ! -s "$tmpdir/addr" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
addr=$(cat "$tmpdir/addr")
[ -n "$addr" ] || { fail "child printed no address"; finish; exit; }

# The PFN, read from /proc/PID/pagemap here, by other means than ours.
ps=$(getconf PAGESIZE)
want=$(python3 -c "
import struct
f = open('/proc/$pid/pagemap', 'rb'); f.seek($addr // $ps * 8)
e = struct.unpack('<Q', f.read(8))[0]
print('%x' % (e & ((1 << 55) - 1)) if e >> 63 else 'absent')")
got=$("$VMASCOPE" resolve $pid $addr -rn -o PFN)
check "resolve PFN" "$want" "$got"
check "resolve PHYS" "$(printf %x $((0x$want * ps + addr % ps)))" \
	"$("$VMASCOPE" resolve $pid $addr -rn -o PHYS)"
"$VMASCOPE" resolve $pid $addr -o PRESENT,EXCLUSIVE,COUNT >"$tmpdir/kv"
check "resolve PRESENT" "PRESENT    1" "$(grep PRESENT "$tmpdir/kv")"
check "resolve COUNT" "COUNT      1" "$(grep COUNT "$tmpdir/kv")"
"$VMASCOPE" resolve $pid $addr -J >"$tmpdir/json"
python3 -m json.tool "$tmpdir/json" >/dev/null && pass || fail "resolve -J is not JSON"

# --dump: the marker the child wrote, at the page's address.
"$VMASCOPE" resolve $pid $addr --dump -o ADDR >"$tmpdir/dump"
grep -q '76 6d 61 73 63 6f 70 65  2d 6d 61 72 6b 65 72 0a  |vmascope-marker.|' \
	"$tmpdir/dump" && pass || fail "--dump lacks the marker: $(head -3 "$tmpdir/dump")"

# An address in no VMA: reported, exit 1, the others still shown.
check_rc "not mapped" 1 "$VMASCOPE" resolve $pid 0x1000 $addr -P -o VMA,PFN
check "not mapped rows" 'VMA="not mapped" PFN="-"' "$(sed -n 1p "$tmpdir/out")"
check "mapped row after" "PFN=\"$want\"" "$(sed -n 2p "$tmpdir/out" | sed 's/.* //')"
check_err "not mapped message" "address 1000: not mapped"

# pfn: the frame of the page, and --who finds the child at that address.
"$VMASCOPE" pfn 0x$want -rn -o PFN,RAM,COUNT >"$tmpdir/pfn"
check "pfn row" "$want	1	1" "$(cat "$tmpdir/pfn")"
check "pfn --who" "$pid	${addr#0x}	$want" \
	"$("$VMASCOPE" pfn 0x$want -rn -o PID,ADDR,PFN --who $pid)"
"$VMASCOPE" pfn 0x$want -rn -o PID,ADDR --who >"$tmpdir/who" 2>/dev/null
grep -q "^$pid	${addr#0x}\$" "$tmpdir/who" && pass || fail "pfn --who (all) misses $pid"

# Without privileges: no PFN, never a 0 posing as one.
got=$($nobody "$VMASCOPE" resolve $pid $addr -rn -o PRESENT,PFN,PHYS,FLAGS 2>/dev/null)
check "unprivileged resolve" "1 - - -" "$got"
got=$($nobody "$VMASCOPE" pfn 0x$want -rn -o PFN,COUNT,FLAGS 2>"$tmpdir/err")
check "unprivileged pfn" "$want	-	-" "$got"
check_err "unprivileged pfn says why" "kpageflags"
check_rc "unprivileged --who" 1 $nobody "$VMASCOPE" pfn 0x$want --who $pid
check_err "unprivileged --who says why" "physical frames are hidden"
finish
