#!/bin/sh
# scripts/setup.sh - install what building, running and testing mmlab needs.
#
# Checks for each tool and installs the missing Debian packages with
# apt-get when run as root; otherwise prints the exact command to run.
# `make run` and `make test` call it, so a fresh Debian machine needs
# nothing but make: the rest comes from here.  Silent when all is there.
set -e

missing=""
need() {	# need COMMAND-OR-PATH PACKAGE
	case $1 in
	/*) [ -e "$1" ] && return 0 ;;
	*) command -v "$1" >/dev/null 2>&1 && return 0 ;;
	esac
	case " $missing " in *" $2 "*) ;; *) missing="$missing $2" ;; esac
}

need gcc gcc
need ld binutils
need make make
need qemu-system-x86_64 qemu-system-x86
need /usr/share/seabios/bios-256k.bin seabios
need grub-mkrescue grub-common
need /usr/lib/grub/i386-pc/modinfo.sh grub-pc-bin
need xorriso xorriso
need mformat mtools
need gdb gdb
need python3 python3
# user programs (user/*.c) are static musl binaries packed into the initramfs
need musl-gcc musl-tools
# Linux's hmm-tests is built with the kernel's uapi headers after musl's
need /usr/include/linux/types.h linux-libc-dev
# libFuzzer (make fuzz, and a few seconds of it in make test)
need clang clang
fuzzer_lib=$(ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null | head -n 1)
need "${fuzzer_lib:-/nonexistent}" libclang-rt-14-dev
# editor support: clangd --check in make test (make compile_commands.json, .clangd)
need clangd clangd

[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
	echo "mmlab: missing packages:$missing" >&2
	echo "mmlab: install them with:" >&2
	echo "    sudo apt-get update && sudo $cmd" >&2
	exit 1
fi
echo "mmlab: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends $missing >/tmp/mmlab-apt.log 2>&1; then
	apt-get update >>/tmp/mmlab-apt.log 2>&1 || true
	apt-get install -y --no-install-recommends $missing >>/tmp/mmlab-apt.log 2>&1 || {
		tail -20 /tmp/mmlab-apt.log >&2
		echo "mmlab: apt-get failed; see /tmp/mmlab-apt.log" >&2
		exit 1
	}
fi
echo "mmlab: packages installed" >&2
