#!/bin/bash
# apply.sh [K] - apply patches/ (or only its first K patches) with git am.
#
# Without K the work tree is $WT, on branch "series".  With K it is a git
# worktree of $WT at $OUT/trees/pK (detached), so that two prefixes of the
# series can be built and booted side by side.  DROP=N applies every patch
# but the Nth (DROP=N,M: but those), of the series or of its first K, in
# $OUT/trees/dN (pK-dN, dN-M): the series minus a fix, to show that the
# fix's test fails without it.  Prints the tree's path.
#
# Re-applying the same patches is a no-op (file times are kept, so builds
# stay incremental).  A work tree with commits or changes that are not in
# patches/ is never overwritten: export them first, or set FORCE=1.
# A patch that does not apply stops the run and is named.
set -euo pipefail
. "$(dirname "$0")/common.sh"

k=${1:-}
"$TOP/tools/base.sh"
mapfile -t all < <(find "$TOP/patches" -maxdepth 1 -name '*.patch' ! -name '0000-*' | LC_ALL=C sort)
drop=${DROP:-}
if [ -n "$drop" ]; then
	# DROP=N or N,M,...: leave those patches out, of the first K (or all).
	[ -z "$k" ] || [ "$k" = all ] ||
		{ [[ "$k" =~ ^[0-9]+$ ]] && [ "$k" -le ${#all[@]} ]; } ||
		die "apply: prefix '$k' is not a number in 0..${#all[@]}"
	[ -z "$k" ] || [ "$k" = all ] || all=("${all[@]:0:$k}")
	pset=("${all[@]}")
	for n in ${drop//,/ }; do
		[[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le ${#all[@]} ] ||
			die "apply: DROP='$drop': '$n' is not a patch number in 1..${#all[@]}"
		unset "pset[$((n - 1))]"
	done
	pset=("${pset[@]}")
	tree=$OUT/trees/${k:+p$k-}d${drop//,/-}
	[ "$k" != all ] || tree=$OUT/trees/d${drop//,/-}
	if [ ! -e "$tree/.git" ]; then
		mkdir -p "$OUT/trees"
		git -C "$WT" worktree prune
		git -C "$WT" worktree add -q --detach "$tree" base
	fi
elif [ -z "$k" ] || [ "$k" = all ]; then
	tree=$WT
	pset=("${all[@]}")
else
	[[ "$k" =~ ^[0-9]+$ ]] && [ "$k" -le ${#all[@]} ] ||
		die "apply: prefix '$k' is not a number in 0..${#all[@]}"
	tree=$OUT/trees/p$k
	pset=("${all[@]:0:$k}")
	if [ ! -e "$tree/.git" ]; then
		mkdir -p "$OUT/trees"
		git -C "$WT" worktree prune
		git -C "$WT" worktree add -q --detach "$tree" base
	fi
fi

gitdir=$(git -C "$tree" rev-parse --absolute-git-dir)
want=$(patches_hash "${pset[@]}")
head=$(git -C "$tree" rev-parse HEAD)
{ read -r done_hash done_head <"$gitdir/harness-applied"; } 2>/dev/null || done_hash= done_head=

if [ -n "$(git -C "$tree" status --porcelain --untracked-files=no)" ] && [ "${FORCE:-0}" != 1 ]; then
	die "apply: $tree has uncommitted changes; commit and export them, or FORCE=1 to drop them"
fi
if [ "$done_hash" = "$want" ] && [ "$done_head" = "$head" ]; then
	echo "$tree"
	exit 0
fi
if [ "$head" != "$(git -C "$tree" rev-parse base)" ] && [ "$head" != "$done_head" ] &&
	[ "${FORCE:-0}" != 1 ]; then
	die "apply: $tree has commits that are not in patches/ (run ./harness export), or FORCE=1 to drop them"
fi

log "apply: ${#pset[@]} patch(es) onto base in $tree"
git -C "$tree" am --abort >/dev/null 2>&1 || true
if [ "$tree" = "$WT" ]; then
	git -C "$tree" checkout -q -f -B series base
else
	git -C "$tree" checkout -q -f --detach base
fi
n=0
for p in "${pset[@]}"; do
	if ! git -C "$tree" am -q --committer-date-is-author-date "$p" >"$OUT/am.log" 2>&1; then
		cat "$OUT/am.log" >&2
		git -C "$tree" am --abort >/dev/null 2>&1 || true
		die "apply: patch ${p##*/} does not apply to base + $n patch(es)"
	fi
	n=$((n + 1))
done
echo "$want $(git -C "$tree" rev-parse HEAD)" >"$gitdir/harness-applied"
echo "$tree"
