#!/bin/bash
# config.sh ARCH BUILD_DIR [SRC_TREE] - make BUILD_DIR/.config.
#
# tinyconfig, then scripts/kconfig/merge_config.sh with configs/common.config,
# configs/ARCH.config, configs/series.config, configs/debug.config unless
# FLAVOUR=prod; for 32-bit arm, configs/arm32.config and series.config only
# (and configs/kasan.config when KASAN=1, configs/NAME.config
# for each NAME of EXTRA_CONFIGS).  Then every
# option a fragment asks for is checked against the result, and the run fails
# naming each option Kconfig dropped or changed.
set -euo pipefail
. "$(dirname "$0")/common.sh"

arch=$1 bd=$(realpath -m "$2") src=$(realpath "${3:-$WT}")
arch_env "$arch"
frags=("$TOP/configs/common.config" "$TOP/configs/$arch.config" "$TOP/configs/series.config")
[ "$(flavour)" = debug ] && frags+=("$TOP/configs/debug.config")
# 32-bit arm is compile-only, with a fragment of its own (see arm32.config).
[ "$arch" = arm ] && frags=("$TOP/configs/arm32.config" "$TOP/configs/series.config")
[ "${KASAN:-0}" = 1 ] && frags+=("$TOP/configs/kasan.config")
for f in ${EXTRA_CONFIGS:-}; do frags+=("$TOP/configs/$f.config"); done

# Is option $1 (CONFIG_FOO) defined by a Kconfig file of the tree?
in_kconfig() {
	git -C "$src" grep -qE "^[[:space:]]*(menu)?config ${1#CONFIG_}\b" -- '*Kconfig*'
}

mkdir -p "$bd"
# Re-merge only when a fragment or a Kconfig file of the tree changed.
stamp=$( (cat "${frags[@]}"; echo "${KASAN:-0} ${CLANG:-0}"
	git -C "$src" rev-list -1 HEAD -- ':(glob)**/Kconfig*'
	git -C "$src" diff HEAD -- ':(glob)**/Kconfig*') | sha256sum | cut -c1-16)
if [ -e "$bd/.config" ] && [ "$(cat "$bd/.harness-config" 2>/dev/null)" = "$stamp" ]; then
	exit 0
fi

export ARCH=$KARCH CROSS_COMPILE=$CROSS
# CLANG=1: Debian 12's clang-19 and lld-19 (LLVM=-19), for every target.
[ "${CLANG:-0}" = 1 ] && export LLVM=-19 CROSS_COMPILE=
log "config: $arch tinyconfig + ${frags[*]##*/}"
make -C "$src" O="$bd" -s tinyconfig >"$bd/config.log" 2>&1 ||
	die "config: tinyconfig failed, see $bd/config.log"
(cd "$src" && scripts/kconfig/merge_config.sh -O "$bd" "$bd/.config" "${frags[@]}") \
	>>"$bd/config.log" 2>&1 || die "config: merge_config.sh failed, see $bd/config.log"

# Every option a fragment sets must come out of Kconfig as asked.
dropped=()
for f in "${frags[@]}"; do
	while IFS= read -r line; do
		if [ "${f##*/}" = series.config ] && [[ "$line" == CONFIG_* ]] &&
			! in_kconfig "${line%%=*}"; then
			continue	# not in this prefix of the series yet
		fi
		case "$line" in
		CONFIG_*=*)
			grep -qxF "$line" "$bd/.config" || dropped+=("$line (got: $(grep -E "^(# )?${line%%=*}[= ]" "$bd/.config" || echo unset))")
			;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }; opt=${opt%% *}
			grep -qE "^$opt=" "$bd/.config" && dropped+=("$line (got: $(grep -E "^$opt=" "$bd/.config"))")
			;;
		esac
	done <"$f"
done
if [ ${#dropped[@]} -gt 0 ]; then
	printf '  %s\n' "${dropped[@]}" >&2
	die "config: Kconfig dropped or changed ${#dropped[@]} option(s) asked for by the fragments; see $bd/config.log"
fi
echo "$stamp" >"$bd/.harness-config"
