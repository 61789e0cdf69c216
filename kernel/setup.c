/*
 * kernel/setup.c - turn GRUB's memory map into memblock's view of RAM.
 *
 * Usable ranges become memblock memory (trimmed to whole pages, capped by
 * mem= and by what the direct map covers); the first MiB (BIOS data, the
 * real-mode world), the kernel image and GRUB's boot information are
 * reserved so nothing is ever allocated on top of them; so is the
 * initramfs GRUB loaded, until kernel/fs/initramfs.c has unpacked it.
 * Linux: arch/x86/kernel/setup.c (setup_arch, e820__memblock_setup).
 */
#include <kernel/setup.h>
#include <kernel/multiboot2.h>
#include <kernel/initrd.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/direct_map.h>
#include <drivers/dmirror.h>
#include <asm/page.h>

extern char _end[];

/* Is all of [base, base + size) RAM memblock knows?  (its regions are merged) */
static bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (base >= r->base && base + size <= r->base + r->size)
			return true;
	}
	return false;
}

/*
 * The module must be RAM we use (mem= may cut it off): then its pages stay
 * reserved until free_initrd_mem().  Linux: reserve_initrd_mem() and its
 * "initrd extends beyond end of memory" check.
 */
void reserve_initrd_mem(void)
{
	phys_addr_t start = phys_initrd_start, size = phys_initrd_size;

	if (!size)
		return;
	if (start + size < start || !memblock_is_region_memory(start, size)) {
		pr_err("initrd: [mem %#lx-%#lx] is not all usable RAM - disabling initrd\n",
		       start, start + size - 1);
		phys_initrd_size = 0;
		return;
	}
	memblock_reserve(start, size);
	initrd_start = (unsigned long)__va(start);
	initrd_end = initrd_start + size;
	pr_info("initrd: [mem %#lx-%#lx] reserved (%lu KiB)\n", start, start + size - 1, size >> 10);
}

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
	reserve_initrd_mem();
	dmirror_reserve_memory();	/* the simulated devices' memory */
}

bool kernel_image_contains(unsigned long start, unsigned long end)
{
	extern char _text[], _end[];

	return start >= (unsigned long)_text && end <= (unsigned long)_end && start <= end;
}
