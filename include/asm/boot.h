/*
 * include/asm/boot.h - addresses and selectors shared by boot assembly and C.
 *
 * The kernel image is loaded at 1 MiB physical and linked at
 * __START_KERNEL_map + physical (the "kernel text mapping", as in Linux).
 * All RAM is also mapped at PAGE_OFFSET (the "direct map").
 */
#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

#define __START_KERNEL_map	0xffffffff80000000
#define __PAGE_OFFSET		0xffff888000000000
#define LOAD_PHYSICAL_ADDR	0x100000

#include <asm/segment.h>		/* __KERNEL_CS, __KERNEL_DS */

#define MULTIBOOT2_BOOTLOADER_MAGIC	0x36d76289

#define BOOT_STACK_SIZE		(16 * 1024)

#endif
