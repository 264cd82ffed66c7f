#!/bin/bash
# checkpatch.sh - scripts/checkpatch.pl --strict on every patch of patches/.
#
# Every ERROR, WARNING and CHECK fails, except those that
# tests/checkpatch-allow.list allows ("PATCH-GLOB TYPE -- REASON").
set -euo pipefail
. "$(dirname "$0")/common.sh"

allow=$TOP/tests/checkpatch-allow.list
# checkpatch runs scripts/spdxcheck.py with the python3 in PATH, which needs
# ply and git: Debian's python3 has them (tools/deps.sh), others may not.
export PATH=/usr/bin:$PATH
mapfile -t pset < <(find "$TOP/patches" -maxdepth 1 -name '*.patch' ! -name '0000-*' | LC_ALL=C sort)
bad=0
for p in "${pset[@]}"; do
	out=$(cd "$WT" && scripts/checkpatch.pl --strict --terse --show-types \
		--no-summary --max-line-length=100 "$p" 2>&1) || true
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		type=$(sed -nE 's/.*: (ERROR|WARNING|CHECK):([A-Z_]+):.*/\2/p' <<<"$line")
		ok=0
		while read -r glob atype _; do
			case "$glob" in ''|'#'*) continue ;; esac
			# shellcheck disable=SC2053
			[[ "${p##*/}" == $glob ]] && [ "$atype" = "$type" ] && ok=1
		done <"$allow"
		if [ $ok = 1 ]; then
			log "checkpatch: allowed: ${line#"$TOP"/}"
		else
			echo "checkpatch: ${line#"$TOP"/}" >&2
			bad=1
		fi
	done <<<"$out"
done
[ $bad -eq 0 ] || die "checkpatch: findings above are not in tests/checkpatch-allow.list"
log "checkpatch: ${#pset[@]} patch(es) clean"
