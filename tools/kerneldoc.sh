#!/bin/bash
# kerneldoc.sh - scripts/kernel-doc -none on every C file the series touches.
#
# Fails on a warning that the series adds: warnings that the file already
# had in the base (same file, same message, whatever the line) are shown
# as such and allowed.
set -euo pipefail
. "$(dirname "$0")/common.sh"

mapfile -t files < <(git -C "$WT" diff --name-only --diff-filter=d base..series -- '*.c' '*.h')
[ ${#files[@]} -gt 0 ] || { log "kernel-doc: the series touches no C files"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Drop line numbers, which the series shifts: "FILE:LINE: warning: MESSAGE"
# (older kernel-doc) -> "FILE: warning: MESSAGE", and "Warning: FILE:LINE
# MESSAGE" (the Python kernel-doc of 7.x) -> "Warning: FILE MESSAGE".
norm() { sed -E 's/^([^: ]+):[0-9]+: /\1: /; s/^(Warning: [^: ]+):[0-9]+ /\1 /' | sort -u; }
new=0
for f in "${files[@]}"; do
	(cd "$WT" && scripts/kernel-doc -none "$f" 2>&1) | norm >"$tmp/series" || true
	[ -s "$tmp/series" ] || continue
	: >"$tmp/base"
	if git -C "$WT" cat-file -e "base:$f" 2>/dev/null; then
		mkdir -p "$tmp/b/$(dirname "$f")"
		git -C "$WT" show "base:$f" >"$tmp/b/$f"
		(cd "$tmp/b" && "$WT/scripts/kernel-doc" -none "$f" 2>&1) | norm >"$tmp/base" || true
	fi
	while IFS= read -r w; do
		if grep -qxF "$w" "$tmp/base"; then
			log "kernel-doc: in the base already: $w"
		else
			echo "$w" >&2
			new=$((new + 1))
		fi
	done <"$tmp/series"
done
[ $new -eq 0 ] || die "kernel-doc: $new warning(s) added by the series"
log "kernel-doc: ${#files[@]} file(s), no warning added"
