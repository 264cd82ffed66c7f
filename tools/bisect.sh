#!/bin/bash
# bisect.sh - build every prefix of the series on x86_64 and arm64.
#
# Commit k of base..series is checked out in the worktree $OUT/trees/bisect
# and built incrementally (ccache) in its build-ARCH folder, so that the
# series stays bisectable.  The full series is built by the test run itself.
set -euo pipefail
. "$(dirname "$0")/common.sh"

mapfile -t commits < <(git -C "$WT" rev-list --reverse base..series)
n=${#commits[@]}
[ "$n" -gt 1 ] || { log "bisect: $n patch(es), nothing to build beyond the test build"; exit 0; }
tree=$OUT/trees/bisect
if [ ! -e "$tree/.git" ]; then
	mkdir -p "$OUT/trees"
	git -C "$WT" worktree prune
	git -C "$WT" worktree add -q --detach "$tree" base
fi
for ((i = 0; i < n - 1; i++)); do
	c=${commits[$i]}
	git -C "$tree" checkout -q -f --detach "$c"
	for arch in x86_64 arm64; do
		log "bisect: patch $((i + 1))/$n $(git -C "$tree" log -1 --format=%s "$c") on $arch"
		"$TOP/tools/build.sh" "$arch" "$(build_dir "$arch" "$tree")" "$tree" ||
			die "bisect: patch $((i + 1)) ($(git -C "$tree" log -1 --format=%s "$c")) does not build on $arch"
	done
done
