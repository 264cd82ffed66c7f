#!/bin/bash
# config.sh ARCH BUILD_DIR [SRC_TREE] - make BUILD_DIR/.config.
#
# tinyconfig, then scripts/kconfig/merge_config.sh with configs/common.config
# and configs/ARCH.config (and configs/kasan.config when KASAN=1).  Then every
# option a fragment asks for is checked against the result, and the run fails
# naming each option Kconfig dropped or changed.
set -euo pipefail
. "$(dirname "$0")/common.sh"

arch=$1 bd=$(realpath -m "$2") src=$(realpath "${3:-$WT}")
arch_env "$arch"
frags=("$TOP/configs/common.config" "$TOP/configs/$arch.config")
[ "${KASAN:-0}" = 1 ] && frags+=("$TOP/configs/kasan.config")

mkdir -p "$bd"
stamp=$(cat "${frags[@]}" | sha256sum | cut -c1-16)-$(git -C "$src" rev-parse HEAD)
if [ -e "$bd/.config" ] && [ "$(cat "$bd/.harness-config" 2>/dev/null)" = "$stamp" ]; then
	exit 0
fi

export ARCH=$KARCH CROSS_COMPILE=$CROSS
log "config: $arch tinyconfig + ${frags[*]##*/}"
make -C "$src" O="$bd" -s tinyconfig >"$bd/config.log" 2>&1 ||
	die "config: tinyconfig failed, see $bd/config.log"
(cd "$src" && scripts/kconfig/merge_config.sh -O "$bd" "$bd/.config" "${frags[@]}") \
	>>"$bd/config.log" 2>&1 || die "config: merge_config.sh failed, see $bd/config.log"

# Every option a fragment sets must come out of Kconfig as asked.
dropped=()
for f in "${frags[@]}"; do
	while IFS= read -r line; do
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
