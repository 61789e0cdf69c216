#!/usr/bin/env python3
"""scripts/mkinitramfs.py -o OUT [PROGRAM ...] - pack mmlab's initramfs.

Writes a cpio archive in the "newc" format, the one Linux's
init/initramfs.c (and mmlab's kernel/fs/initramfs.c) unpacks: per entry a
110-byte ASCII header (magic 070701, then 13 eight-digit hex fields), the
NUL-terminated name, padding to 4 bytes, the data, padding to 4 bytes; the
archive ends with an entry named TRAILER!!!.  It holds the directories
/bin /sbin /dev /proc /sys /tmp, the device nodes /dev/console, /dev/tty,
/dev/null, /dev/zero and /dev/urandom (Linux's numbers), /dev/hmm_dmirror0
and 1 (major 240: mmlab's fixed choice), each PROGRAM as
/bin/<its file name>, and each --sbin FILE as /sbin/<its file name>.  Only Python's standard library: no cpio tool.
The output is rewritten only when its bytes change (make then leaves the
ISO alone), and is reproducible: every mtime is 0, inode numbers count up.
"""
import argparse
import os
import stat
import struct
import sys

DIRS = [('bin', 0o755), ('sbin', 0o755), ('dev', 0o755), ('proc', 0o555),
        ('sys', 0o555), ('tmp', 0o1777)]
# name, permissions, major, minor (Linux: Documentation/admin-guide/devices.txt)
NODES = [('dev/console', 0o600, 5, 1), ('dev/tty', 0o666, 5, 0), ('dev/null', 0o666, 1, 3),
         ('dev/zero', 0o666, 1, 5), ('dev/urandom', 0o666, 1, 9),
         # test_hmm's major is dynamic in Linux; mmlab's is fixed (include/drivers/dmirror.h)
         ('dev/hmm_dmirror0', 0o666, 240, 0), ('dev/hmm_dmirror1', 0o666, 240, 1)]


def dynamic_elf(data):
    """True for an ELF64 file with a PT_INTERP (it needs a dynamic loader)."""
    if len(data) < 64 or data[:4] != b'\x7fELF' or data[4] != 2:
        return False
    phoff, = struct.unpack_from('<Q', data, 32)
    phentsize, phnum = struct.unpack_from('<HH', data, 54)
    for i in range(phnum):
        off = phoff + i * phentsize
        if off + 4 <= len(data) and struct.unpack_from('<I', data, off)[0] == 3:
            return True
    return False


def pad4(n):
    return (4 - n % 4) % 4


class Archive:
    def __init__(self):
        self.out = bytearray()
        self.ino = 0

    def entry(self, name, mode, data=b'', rdev=(0, 0)):
        self.ino += 1
        namez = name.encode() + b'\0'
        fields = [self.ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0, len(data),
                  0, 0, rdev[0], rdev[1], len(namez), 0]
        hdr = b'070701' + b''.join(b'%08X' % f for f in fields)
        self.out += hdr + namez + b'\0' * pad4(len(hdr) + len(namez))
        self.out += data + b'\0' * pad4(len(data))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('-o', '--output', required=True)
    ap.add_argument('--sbin', action='append', default=[], help='a file to put in /sbin')
    ap.add_argument('programs', nargs='*', help='files to put in /bin')
    args = ap.parse_args()

    a = Archive()
    for name, perm in DIRS:
        a.entry(name, stat.S_IFDIR | perm)
    for name, perm, major, minor in NODES:
        a.entry(name, stat.S_IFCHR | perm, rdev=(major, minor))
    seen = set()
    for path, where in [(p, 'sbin/') for p in args.sbin] + [(p, 'bin/') for p in args.programs]:
        base = where + os.path.basename(path)
        if base in seen:
            sys.exit(f'mkinitramfs: two programs named {base}')
        seen.add(base)
        with open(path, 'rb') as f:
            data = f.read()
        if dynamic_elf(data):
            print(f'mkinitramfs: warning: {path} is dynamically linked (PT_INTERP): '
                  'mmlab runs static programs only (build it with musl-gcc -static)',
                  file=sys.stderr)
        a.entry(base, stat.S_IFREG | 0o755, data)
    a.entry('TRAILER!!!', 0)

    try:
        with open(args.output, 'rb') as f:
            if f.read() == bytes(a.out):
                return
    except FileNotFoundError:
        pass
    with open(args.output + '.tmp', 'wb') as f:
        f.write(a.out)
    os.replace(args.output + '.tmp', args.output)
    print(f'  CPIO    {args.output}  [{len(seen)} programs, {len(a.out)} bytes]')


if __name__ == '__main__':
    main()
