/*
 * mm/direct_map.c - map all physical RAM at PAGE_OFFSET with 2 MiB pages.
 *
 * With every byte of RAM at a fixed virtual address (phys + PAGE_OFFSET),
 * the kernel can reach any page frame without mapping it first: that is what
 * __va() relies on, and what page tables, the buddy allocator and GDB
 * helpers use.  We build it from the memory map, one 2 MiB leaf (PMD with
 * PS set) per 2 MiB of usable RAM, using page-table pages reserved in .bss
 * (there is no page allocator yet).  Linux: arch/x86/mm/init_64.c
 * (kernel_physical_mapping_init), which also uses 1 GiB pages when it can.
 * Simplification: a RAM range is rounded out to whole 2 MiB pages, so a
 * little non-RAM next to it (BIOS area, ACPI tables) is mapped as ordinary
 * memory too; nothing ever allocates or touches it.
 */
#include <mm/direct_map.h>
#include <mm/memblock.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/string.h>
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>

#define MAX_DIRECT_MAP_GB	(DIRECT_MAP_LIMIT >> PUD_SHIFT)

unsigned long direct_map_bytes;
unsigned long __supported_pte_mask = ~_PAGE_NX;	/* NX added if EFER.NXE is on */
unsigned long init_top_pgt_phys;

extern unsigned long early_top_pgt[512];
static unsigned long dm_pdpt[512] __aligned(4096);
static unsigned long dm_pd[MAX_DIRECT_MAP_GB][512] __aligned(4096);

/* Maps one 2 MiB page; returns 1 if it was not mapped before. */
static int map_2m(unsigned long phys)
{
	unsigned long gb = phys >> PUD_SHIFT;
	unsigned long *pd = dm_pd[gb], *pmd = &pd[(phys >> PMD_SHIFT) & 511];

	if (!dm_pdpt[gb])
		dm_pdpt[gb] = __pa_symbol(pd) | _KERNPG_TABLE;
	if (*pmd)
		return 0;
	*pmd = phys | __PAGE_KERNEL_LARGE;
	return 1;
}

void init_direct_map(void)
{
	int pml4_index = (PAGE_OFFSET >> PGDIR_SHIFT) & 511;

	if (rdmsr(MSR_EFER) & EFER_NX)		/* head.S turned it on if the CPU has it */
		__supported_pte_mask |= _PAGE_NX;

	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long start = ALIGN_DOWN(r->base, PMD_SIZE);
		unsigned long end = ALIGN(r->base + r->size, PMD_SIZE);

		BUG_ON(end > DIRECT_MAP_LIMIT);	/* setup caps memblock there */
		for (unsigned long p = start; p < end; p += PMD_SIZE)
			direct_map_bytes += map_2m(p) * PMD_SIZE;
	}
	early_top_pgt[pml4_index] = __pa_symbol(dm_pdpt) | _KERNPG_TABLE;
	init_top_pgt_phys = __pa_symbol(early_top_pgt);
	write_cr3(init_top_pgt_phys);		/* flush the TLB */
}

void zap_low_identity_map(void)
{
	early_top_pgt[0] = 0;
	write_cr3(read_cr3());
}
