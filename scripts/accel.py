#!/usr/bin/env python3
"""scripts/accel.py ISO [CACHE] - print the QEMU accelerator to use: kvm or tcg.

KVM is used when it really works: /dev/kvm must open, and a KVM boot of
ISO must print mmlab's banner within a few seconds (on some hosts, nested
virtualisation offers /dev/kvm but guests never run).  The answer is kept
in CACHE (e.g. build/accel) so the probe runs once per build tree.
ACCEL=kvm|tcg in the environment skips all of this.
"""
import os
import subprocess
import sys
import threading
import time

BANNER = b'mmlab booting'
PROBE_SECONDS = 10


def kvm_boots(iso):
    try:
        os.close(os.open('/dev/kvm', os.O_RDWR))
    except OSError:
        return False
    proc = subprocess.Popen(
        ['qemu-system-x86_64', '-accel', 'kvm', '-cpu', 'host', '-m', '256M',
         '-cdrom', iso, '-display', 'none', '-serial', 'stdio', '-monitor', 'none',
         '-no-reboot', '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    seen = threading.Event()

    def reader():
        for line in proc.stdout:
            if BANNER in line:
                seen.set()
                return
    threading.Thread(target=reader, daemon=True).start()
    seen.wait(PROBE_SECONDS)
    proc.kill()
    proc.wait()
    return seen.is_set()


# KVM provided by kvm_pvm (software nested virtualisation, as in some
# sandboxed VMs) boots the kernel, but every user program then dies at its
# first system call ("segfault at <entry_SYSCALL_64> ... error 15": the
# guest's SYSCALL jumps to LSTAR but stays in ring 3, CS 0x33).  Debian's
# Linux 6.1 dies the same way there (its init, at entry_SYSCALL_64+0x0),
# so it is PVM's, not the guest's; TCG runs them.  Such a KVM is used only
# when asked for with ACCEL=kvm.
def kvm_is_pvm():
    return os.path.exists('/sys/module/kvm_pvm')


def choose(iso, cache=None):
    forced = os.environ.get('ACCEL')
    if forced in ('kvm', 'tcg'):
        return forced
    if kvm_is_pvm():
        return 'tcg'

    if cache and os.path.exists(cache):
        with open(cache) as f:
            answer = f.read().strip()
        if answer in ('kvm', 'tcg'):
            return answer
    answer = 'kvm' if kvm_boots(iso) else 'tcg'
    if cache:
        os.makedirs(os.path.dirname(cache) or '.', exist_ok=True)
        with open(cache, 'w') as f:
            f.write(answer + '\n')
    return answer


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    print(choose(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
