/*
 * include/kernel/initrd.h - the initramfs GRUB loaded next to the kernel.
 *
 * kernel/multiboot.c records where the module lies (phys_initrd_*);
 * setup_memory_map() reserves it in memblock (reserve_initrd_mem) so the
 * buddy allocator never hands those pages out; populate_rootfs() unpacks
 * it into the RAM file system and then gives its pages to the buddy
 * allocator (free_initrd_mem), as Linux does once the archive is unpacked.
 * Linux: include/linux/initrd.h, init/initramfs.c.
 */
#ifndef _KERNEL_INITRD_H
#define _KERNEL_INITRD_H

#include <kernel/types.h>

extern unsigned long phys_initrd_start, phys_initrd_size;	/* 0 size: none */
extern unsigned long initrd_start, initrd_end;	/* virtual (direct map) once reserved */

/* Reserves the module in memblock, or forgets it if it is not all in RAM. */
void reserve_initrd_mem(void);
/* Gives the whole pages of [start, end) (virtual) back to the buddy allocator. */
void free_initrd_mem(unsigned long start, unsigned long end);

/*
 * Unpacks a cpio newc archive into the root file system; NULL on success,
 * else what was wrong (entries before the error stay).  Linux: init/initramfs.c.
 */
const char *unpack_to_rootfs(const char *buf, unsigned long len);
/* Boot: the root file system, the initramfs unpacked into it, its memory freed. */
void populate_rootfs(void);

#endif
