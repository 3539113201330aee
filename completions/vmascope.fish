# fish completion for vmascope(1)
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The names below are those of the program's tables (src/): make check
# (tests/complete-fish.sh) fails when they drift apart.

set -l commands maps

set -l cols_maps PID COMMAND START END SIZE PERMS OFFSET DEV INODE NAME \
	KIND DELETED VMFLAGS THPELIGIBLE PKEY

set -g __vmascope_flags locked error referenced uptodate dirty lru active \
	slab writeback reclaim readahead buddy mmap anon swapcache swapbacked \
	compound_head compound_tail huge unevictable hwpoison nopage ksm thp \
	offline zero_page idle pgtable reserved mlocked owner_2 private \
	private_2 owner_private arch uncached softdirty arch_2 arch_3 \
	present swapped file exclusive soft-dirty uffd-wp guard

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

complete -c vmascope -f
complete -c vmascope -n __fish_use_subcommand -s h -l help -d 'show help'
complete -c vmascope -n __fish_use_subcommand -s V -l version \
	-d 'print version'
complete -c vmascope -n "not __fish_seen_subcommand_from $commands" \
	-a maps -d 'VMAs of processes or of a maps/smaps file'

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
complete -c vmascope -n $any -l proc-root -x -a '(__fish_complete_directories)' \
	-d 'read DIR instead of /proc'
complete -c vmascope -n $any -s v -l verbose -d 'say more on stderr'
complete -c vmascope -n $any -s h -l help -d 'show help'
complete -c vmascope -n $any -s V -l version -d 'print version'

# maps
set -l maps '__fish_seen_subcommand_from maps'
complete -c vmascope -n $maps -s o -l output -x \
	-a "(__vmascope_list + $cols_maps)" -d 'columns to show'
complete -c vmascope -n $maps -s s -l sort -x -a "$cols_maps" \
	-d 'sort by column'
complete -c vmascope -n $maps -a '(__vmascope_pids)'
complete -c vmascope -n $maps -l all -d 'every process'
complete -c vmascope -n $maps -l maps-file -r -F \
	-d 'read a maps or smaps file'
complete -c vmascope -n $maps -l format -x -a 'table maps' \
	-d 'output format'
