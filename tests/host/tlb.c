/*
 * tests/host/tlb.c - flushing the TLB of the software MMU (mm/tlb.c on the
 * host).
 *
 * The host mappings that mmu.c makes in the user window are the TLB: one
 * stays until it is flushed, however the page tables change - a TLB that
 * never forgets on its own, so a missing flush in the mm shows up as stale
 * data (often page_poisoning's 0xaa) instead of passing by luck.  A flush
 * makes the range PROT_NONE again; the next access faults and walks the
 * page tables anew.  The host's mappings of flushed pages stay (cheap, as
 * a flush on the CPU is) until a fill replaces them; every SWEEP_OPS
 * fills and flushes, all of them go, before they could reach Linux's
 * limit on mappings (vm.max_map_count, 65530).  As invlpg does, flushing any page of a 2 MiB
 * translation drops all of it.  Only the mm in "CR3" can have entries, as
 * on the CPU, so flushing another mm does nothing.  Linux: arch/x86/mm/tlb.c.
 */
#include <asm/tlbflush.h>
#include <asm/page.h>
#include <kernel/string.h>
#include <kernel/sched.h>
#include <mm/mm_types.h>
#include "host.h"

#define NR_HUGE_SLOTS	((TASK_SIZE_MAX + PAGE_SIZE - HOST_USER_START) >> PMD_SHIFT)

/*
 * Each host mmap or mprotect adds at most two boundaries between host
 * mappings, so sweeping every SWEEP_OPS of them keeps the window's
 * mappings under 2 * SWEEP_OPS + 1.
 */
#define SWEEP_OPS	HOST_TLB_SWEEP_OPS

/* Everything filled since the last full flush lies in [tlb_start, tlb_end). */
static unsigned long tlb_start = ~0UL, tlb_end;
/* Every host mapping made since the last sweep lies in [mapped_start, mapped_end). */
static unsigned long mapped_start = ~0UL, mapped_end, ops;
/* Which 2 MiB of the window hold a 2 MiB translation (one bit each). */
static unsigned long huge_filled[NR_HUGE_SLOTS / BITS_PER_LONG];

static bool test_and_clear_huge(unsigned long virt)
{
	unsigned long slot = (virt - HOST_USER_START) >> PMD_SHIFT;
	unsigned long *word = &huge_filled[slot / BITS_PER_LONG], bit = 1UL << (slot % BITS_PER_LONG);
	bool was = *word & bit;

	*word &= ~bit;
	return was;
}

/* Drops every translation, and the host's mappings with them. */
static void sweep(void)
{
	if (mapped_start < mapped_end)
		host_release(mapped_start, mapped_end - mapped_start);
	memset(huge_filled, 0, sizeof(huge_filled));
	tlb_start = mapped_start = ~0UL;
	tlb_end = mapped_end = 0;
	ops = 0;
}

/* [virt, virt + len) is about to get a translation (4 KiB or 2 MiB). */
void host_tlb_filled(unsigned long virt, unsigned long len)
{
	unsigned long slot = (virt - HOST_USER_START) >> PMD_SHIFT;

	if (++ops > SWEEP_OPS)
		sweep();
	mapped_start = min(mapped_start, virt);
	mapped_end = max(mapped_end, virt + len);
	tlb_start = min(tlb_start, virt);
	tlb_end = max(tlb_end, virt + len);
	if (len == PMD_SIZE)
		huge_filled[slot / BITS_PER_LONG] |= 1UL << (slot % BITS_PER_LONG);
}

/* Drops every translation of [start, end), 2 MiB ones whole. */
static void drop(unsigned long start, unsigned long end)
{
	start = max(start, tlb_start);
	end = min(end, tlb_end);
	if (start >= end)
		return;
	if (++ops > SWEEP_OPS) {
		sweep();		/* drops this range too */
		return;
	}
	for (unsigned long a = start & PMD_MASK; a < end; a += PMD_SIZE) {
		if (test_and_clear_huge(a)) {
			start = min(start, a);
			end = max(end, a + PMD_SIZE);
		}
	}
	host_unmap(start, end - start);
}

void host_flush_tlb_one(unsigned long addr)
{
	drop(addr & PAGE_MASK, (addr & PAGE_MASK) + PAGE_SIZE);
}

void host_flush_tlb_all(void)
{
	drop(tlb_start, tlb_end);
	tlb_start = ~0UL;
	tlb_end = 0;
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	if (current->active_mm == mm)
		drop(start & PAGE_MASK, ALIGN(end, PAGE_SIZE));
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (current->active_mm == mm)
		host_flush_tlb_all();
}
