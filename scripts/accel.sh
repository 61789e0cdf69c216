# scripts/accel.sh - sourced by the QEMU scripts with $iso set: pick the
# accelerator (scripts/accel.py: KVM only if it really boots us, else TCG).
# Sets ACCEL (kvm|tcg) and QEMU_CPU (host under KVM, max under TCG).
ACCEL=$(python3 "$(dirname "$0")/accel.py" "$iso" "$(dirname "$iso")/accel") || ACCEL=tcg
QEMU_CPU=max
[ "$ACCEL" = kvm ] && QEMU_CPU=host
