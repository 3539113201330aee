# fish completion for vmascope(1)
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The names below are those of the program's tables (src/): make check
# (tests/shipped/complete-fish.sh) fails when they drift apart.

set -l commands maps pages resolve pfn top share flags elf export \
	cache snapshot diff

set -l cols_maps PID COMMAND START END SIZE PERMS OFFSET DEV INODE NAME \
	KIND DELETED RSS PSS USS SHARED SWAP ANON FILE THP HUGETLB DIRTY \
	LOCKED KSM ZERO REFERENCED ACTIVE VMFLAGS THPELIGIBLE PKEY \
	SWAPPSS PSS_DIRTY PSS_ANON PSS_FILE PSS_SHMEM \
	+RSS +PSS +USS +SWAP
# pages, resolve and pfn share the page columns.
set -l cols_pages ADDR PFN PHYS PRESENT SWAPPED SWAPTYPE SWAPOFF \
	EXCLUSIVE SOFTDIRTY UFFDWP FILE FLAGS RAWFLAGS COUNT CGROUP NODE INDEX \
	GUARD PAGEMAP VMA RAM CGROUPINO ZONE PID COMMAND
set -l cols_top PID USER COMMAND VSS RSS PSS USS SHARED SWAP ANON FILE \
	THP KSM ZERO PROCS ARGS CGROUP UNIT EXE PSS_ANON PSS_FILE PSS_SHMEM \
	PSS_DIRTY SWAPPSS +RSS +PSS +USS +SWAP
# One table for --by image, --by process and --matrix.
set -l cols_share IMAGE KIND BUILDID PID USER COMMAND PEER PEERCOMMAND PROCS \
	PEERS RSS PSS USS SHARED SWAP ANON FILE THP VSS +RSS +PSS +USS \
	+SHARED
# One table for the sums (--by flags, cgroup, node) and --list.
set -l cols_flags PFN FLAGS RAWFLAGS CGROUP NODE PAGES SIZE +PAGES +SIZE
set -l cols_diff PID COMMAND STATUS START END NAME RSS PSS USS SWAP CACHED \
	+RSS +PSS +USS +SWAP +CACHED
set -l cols_elf IMAGE TYPE NAME STATUS BUILDID PERMS OFFSET ADDR SIZE \
	RSS PSS USS SHARED COW SWAP
set -l cols_cache FILE SIZE PAGES CACHED DIRTY WRITEBACK EVICTED RECENT PERCENT DELETED DEV \
	INODE FS PIDS ACTIVE REFERENCED MAPPED UNEVICTABLE CGROUP NODE

# Frame flags (/proc/kpageflags): all that `flags --flags` accepts.
set -l kpf_flags locked error referenced uptodate dirty lru active slab \
	writeback reclaim readahead buddy mmap anon swapcache swapbacked \
	compound_head compound_tail huge unevictable hwpoison nopage ksm thp \
	offline zero_page idle pgtable reserved mlocked owner_2 anon_exclusive \
	private private_2 owner_private arch uncached softdirty arch_2 arch_3
# Pagemap bits: `pages --flags` takes them too.
set -l pm_flags present swapped file exclusive soft-dirty uffd-wp guard

# Complete the last item of a comma list: __vmascope_list MARK WORD...
# MARK is a character an item may start with (+ for columns, ~ for flags).
function __vmascope_list
	set -l mark $argv[1]
	set -l token (commandline -ct)
	set -l pre (string match -r '^.*,' -- $token)
	set -l last (string replace -r '^.*,' '' -- $token)
	if string match -q -- "$mark*" $last
		set pre "$pre$mark"
	end
	printf '%s\n' "$pre"$argv[2..-1]
end

function __vmascope_pids
	ps -e -o pid= -o comm= 2>/dev/null | string trim |
		string replace -r '^(\d+)\s+' '$1\t'
end

# The positional words before the cursor (after the command).
function __vmascope_positionals
	set -l words (commandline -opc)
	set -l skip 0
	for w in $words[3..-1]
		if test $skip = 1
			set skip 0
			continue
		end
		switch $w
			case -o --output -s --sort --proc-root --maps-file --format \
				--range --flags --by --image --comm --user --cgroup --perms \
				--top --textfile
				set skip 1
			case '-*'
			case '*'
				printf '%s\n' $w
		end
	end
end

# True when N positional words precede the cursor: __vmascope_npos N
function __vmascope_npos
	test (count (__vmascope_positionals)) -eq $argv[1]
end

# The VMAs of the process on the line: range (START-END), start, or file.
function __vmascope_vmas
	set -l pid (__vmascope_positionals | string match -r '^\d+$')[1]
	test -n "$pid"; and test -r /proc/$pid/maps; or return
	while read -l line
		set -l f (string split -n ' ' -- $line)
		switch $argv[1]
			case range
				echo $f[1]
			case start
				string replace -r -- '-.*' '' $f[1]
			case file
				set -l path (string join ' ' -- $f[6..-1])
				string match -q -- '/*' $path
				and string replace -r -- ' \(deleted\)$' '' $path
		end
	end </proc/$pid/maps | sort -u
end

function __vmascope_seen_who
	contains -- --who (commandline -opc)
end

complete -c vmascope -f
complete -c vmascope -n __fish_use_subcommand -s h -l help -d 'show help'
complete -c vmascope -n __fish_use_subcommand -s V -l version \
	-d 'print version'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a maps -d 'VMAs of processes or of a maps/smaps file'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a pages -d 'pages of a process, with their frames'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a resolve -d 'virtual address to VMA, pagemap entry, frame'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a pfn -d 'physical frames, and who maps them'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a top -d 'memory per process: RSS, PSS, USS, SWAP'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a share -d 'who shares which frames'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a flags -d 'all frames of the machine by flag set'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a elf -d 'ELF images: segments, sections, resident and COW'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a diff -d 'what changed between two snapshots, or since one'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a snapshot -d 'processes and frames into one compressed archive'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a export -d 'metrics for Prometheus (textfile collector)'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a cache -d 'page cache by file, tree, process and cgroup'

# The options every command shares.
set -l any "__fish_seen_subcommand_from $commands"
complete -c vmascope -n $any -s H -l list-columns \
	-d 'list the columns and exit'
complete -c vmascope -n $any -l output-all -d 'show every column'
complete -c vmascope -n $any -s J -l json -d 'JSON output'
complete -c vmascope -n $any -s r -l raw -d 'raw output'
complete -c vmascope -n $any -s P -l pairs -d 'KEY="value" output'
complete -c vmascope -n $any -s n -l noheadings -d 'no headings'
complete -c vmascope -n $any -s b -l bytes -d 'exact bytes'
complete -c vmascope -n $any -l proc-root -r -F \
	-d 'read DIR or a snapshot instead of /proc'
complete -c vmascope -n $any -s v -l verbose -d 'say more on stderr'
complete -c vmascope -n $any -l reverse -d 'sort the other way round'
complete -c vmascope -n $any -s h -l help -d 'show help'
complete -c vmascope -n $any -s V -l version -d 'print version'

# -o and -s: each command's column table.
for c in maps pages resolve pfn top share flags elf export snapshot diff
	set -l table $c
	contains $c resolve pfn; and set table pages
	contains $c export; and set table top
	set -l cols cols_$table
	complete -c vmascope -n "__fish_seen_subcommand_from $c" -s o -l output \
		-x -a "(__vmascope_list + $$cols)" -d 'columns to show'
	complete -c vmascope -n "__fish_seen_subcommand_from $c" -s s -l sort \
		-x -a "$$cols" -d 'sort by column'
end

# The process filters of top, share and maps.
set -l filtered '__fish_seen_subcommand_from top share maps'
complete -c vmascope -n $filtered -l comm -x \
	-d 'only processes whose name or command line matches'
complete -c vmascope -n $filtered -l user -x -a '(__fish_complete_users)' \
	-d 'only processes of USER'
complete -c vmascope -n $filtered -l cgroup -x \
	-d 'only processes in the cgroup CGROUP or below'

# maps
set -l maps '__fish_seen_subcommand_from maps'
complete -c vmascope -n $maps -a '(__vmascope_pids)'
complete -c vmascope -n $maps -l all -d 'every process'
complete -c vmascope -n $maps -l maps-file -r -F \
	-d 'read a maps or smaps file'
complete -c vmascope -n $maps -l format -x -a 'table maps' \
	-d 'output format'
complete -c vmascope -n $maps -l total -d 'add a line with the sums'
complete -c vmascope -n $maps -l strict -d 'bad lines of --maps-file are errors'
complete -c vmascope -n $maps -l picture \
	-d 'draw the address space on the terminal (=ascii: plain)'
complete -c vmascope -n $maps -l png -r -F -d 'draw the picture into a PNG file'
complete -c vmascope -n $maps -l svg -r -F -d 'draw the picture into an SVG file'

# pages
set -l pages '__fish_seen_subcommand_from pages'
complete -c vmascope -n "$pages; and __vmascope_npos 0" \
	-a '(__vmascope_pids)'
complete -c vmascope -n $pages -l range -x -a '(__vmascope_vmas range)' \
	-d 'only the pages of START-END'
complete -c vmascope -n $pages -l flags -x \
	-a "(__vmascope_list '~' $kpf_flags $pm_flags)" \
	-d 'only pages whose flags match'

# resolve
set -l resolve '__fish_seen_subcommand_from resolve'
complete -c vmascope -n "$resolve; and __vmascope_npos 0" \
	-a '(__vmascope_pids)'
complete -c vmascope -n "$resolve; and not __vmascope_npos 0" \
	-a '(__vmascope_vmas start)'
complete -c vmascope -n $resolve -l dump -d 'print the bytes of each page'

# pfn: PFNs cannot be guessed; after --who, PIDs.
set -l pfn '__fish_seen_subcommand_from pfn'
complete -c vmascope -n "$pfn; and __vmascope_seen_who" \
	-a '(__vmascope_pids)'
complete -c vmascope -n $pfn -l who -d 'list who maps the frames'

# top
set -l top '__fish_seen_subcommand_from top'
complete -c vmascope -n $top -a '(__vmascope_pids)'
complete -c vmascope -n $top -l total -d 'add a line with the sums'
complete -c vmascope -n $top -l format -x -a 'table prometheus' \
	-d 'output format'
complete -c vmascope -n $top -l by -x -a 'process program user cgroup unit' \
	-d 'one row per process or group'
complete -c vmascope -n $top -l frames \
	-d 'USS from the frames: what only the row holds'

# share
set -l share '__fish_seen_subcommand_from share'
complete -c vmascope -n $share -a '(__vmascope_pids)'
complete -c vmascope -n $share -l by -x -a 'image process' \
	-d 'one row per image or process'
complete -c vmascope -n $share -l matrix \
	-d 'bytes shared by each pair of processes'
complete -c vmascope -n $share -l total -d 'add a line with the sums'
complete -c vmascope -n $share -l tree -d 'a row per process under each image'
complete -c vmascope -n $share -l perms -x -a 'r-xp rw-p r--p rw-s x w s p' \
	-d 'only mappings with these permissions'

# flags
set -l flags '__fish_seen_subcommand_from flags'
complete -c vmascope -n $flags -l flags -x \
	-a "(__vmascope_list '~' $kpf_flags)" \
	-d 'only frames whose flags match'
complete -c vmascope -n $flags -l by -x -a 'flags cgroup node' \
	-d 'sum pages per flag set, memory cgroup or node'
complete -c vmascope -n $flags -l list -d 'stream the runs of frames'
complete -c vmascope -n $flags -l total -d 'add a line with the sums'
complete -c vmascope -n $flags -l picture \
	-d 'draw physical memory on the terminal (=ascii: plain)'
complete -c vmascope -n $flags -l png -r -F -d 'draw the picture into a PNG file'
complete -c vmascope -n $flags -l svg -r -F -d 'draw the picture into an SVG file'

# elf
set -l elf '__fish_seen_subcommand_from elf'
complete -c vmascope -n "$elf; and __vmascope_npos 0" \
	-a '(__vmascope_pids)'
complete -c vmascope -n $elf -l image -r -F -a '(__vmascope_vmas file)' \
	-d 'only the image mapped from PATH'

# snapshot
set -l snapshot '__fish_seen_subcommand_from snapshot'
complete -c vmascope -n $snapshot -a '(__vmascope_pids)'
complete -c vmascope -n $snapshot -l all -d 'every process'
complete -c vmascope -n $snapshot -l frames -x -a 'mapped all none' \
	-d 'frames to keep'
complete -c vmascope -n $snapshot -s f -l file -r -F \
	-d 'the snapshot to write'

# diff: snapshots, or - for now
set -l diff '__fish_seen_subcommand_from diff'
complete -c vmascope -n $diff -F -a -
complete -c vmascope -n $diff -l by -x -a 'process vma image flags' \
	-d 'one row per process, VMA, image or frame class'

# --interval and --count: top, maps, share, flags
for c in maps top share flags
	complete -c vmascope -n "__fish_seen_subcommand_from $c" -l interval -x \
		-d 'sample again every SECONDS'
	complete -c vmascope -n "__fish_seen_subcommand_from $c" -l count -x \
		-d 'stop after N samples'
end

# export
set -l export '__fish_seen_subcommand_from export'
complete -c vmascope -n $export -l top -x \
	-d 'the N largest processes, then one other'
complete -c vmascope -n $export -l textfile -r -F \
	-d 'replace FILE atomically'

# cache
set -l cache '__fish_seen_subcommand_from cache'
complete -c vmascope -n $cache -F
complete -c vmascope -n $cache -s o -l output -x \
	-a "(__vmascope_list + $cols_cache)" -d 'columns to show'
complete -c vmascope -n $cache -s s -l sort -x -a "$cols_cache" \
	-d 'sort by column'
complete -c vmascope -n $cache -s R -l recursive \
	-d 'walk the directories among the PATHs'
complete -c vmascope -n $cache -l one-file-system \
	-d 'with -R, stay on the file system of each PATH'
complete -c vmascope -n $cache -l pid -x -a '(__vmascope_pids)' \
	-d 'the files these processes map or hold open'
complete -c vmascope -n $cache -l all -d 'the files of every process'
complete -c vmascope -n $cache -l top -x -d 'only the N largest'
complete -c vmascope -n $cache -l frames \
	-d 'the flags, cgroup and node of the frames'
complete -c vmascope -n $cache -l by -x -a 'file dir cgroup fs' \
	-d 'one row per file, directory, memory cgroup or file system'
complete -c vmascope -n $cache -l total -d 'add a line with the sums'
