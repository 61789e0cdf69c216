/*
 * include/kernel/multiboot2.h - what GRUB tells us at boot (multiboot2 spec).
 *
 * kernel/multiboot.c copies what we need out of GRUB's boot information
 * (command line, memory map, loader name, where the initramfs module is) early, so later code never has to
 * care where GRUB put it.
 */
#ifndef _KERNEL_MULTIBOOT2_H
#define _KERNEL_MULTIBOOT2_H

#include <kernel/types.h>

#define MULTIBOOT_TAG_TYPE_END		0
#define MULTIBOOT_TAG_TYPE_CMDLINE	1
#define MULTIBOOT_TAG_TYPE_LOADER_NAME	2
#define MULTIBOOT_TAG_TYPE_MODULE	3
#define MULTIBOOT_TAG_TYPE_MMAP		6

/* Memory map entry types (same numbering as the BIOS E820 map). */
#define MULTIBOOT_MEMORY_AVAILABLE	1
#define MULTIBOOT_MEMORY_RESERVED	2
#define MULTIBOOT_MEMORY_ACPI_RECLAIMABLE 3
#define MULTIBOOT_MEMORY_NVS		4
#define MULTIBOOT_MEMORY_BADRAM		5

struct boot_mem_region {
	u64 addr, len;
	u32 type;
};

#define MAX_BOOT_MEM_REGIONS	64
extern struct boot_mem_region boot_mem_map[MAX_BOOT_MEM_REGIONS];
extern int boot_mem_map_nr;
extern char boot_loader_name[64];
extern unsigned long boot_info_phys, boot_info_size;

/* Parses the boot information at physical address mbi; 0 or -EINVAL. */
int multiboot_parse(unsigned long mbi);
const char *mem_type_name(u32 type);

#endif
