#!/bin/bash
# export.sh - export the work tree's commits (base..series) to patches/.
#
# One `git format-patch` file per commit, plus patches/0000-cover-letter.patch
# whose subject and text are kept from the existing cover letter; its
# shortlog, diffstat and base-commit are regenerated.  Idempotent: exporting
# twice gives no diff.  Every commit must have the project identity
# (./identity) as author and a Signed-off-by: line for it.
set -euo pipefail
. "$(dirname "$0")/common.sh"

ident=$(cat "$TOP/identity")
[ -d "$WT/.git" ] || die "export: no work tree at $WT (run ./harness apply)"
[ -z "$(git -C "$WT" status --porcelain --untracked-files=no)" ] ||
	die "export: $WT has uncommitted changes; commit them first"
git -C "$WT" rev-parse -q --verify series >/dev/null || die "export: no branch 'series' in $WT"

bad=0
while read -r c; do
	author=$(git -C "$WT" log -1 --format='%an <%ae>' "$c")
	[ "$author" = "$ident" ] || { log "export: $c: author '$author' is not '$ident'"; bad=1; }
	git -C "$WT" log -1 --format=%B "$c" | grep -qxF "Signed-off-by: $ident" ||
		{ log "export: $c: no 'Signed-off-by: $ident'"; bad=1; }
done < <(git -C "$WT" rev-list --reverse base..series)
[ $bad -eq 0 ] || die "export: fix the commits above (git commit --amend --reset-author -s)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$WT" format-patch -q --no-cover-letter --numbered --zero-commit \
	--no-signature --no-thread --subject-prefix=PATCH --no-attach \
	-o "$tmp" base..series
n=$(git -C "$WT" rev-list --count base..series)

python3 - "$TOP/patches/0000-cover-letter.patch" "$tmp/0000-cover-letter.patch" "$n" "$ident" \
	"$(git -C "$WT" rev-parse base)" \
	"$(git -C "$WT" shortlog --no-merges base..series)" \
	"$(git -C "$WT" diff --stat=72 --summary base..series)" <<'PY'
import re, sys, email.utils
old, new, n, ident, base, shortlog, diffstat = sys.argv[1:]
subject, blurb, date = '*** SUBJECT HERE ***', '*** BLURB HERE ***\n', None
try:
    text = open(old).read()
    head, _, body = text.partition('\n\n')
    m = re.search(r'^Subject: \[PATCH[^\]]*\] (.*)$', head, re.M)
    subject = m.group(1) if m else subject
    m = re.search(r'^Date: (.*)$', head, re.M)
    date = m.group(1) if m else None
    # The text ends where the generated part (shortlog or base-commit) starts.
    m = re.search(r'^(\S.* \(\d+\):|base-commit: \S+)$', body, re.M)
    blurb = body[:m.start()] if m else body
except FileNotFoundError:
    pass
date = date or email.utils.formatdate(localtime=False)
parts = [blurb.rstrip('\n') + '\n']
if shortlog.strip():
    parts.append(shortlog.rstrip('\n') + '\n')
if diffstat.strip():
    parts.append(diffstat.rstrip('\n') + '\n')
parts.append(f'base-commit: {base}\n')
with open(new, 'w') as f:
    f.write('From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n'
            f'From: {ident}\nDate: {date}\n'
            f'Subject: [PATCH 0/{n}] {subject}\n\n' + '\n'.join(parts))
PY

mkdir -p "$TOP/patches"
find "$TOP/patches" -maxdepth 1 -name '*.patch' -delete
cp "$tmp"/*.patch "$TOP/patches/"
# The work tree now holds exactly what patches/ holds.
mapfile -t pset < <(find "$TOP/patches" -maxdepth 1 -name '*.patch' ! -name '0000-*' | LC_ALL=C sort)
echo "$(patches_hash "${pset[@]}") $(git -C "$WT" rev-parse series)" \
	>"$(git -C "$WT" rev-parse --absolute-git-dir)/harness-applied"
log "export: $n patch(es) and the cover letter in patches/"
