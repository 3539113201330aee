# Print the names man/vmascope.1 documents, in the format of docs_names:
# the layout it relies on is described at the top of the page.
function unescape(s) {
	gsub(/\\-/, "-", s)
	gsub(/\\f[BIRP]/, "", s)
	return s
}

# The tag line of a .TP item under OPTIONS or a command: its options.
function tag_options(line, scope,	long, short, w, i, n) {
	line = unescape(line)
	gsub(/[",]/, " ", line)
	n = split(line, w, " ")
	long = ""
	short = "-"
	for (i = 1; i <= n; i++) {
		if (w[i] ~ /^--[a-z0-9][a-z0-9-]*$/)
			long = w[i]
		else if (w[i] ~ /^-[A-Za-z0-9]$/)
			short = w[i]
	}
	if (long != "")
		print "option\t" scope "\t" long "\t" short
}

/^\.ig/ { ignoring = 1; next }
ignoring { if ($0 ~ /^\.\.$/) ignoring = 0; next }
/^\.\\"/ { next }

/^\.TH / {
	if (match($0, /"vmascope [^"]*"/))
		print "version\t" substr($0, RSTART + 10, RLENGTH - 11)
}
/^\.SH / {
	section = $0
	sub(/^\.SH +/, "", section)
	gsub(/"/, "", section)
	scope = section == "OPTIONS" ? "common" : ""
	ncmds = 0
	tag = 0
	next
}
/^\.SS / {
	title = $0
	sub(/^\.SS +/, "", title)
	gsub(/"/, "", title)
	if (section == "COMMANDS") {
		split(title, w, " ")
		scope = w[1]
		print "command\t" scope
	} else if (section == "COLUMNS") {
		ncmds = 0
		if (match(title, /\([^)]*\)$/)) {
			list = substr(title, RSTART + 1, RLENGTH - 2)
			gsub(/,/, " ", list)
			ncmds = split(list, cmds, " ")
		}
	}
	tag = 0
	next
}
section == "SYNOPSIS" && /^\.B vmascope [a-z]/ {
	print "synopsis\t" $3
	next
}
/^\.TP/ { tag = 1; next }
tag {
	tag = 0
	if ((section == "COMMANDS" && scope != "") || section == "OPTIONS")
		tag_options($0, scope)
	else if (section == "COLUMNS" && $1 == ".B")
		for (i = 1; i <= ncmds; i++)
			print "column\t" cmds[i] "\t" $2
	else if (section == "PAGE FLAGS" && $1 == ".B")
		print "flag\t" unescape($2)
}
