#!/bin/bash
# testlist.sh ARCH SET [TREE] - print the kselftests to run on ARCH, one per line:
#
#   TIMEOUT ID PROGRAM-AND-SETUP...
#
# SET is "series" (the series' own tests), "all" (series and regression,
# what the gate runs), "soak" (long runs, never in "all"), or "none" or
# "bench" (none).  ONLY="ID..." in the environment picks those tests, from
# any set, instead (for example ONLY=hmm-tests ./harness test).
set -euo pipefail
. "$(dirname "$0")/common.sh"

arch=$1 set=$2 tree=${3:-}
arch_env "$arch"
while read -r s arches timeout id rest; do
	case "$s" in ''|'#'*) continue ;; esac
	if [ -n "${ONLY:-}" ]; then
		[[ " $ONLY " == *" $id "* ]] || continue
	else
		case "$set" in
		all) [ "$s" != soak ] || continue ;;
		*) [ "$s" = "$set" ] || continue ;;
		esac
	fi
	[ "$set" != none ] || continue
	[ "$arches" = all ] || [[ ",$arches," == *",$arch,"* ]] || continue
	[ -n "$rest" ] || die "tests/kselftests.list: no program for '$id'"
	# The program is the first word that is not a SETUP (k=v) token.
	prog=
	for w in $rest; do
		case "$w" in *=*) ;; *) prog=$w; break ;; esac
	done
	# A series or soak test that this prefix of the series does not have yet.
	if [ "$s" != regression ] && [ -n "$tree" ] &&
		[ ! -e "$tree/tools/testing/selftests/mm/$prog.c" ]; then
		continue
	fi
	echo "$timeout $id $prog $rest"
done <"$TOP/tests/kselftests.list"
