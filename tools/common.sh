# common.sh - sourced by every harness script: paths and small helpers.
# shellcheck shell=bash

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$TOP/out}		# build outputs, logs, downloads (git-ignored)
WT=${WT:-$TOP/linux}		# the kernel work tree (git-ignored)
# ccache keeps its default cache (~/.cache/ccache) so that fresh clones reuse
# it; set CCACHE_DISABLE=1 or CCACHE_DIR to measure a cold build.

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Kernel ARCH and cross compiler for a harness architecture name.
arch_env() {
	case "$1" in
	x86_64) KARCH=x86_64; CROSS=; IMAGE=arch/x86/boot/bzImage ;;
	arm64)  KARCH=arm64; CROSS=aarch64-linux-gnu-; IMAGE=arch/arm64/boot/Image ;;
	arm)    KARCH=arm; CROSS=arm-linux-gnueabihf-; IMAGE= ;;	# arm32.sh: compile only
	*) die "unknown architecture '$1' (x86_64 or arm64)" ;;
	esac
}

# flavour - the kernel flavour: FLAVOUR=debug (the default: lockdep,
# DEBUG_VM..., configs/debug.config) or FLAVOUR=prod (production-like: the
# same options without configs/debug.config, for benchmarks).
flavour() {
	case "${FLAVOUR:-debug}" in
	debug|prod) echo "${FLAVOUR:-debug}" ;;
	*) die "FLAVOUR=$FLAVOUR: debug or prod" ;;
	esac
}

# build_dir ARCH TREE - the build folder (O=) of ARCH for TREE: one per
# tree (the work tree, or a prefix's tree), architecture and variant
# (KASAN=1, FLAVOUR=prod).  It is a direct child of the tree, which Kbuild turns into
# relative source paths (srctree=..): compiler command lines are then the
# same in every tree and every clone, so ccache hits across them.  Kbuild
# puts a .gitignore in it.
build_dir() {
	local k=
	[ "${KASAN:-0}" = 1 ] && k=-kasan
	[ "${CLANG:-0}" = 1 ] && k=$k-clang
	[ "$(flavour)" = prod ] && k=$k-prod
	echo "$2/build-$1$k"
}

# Identify a list of patch files (names and contents): apply.sh records it
# with the commit it produced, so that re-applying the same patches, or
# applying what export.sh just wrote, is a no-op.
patches_hash() {
	(echo "${@##*/}"; cat "$@" /dev/null) | sha256sum | cut -c1-16
}
