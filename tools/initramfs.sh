#!/bin/bash
# initramfs.sh ARCH BUILD_DIR SET [TREE] - pack BUILD_DIR/initramfs-SET.cpio.gz.
#
# Static busybox, guest/init, the kselftests of SET ("series" or "all") for
# ARCH from BUILD_DIR/kselftest, and /tests.txt listing what init runs.
# SET "none" has no kselftests; "bench" has none either, but the user-space
# benchmarks of BUILD_DIR/bench (tools/benchprogs.sh) in /bench, which init
# runs after boot.
set -euo pipefail
. "$(dirname "$0")/common.sh"

arch=$1 bd=$(realpath -m "$2") set=$3 tree=${4:-$WT}
arch_env "$arch"
case "$arch" in
x86_64) busybox=/bin/busybox ;;
arm64) busybox=$OUT/deps/busybox-static-arm64/root/bin/busybox ;;
esac
[ -x "$busybox" ] || die "initramfs: no static busybox for $arch at $busybox; run tools/deps.sh"
file -L "$busybox" 2>/dev/null | grep -q 'statically linked' ||
	[ "$arch" != x86_64 ] || die "initramfs: $busybox is not static (busybox-static missing?)"

root=$bd/initramfs-$set
rm -rf "$root"
mkdir -p "$root/bin" "$root/ksft"
cp "$busybox" "$root/bin/busybox"
install -m 755 "$TOP/guest/init" "$root/init"
"$TOP/tools/testlist.sh" "$arch" "$set" "$tree" >"$root/tests.txt"
while read -r _ id prog _; do
	[ -x "$bd/kselftest/$prog" ] || die "initramfs: $id: $bd/kselftest/$prog was not built"
	cp "$bd/kselftest/$prog" "$root/ksft/"
done <"$root/tests.txt"
what="$(wc -l <"$root/tests.txt") kselftests"
if [ "$set" = bench ]; then
	[ -d "$bd/bench" ] || die "initramfs: no $bd/bench; run tools/benchprogs.sh"
	cp -r "$bd/bench" "$root/bench"
	what="$(ls "$root/bench" | wc -l) benchmark programs"
fi
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -1) >"$root.cpio.gz"
log "initramfs: $root.cpio.gz ($what)"
