#!/bin/sh
# The page cache section of make bench, measured in one run;
# run.sh runs it at its end, and it runs alone too (make bench-cache, or
# BENCH_BUILDDIR=. sh bench/cache.sh). Tools take turns as in run.sh:
# median wall time over REPS rounds, the order rotated every round.
#
#   tree    CACHE_FILES (100000) files of one page in directories of 1000,
#           written, evicted (vmtouch -e), then every tenth read back:
#           vmascope cache -R DIR  vs  vmtouch DIR  and
#           find DIR -type f | xargs fincore (the faster is the reference)
#   sparse  an 8 GiB sparse file (CACHE_SPARSE_GIB), 64 windows of 8 MiB
#           read (512 MiB cached): vmascope cache FILE  vs  fincore FILE
#   all     vmascope cache --all: time and peak RSS, for information
#   top     vmascope cache -R --top 10 --output-all (every file a
#           candidate) on the whole tree and on a tenth of it: peak RSS
#
# Environment: REPS (5), CACHE_FILES, CACHE_SPARSE_GIB, BENCH_FILE_DIR
# (a disk, not tmpfs: $TMPDIR or /var/tmp). Root (the files of every
# process for --all); exit 77 otherwise, and when vmtouch or fincore is
# missing.
set -u
: "${BENCH_BUILDDIR:=$(pwd)}"
: "${VMASCOPE:=$BENCH_BUILDDIR/vmascope}"
: "${REPS:=5}"
: "${CACHE_FILES:=100000}" "${CACHE_SPARSE_GIB:=8}"
: "${BENCH_FILE_DIR:=${TMPDIR:-/var/tmp}}"
RUN=$BENCH_BUILDDIR/bench/runrss
LC_ALL=C
export LC_ALL

[ "$(id -u)" = 0 ] || { echo "bench cache: needs root" >&2; exit 77; }
for t in vmtouch fincore; do
	command -v $t >/dev/null || { echo "bench cache: no $t" >&2; exit 77; }
done
for f in "$VMASCOPE" "$RUN"; do
	[ -x "$f" ] || { echo "bench cache: $f not built" >&2; exit 1; }
done
ctmp=$(mktemp -d "$BENCH_FILE_DIR/vmascope-bench-cache.XXXXXX") || exit 1
trap 'rm -rf "$ctmp"' EXIT
trap 'exit 1' HUP INT PIPE TERM
c_start=$(date +%s)
tree=$ctmp/tree
res=$ctmp/res
mkdir -p "$tree" "$res"

bench_name='bench cache'
. "$(dirname "$0")/lib.sh"
ONE=bench_one_cmd
CMD=c_cmd

c_cmd() {
	case $1.$2 in
	tree.vmascope) echo "$VMASCOPE cache -R $tree" ;;
	tree.vmtouch) echo "vmtouch $tree" ;;
	tree.find-fincore) echo "sh $ctmp/find-fincore.sh" ;;
	sparse.vmascope) echo "$VMASCOPE cache $ctmp/sparse" ;;
	sparse.fincore) echo "fincore $ctmp/sparse" ;;
	all.vmascope) echo "$VMASCOPE cache --all" ;;
	top.whole) echo "$VMASCOPE cache -R --top 10 --output-all $tree" ;;
	top.tenth) echo "$VMASCOPE cache -R --top 10 --output-all $tree/d0 $tree/d1 $tree/d2 $tree/d3 $tree/d4 $tree/d5 $tree/d6 $tree/d7 $tree/d8 $tree/d9" ;;
	esac
}

# ---- the files -----------------------------------------------------------

printf 'find "%s" -type f | xargs fincore\n' "$tree" >"$ctmp/find-fincore.sh"

ndirs=$(((CACHE_FILES + 999) / 1000))
i=0
while [ $i -lt $ndirs ]; do
	mkdir "$tree/d$i"
	# split writes 1000 one-page files from one stream: no fork per file
	head -c $((1000 * 4096)) /dev/urandom | (cd "$tree/d$i" && split -b 4096 -a 3 -d - f)
	i=$((i + 1))
done
sync -f "$tree"
vmtouch -q -e "$tree"			# the bench's own files only
find "$tree" -type f -name 'f??5' -print0 | xargs -0 cat >/dev/null
truncate -s "${CACHE_SPARSE_GIB}G" "$ctmp/sparse"
for w in $(seq 0 63); do
	dd if="$ctmp/sparse" of=/dev/null bs=1M count=8 \
		skip=$((w * CACHE_SPARSE_GIB * 1024 / 64)) 2>/dev/null
done

# The numbers being timed must be the same numbers: CACHED sums.
v_tree=$("$VMASCOPE" cache -R "$tree" -nrb -o CACHED | awk '{ s += $1 } END { print s + 0 }')
f_tree=$(find "$tree" -type f -print0 | xargs -0 fincore -nb -o RES | awk '{ s += $1 } END { print s + 0 }')
v_sparse=$("$VMASCOPE" cache "$ctmp/sparse" -nrb -o CACHED)
f_sparse=$(fincore -nb -o RES "$ctmp/sparse" | tr -d ' ')

bench_warm_rounds tree vmascope vmtouch find-fincore
bench_warm_rounds sparse vmascope fincore
bench_warm_rounds all vmascope
bench_warm_rounds top whole tenth

# ---- report ----------------------------------------------------------------

echo
echo "== page cache: median of $REPS, tools alternating"
header
for r in tree.vmascope tree.vmtouch tree.find-fincore sparse.vmascope sparse.fincore \
	all.vmascope top.whole top.tenth; do
	row "${r%.*}" "${r#*.}"
done
echo "(tree: $CACHE_FILES files of 4 KiB, every tenth cached; sparse: ${CACHE_SPARSE_GIB} GiB," \
	"64 windows of 8 MiB cached; top: --top 10 --output-all)"
# a busy machine may evict or read a page between the two: said, not a miss
echo "CACHED, summed: tree vmascope $v_tree fincore $f_tree bytes;" \
	"sparse vmascope $v_sparse fincore $f_sparse bytes" \
	"$([ "$v_tree" = "$f_tree" ] && [ "$v_sparse" = "$f_sparse" ] && echo "(the same)" ||
	echo "(they differ: pages evicted or read between the two runs)")"
misses=0
ref=tree.vmtouch
[ "$(wall tree.find-fincore)" ] && awk -v a="$(wall tree.find-fincore)" -v b="$(wall tree.vmtouch)" \
	'BEGIN { exit !(a < b) }' && ref=tree.find-fincore
target "tree ${ref#tree.}/vmascope" "$(cmp $ref tree.vmascope)" '>=' 2 "[page cache]"
target "sparse vmascope/fincore" "$(cmp sparse.vmascope sparse.fincore)" '<=' 1.1 "[page cache]"
target "top peak RSS whole/tenth of the tree" "$(ratio "$(peak top.whole)" "$(peak top.tenth)")" \
	'<=' 1.2 "[page cache]"
echo "-- for information, no target: --all $(wall all.vmascope) s, peak RSS $(peak all.vmascope) KiB," \
	"$("$VMASCOPE" cache --all -n -o FILE 2>/dev/null | wc -l) files"
echo "$misses page cache target(s) missed; took $(($(date +%s) - c_start)) s"
[ "$misses" = 0 ]
