/*
 * mm/page_alloc_demo.c - the buddy allocator narrated at boot (make run).
 *
 * Borrows one free 4 MiB block, makes it a private zone, takes a single
 * page from it and gives it back, printing the free lists at each step:
 * the split and the merge of docs/buddy.md, live.
 */
#include <kernel/boot_demo.h>
#include <kernel/printk.h>
#include <mm/mm.h>
#include <mm/mm_init.h>

static struct zone demo_zone;

static void show_lists(const char *when)
{
	pr_info("  %s:\n", when);
	for (int o = 0; o < NR_PAGE_ORDERS; o++) {
		const struct free_area *area = &demo_zone.free_area[o];

		if (!area->nr_free)
			continue;
		pr_info("    free_area[%2d]: %lu block(s), first at pfn %#lx (+%lu)\n",
			o, area->nr_free,
			page_to_pfn(list_first_entry(&area->free_list, struct page, lru)),
			page_to_pfn(list_first_entry(&area->free_list, struct page, lru)) -
			demo_zone.zone_start_pfn);
	}
}

static void buddy_demo(void)
{
	struct page *block = alloc_pages(__GFP_NOFAULT, MAX_PAGE_ORDER), *page;
	unsigned long base;

	if (!block) {
		pr_info("  no free 4 MiB block to play with\n");
		return;
	}
	base = page_to_pfn(block);
	zone_init(&demo_zone, "demo", ZONE_NORMAL, base, 1UL << MAX_PAGE_ORDER);
	block->alloc_order = 0;
	free_pfn_range_to_zone(&demo_zone, base, base + (1UL << MAX_PAGE_ORDER));
	pr_info("A private zone of 1024 pages (4 MiB) at pfn %#lx.\n", base);
	show_lists("one order-10 block");

	page = zone_alloc_pages(&demo_zone, GFP_KERNEL, 0);
	pr_info("alloc order 0 -> pfn %#lx: the order-10 block was split in halves\n"
		"ten times; each unused upper half went onto the list one order down.\n",
		page_to_pfn(page));
	show_lists("after the allocation");

	zone_free_pages(&demo_zone, page, 0);
	pr_info("free pfn %#lx: its buddy (pfn ^ 1) is free, merge; that block's\n"
		"buddy is free, merge; ... ten merges later:\n", page_to_pfn(page));
	show_lists("after the free");
	pr_info("zone_check_free_lists: %d problem(s)\n", zone_check_free_lists(&demo_zone));

	page = zone_alloc_pages(&demo_zone, GFP_KERNEL, MAX_PAGE_ORDER);
	__free_pages(page, MAX_PAGE_ORDER);		/* back to the real allocator */
	show_free_areas();
}
boot_demo(20, "buddy", "split a 4 MiB block down to one page, and merge it back", buddy_demo);
