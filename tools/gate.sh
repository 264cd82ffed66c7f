#!/bin/bash
# gate.sh - the full test gate (.ci/run calls it through ./harness gate).
#
# Static gates: git am of patches/ onto the base, checkpatch --strict,
# kernel-doc, a build of every patch on both architectures, a build of the
# in-tree users of what the series changes (vmwgfx), a compile of mm/ and
# lib/ for 32-bit arm; then the
# series' tests and the regression set on x86_64 and arm64.
set -euo pipefail
. "$(dirname "$0")/common.sh"

times=()
step() {
	local name=$1 t0=$SECONDS; shift
	log "gate: --- $name"
	"$@" || { log "gate: FAILED at step '$name'"; exit 1; }
	times+=("$(printf '%-28s %5ds' "$name" $((SECONDS - t0)))")
}
report() {
	log "gate: step times"
	printf '  %s\n' "${times[@]}" >&2
}
trap report EXIT

step "host packages" "$TOP/tools/deps.sh"
step "base tree" "$TOP/tools/base.sh"
step "git am patches/" "$TOP/tools/apply.sh" >/dev/null
step "checkpatch --strict" "$TOP/tools/checkpatch.sh"
step "kernel-doc" "$TOP/tools/kerneldoc.sh"
step "bisect build" "$TOP/tools/bisect.sh"
step "build users (vmwgfx)" "$TOP/tools/users.sh"
step "compile for 32-bit arm" "$TOP/tools/arm32.sh"
step "test x86_64 + arm64" "$TOP/tools/test.sh" all x86_64 arm64
log "gate: PASSED"
