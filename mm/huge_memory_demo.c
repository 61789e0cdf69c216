/*
 * mm/huge_memory_demo.c - a THP fault and its splits, narrated at boot.
 *
 * In a fresh address space: map 4 MiB, touch it, and show the PMD leaf
 * that maps a whole 2 MiB folio; split the PMD and show the PTE table;
 * split the folio and show 512 small folios; unmap half and show what was
 * freed.  What docs/paging.md draws, live.
 */
#include <kernel/boot_demo.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <mm/huge_mm.h>
#include <mm/mmap.h>
#include <mm/vmstat.h>

static void show_mapping(struct mm_struct *mm, const char *what, unsigned long addr)
{
	struct mm_mapping m;
	char buf[128];

	mm_find_mapping(mm, addr, &m);
	sprint_mapping(buf, sizeof(buf), &m);
	pr_info("  %-28s %#lx: %s\n", what, addr, buf);
}

static void show_folio(const char *what, struct folio *folio)
{
	pr_info("  %-28s order %u, refcount %d, mapcount %d (PMD maps %d), locked %d\n",
		what, folio_order(folio), folio_ref_count(folio), folio_mapcount(folio),
		folio_test_large(folio) ? atomic_read(&folio->_entire_mapcount) + 1 : 0,
		folio_test_locked(folio));
}

static void thp_demo(void)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long addr, free0;
	struct mm_mapping m;
	struct folio *folio;

	if (!mm)
		return;
	kthread_use_mm(mm);
	addr = vm_mmap(NULL, 0, 4UL << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	pr_info("vm_mmap(4 MiB) = %#lx (2 MiB aligned, policy '%s')\n", addr,
		thp_mode_name(transparent_hugepage_mode));
	show_mapping(mm, "before any access:", addr);

	*(volatile char *)(addr + 100) = 'T';
	pr_info("One write at %#lx: one fault, thp_fault_alloc = %lu\n", addr + 100,
		vm_event_count(THP_FAULT_ALLOC));
	dump_pagetable(mm, addr + 100);
	show_mapping(mm, "after the write:", addr + 0x1000);
	mm_find_mapping(mm, addr, &m);
	folio = page_folio(pfn_to_page(m.pfn));
	show_folio("the folio:", folio);

	split_huge_pmd(vma_lookup(mm, addr), mm_find_pmd(mm, addr), addr);
	pr_info("split_huge_pmd: the PMD now points to a table of 512 PTEs\n");
	dump_pagetable(mm, addr + 100);
	show_mapping(mm, "page 1:", addr + 0x1000);
	show_folio("the same folio:", folio);

	folio_get(folio);
	folio_lock(folio);
	pr_info("split_folio_to_order(folio, 0) = %d\n", split_folio_to_order(folio, 0));
	show_folio("first small folio:", folio);
	show_folio("page 1's folio now:", page_folio(folio_page(folio, 1)));
	folio_unlock(folio);
	folio_put(folio);

	drain_all_pages(NULL);		/* count every free page (the per-CPU lists too) */
	free0 = nr_free_pages();
	vm_munmap(addr + (1UL << 20), 1UL << 20);
	drain_all_pages(NULL);
	pr_info("vm_munmap of the second MiB freed %lu pages; data still there: '%c'\n",
		nr_free_pages() - free0, *(volatile char *)(addr + 100));
	kthread_unuse_mm(mm);
	mmput(mm);
}
boot_demo(30, "thp", "a THP fault, then split_huge_pmd and split_folio_to_order", thp_demo);
