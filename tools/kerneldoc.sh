#!/bin/bash
# kerneldoc.sh - scripts/kernel-doc -none on every C file the series touches.
set -euo pipefail
. "$(dirname "$0")/common.sh"

mapfile -t files < <(git -C "$WT" diff --name-only --diff-filter=d base..series -- '*.c' '*.h')
[ ${#files[@]} -gt 0 ] || { log "kernel-doc: the series touches no C files"; exit 0; }
out=$(cd "$WT" && scripts/kernel-doc -none "${files[@]}" 2>&1) || true
if [ -n "$out" ]; then
	echo "$out" >&2
	die "kernel-doc: warnings in files the series touches"
fi
log "kernel-doc: ${#files[@]} file(s) clean"
