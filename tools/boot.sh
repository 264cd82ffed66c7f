#!/bin/bash
# boot.sh ARCH BUILD_DIR INITRAMFS LOG - boot the kernel in QEMU under TCG.
#
# 2 vCPUs, 4 GiB, serial console to LOG, -no-reboot so that the guest's
# `reboot -f` ends QEMU.  A hard timeout (BOOT_TIMEOUT seconds, default
# 2400) kills a hung guest; that is reported, and the results parser then
# finds results missing.  KVM=1 opts in to KVM (it hangs on some hosts).
# ICOUNT=1 runs TCG with -icount shift=0: the guest's clock counts its
# instructions, 1 ns each, whatever the load of the host, so that timings
# repeat (benchmarks); TCG then runs the vCPUs in a single host thread.
set -euo pipefail
. "$(dirname "$0")/common.sh"

arch=$1 bd=$(realpath -m "$2") initrd=$3 logf=$4
arch_env "$arch"
[ -e "$bd/$IMAGE" ] || die "boot: no kernel image $bd/$IMAGE"
[ -e "$initrd" ] || die "boot: no initramfs $initrd"

accel="-accel tcg,thread=multi"
[ "${ICOUNT:-0}" = 1 ] && accel="-accel tcg -icount shift=0,sleep=off"
[ "${KVM:-0}" = 1 ] && accel="-accel kvm"
append="panic=-1 rdinit=/init ${BOOT_APPEND:-}"
case "$arch" in
x86_64)
	qemu=(qemu-system-x86_64 -M q35 -cpu max)
	append="console=ttyS0 $append"
	;;
arm64)
	qemu=(qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on)
	append="console=ttyAMA0 $append"
	;;
esac
# Two NUMA nodes, one vCPU and half the memory each, so that tests can
# migrate pages between nodes (move_pages()).  arm64 only: its kernels
# find the nodes in the device tree; x86_64's would need ACPI NUMA (PCI).
mem=${BOOT_MEM:-4G}
numa=
if [ "$arch" = arm64 ] && [ "${NUMA:-1}" = 1 ]; then
	half=$(( $(numfmt --from=iec "$mem") / 2 / 1048576 ))M
	numa="-object memory-backend-ram,id=m0,size=$half"
	numa+=" -object memory-backend-ram,id=m1,size=$half"
	numa+=" -numa node,nodeid=0,cpus=0,memdev=m0"
	numa+=" -numa node,nodeid=1,cpus=1,memdev=m1"
fi
command -v "${qemu[0]}" >/dev/null || die "boot: ${qemu[0]} not found; run tools/deps.sh"

timeout=${BOOT_TIMEOUT:-2400}
log "boot: $arch, log $logf (timeout ${timeout}s)"
rc=0
# shellcheck disable=SC2086
timeout -k 10 "$timeout" "${qemu[@]}" $accel -smp 2 -m "$mem" $numa \
	-kernel "$bd/$IMAGE" -initrd "$initrd" -append "$append" \
	-display none -monitor none -serial "file:$logf" -no-reboot \
	</dev/null >"$logf.qemu" 2>&1 || rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	echo "### harness: guest killed after ${timeout}s timeout" >>"$logf"
	log "boot: $arch guest TIMED OUT after ${timeout}s, log $logf"
elif [ $rc -ne 0 ]; then
	echo "### harness: qemu exited with status $rc" >>"$logf"
	log "boot: $arch qemu exited with status $rc, see $logf.qemu"
fi
exit 0
