#!/bin/bash
# base.sh - make the kernel work tree at the pinned base commit.
#
# Downloads the pinned linux-source package from its Debian suite (SUITE in
# base.pin) with apt-get download and a private sources list (into $OUT/dl), checks
# its sha256 and the tarball's, unpacks it into $WT and commits it with a
# fixed author, date and message.  The resulting hash must match BASE_COMMIT
# from base.pin.  Does nothing if $WT already has the base commit.
set -euo pipefail
. "$(dirname "$0")/common.sh"
. "$TOP/base.pin"

if git -C "$WT" rev-parse -q --verify refs/tags/base >/dev/null 2>&1; then
	have=$(git -C "$WT" rev-parse base)
	if [ -z "$BASE_COMMIT" ] || [ "$have" = "$BASE_COMMIT" ]; then
		log "base: $WT already at base $have"
		exit 0
	fi
	die "base: $WT has base $have, base.pin wants $BASE_COMMIT; remove $WT"
fi

dl=$OUT/dl
deb=$dl/${PKG}_${VERSION/:/%3a}_all.deb
mkdir -p "$dl"

# The archive's address, from the machine's own apt sources (deb822
# .sources files or sources.list): the first Debian archive that is not the
# security one.  No package host is written into this repository.
archive_uri() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -e "$f" ] || continue
		awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -e "$f" ] || continue
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; break } }' "$f"
	done
}

# apt-get download from $SUITE with a private sources list, package lists
# and cache under $dl/apt: the machine's apt configuration is not touched.
private_apt() {
	local uri a=$dl/apt
	uri=$(archive_uri | grep -v -- '-security' | grep -m1 '/debian/\?$') ||
		die "base: no Debian archive in the machine's apt sources"
	mkdir -p "$a/lists/partial" "$a/cache/archives/partial"
	echo "deb $uri $SUITE main" >"$a/sources.list"
	APT_OPTS=(-o "Dir::Etc::SourceList=$a/sources.list"
		-o Dir::Etc::SourceParts=/dev/null
		-o "Dir::State::Lists=$a/lists" -o "Dir::Cache=$a/cache"
		-o APT::Sandbox::User=root)
	local i
	for i in 1 2 3; do
		apt-get "${APT_OPTS[@]}" update && return 0
		sleep 5	# a Release file that changes under us: try again
	done
	return 1
}

if [ ! -e "$deb" ] || ! echo "$DEB_SHA256  $deb" | sha256sum -c --quiet 2>/dev/null; then
	rm -f "$dl"/"${PKG}"_*.deb
	log "base: apt-get download $PKG=$VERSION from $SUITE"
	private_apt >"$dl/download.log" 2>&1 ||
		die "base: apt-get update of the private $SUITE list failed, see $dl/download.log"
	(cd "$dl" && apt-get "${APT_OPTS[@]}" download "$PKG=$VERSION") >>"$dl/download.log" 2>&1 || {
		# Tell a version that left the suite from a failed transfer.
		offers=$(apt-cache "${APT_OPTS[@]}" madison "$PKG" 2>>"$dl/download.log" |
			awk -F' *[|] *' '{ print $2 }' || true)
		if ! grep -qxF -- "$VERSION" <<<"$offers"; then
			echo "The pinned $PKG=$VERSION is not in $SUITE; it offers:" >&2
			echo "${offers:-  (no version of $PKG)}" >&2
			die "base: pinned $PKG=$VERSION has left $SUITE"
		fi
		die "base: $SUITE lists $PKG=$VERSION, but its download failed, see $dl/download.log"
	}
fi
echo "$DEB_SHA256  $deb" | sha256sum -c --quiet ||
	die "base: $deb does not match DEB_SHA256 in base.pin"

tarball=$dl/$(basename "$TARBALL")
if [ ! -e "$tarball" ] || ! echo "$TARBALL_SHA256  $tarball" | sha256sum -c --quiet 2>/dev/null; then
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./$TARBALL" >"$tarball.tmp"
	mv "$tarball.tmp" "$tarball"
fi
echo "$TARBALL_SHA256  $tarball" | sha256sum -c --quiet ||
	die "base: $tarball does not match TARBALL_SHA256 in base.pin"

log "base: unpacking into $WT"
rm -rf "$WT" "$WT.tmp"
mkdir -p "$WT.tmp"
tar -xJf "$tarball" -C "$WT.tmp" --strip-components=1
mv "$WT.tmp" "$WT"

# Debian's tarball ends .gitignore with a packaging stanza ("/*" and
# "!/debian/") that ignores the whole top level; new files would vanish.
python3 - "$WT/.gitignore" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
i = s.find("#\n# Debian packaging:")
if i < 0:
    sys.exit("base: Debian stanza not found in " + p)
open(p, "w").write(s[:i].rstrip("\n") + "\n")
PY

ident=$(cat "$TOP/identity")
name=${ident% <*}
email=${ident##*<}; email=${email%>}
cd "$WT"
git init -q -b series
git config user.name "$name"
git config user.email "$email"
git config core.autocrlf false
git config gc.auto 0
log "base: committing (git add of the whole tree takes a minute)"
# -f: the tarball holds only sources, and the kernel's own .gitignore rules
# (".*" and others) would otherwise leave out ~400 tracked files such as
# .mailmap and the .gitignore files of subdirectories.
git add -A -f
GIT_AUTHOR_DATE=$BASE_DATE GIT_COMMITTER_DATE=$BASE_DATE \
	git commit -q --no-verify -m "Linux $VERSION (Debian $PKG)

Unpacked from Debian's $PKG $VERSION, $TARBALL
(sha256 $TARBALL_SHA256).

The tarball's .gitignore ends with a Debian packaging stanza that ignores
everything at the top level (\"/*\", \"!/debian/\"); it is dropped here so
that files the series adds are not ignored by git."
git tag base
have=$(git rev-parse HEAD)
log "base: base commit $have"
if [ -n "$BASE_COMMIT" ] && [ "$have" != "$BASE_COMMIT" ]; then
	die "base: base commit $have differs from BASE_COMMIT $BASE_COMMIT in base.pin"
fi
