/*
 * kernel/setup.c - turn GRUB's memory map into memblock's view of RAM.
 *
 * Usable ranges become memblock memory (trimmed to whole pages, capped by
 * mem= and by what the direct map covers); the first MiB (BIOS data, the
 * real-mode world), the kernel image and GRUB's boot information are
 * reserved so nothing is ever allocated on top of them.
 * Linux: arch/x86/kernel/setup.c (setup_arch, e820__memblock_setup).
 */
#include <kernel/setup.h>
#include <kernel/multiboot2.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/direct_map.h>
#include <drivers/dmirror.h>
#include <asm/page.h>

extern char _end[];

void setup_memory_map(void)
{
	for (int i = 0; i < boot_mem_map_nr; i++) {
		const struct boot_mem_region *r = &boot_mem_map[i];
		phys_addr_t start = PFN_PHYS(PFN_UP(r->addr));
		phys_addr_t end = PFN_PHYS(PFN_DOWN(r->addr + r->len));

		if (r->type == MULTIBOOT_MEMORY_AVAILABLE && end > start)
			memblock_add(start, end - start);
	}
	memblock_enforce_memory_limit(memory_limit);
	if (memblock_end_of_DRAM() > DIRECT_MAP_LIMIT) {
		pr_warn("setup: RAM above %lu GiB is not used\n", DIRECT_MAP_LIMIT >> 30);
		memblock_remove_above(DIRECT_MAP_LIMIT);
	}
	memblock_reserve(0, 0x100000);
	memblock_reserve(LOAD_PHYSICAL_ADDR, __pa_symbol(_end) - LOAD_PHYSICAL_ADDR);
	memblock_reserve(boot_info_phys, boot_info_size);
	dmirror_reserve_memory();	/* the simulated devices' memory */
}

bool kernel_image_contains(unsigned long start, unsigned long end)
{
	extern char _text[], _end[];

	return start >= (unsigned long)_text && end <= (unsigned long)_end && start <= end;
}
