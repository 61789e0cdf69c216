/*
 * kernel/fs/initramfs.c - the initramfs: where GRUB put it.
 *
 * kernel/multiboot.c fills phys_initrd_*, reserve_initrd_mem() (kernel/
 * setup.c) keeps the buddy allocator off it.  Linux: init/initramfs.c.
 */
#include <kernel/initrd.h>

unsigned long phys_initrd_start, phys_initrd_size;
unsigned long initrd_start, initrd_end;
