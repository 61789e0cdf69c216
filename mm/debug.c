/*
 * mm/debug.c - dump_page(), bad-page reports and VM_BUG_ON handling.
 *
 * dump_page() prints everything a student needs to see what state a page
 * is in: pfn, zone, the folio it belongs to and its order, refcount,
 * mapcount and the flags by name.  The names here are the only copy;
 * GDB helpers read them from memory so both views agree.
 * Linux: mm/debug.c (dump_page, %pGp), mm/page_alloc.c (bad_page).
 */
#include <mm/mm.h>
#include <kernel/printk.h>

bool mm_debug_report_only;
unsigned long vm_bug_reports;
unsigned long bad_page_reports;

const char *const page_flag_names[NR_PAGEFLAGS] = {
	[PG_locked] = "locked",
	[PG_referenced] = "referenced",
	[PG_uptodate] = "uptodate",
	[PG_dirty] = "dirty",
	[PG_lru] = "lru",
	[PG_head] = "head",
	[PG_buddy] = "buddy",
	[PG_reserved] = "reserved",
	[PG_slab] = "slab",
	[PG_anon] = "anon",
	[PG_anon_exclusive] = "anon_exclusive",
	[PG_swapbacked] = "swapbacked",
	[PG_free_poisoned] = "free_poisoned",
	[PG_large_rmappable] = "large_rmappable",
};

static const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_NORMAL] = "Normal",
	[ZONE_DEVICE] = "Device",
};

int format_page_flags(char *buf, size_t size, unsigned long flags)
{
	int n = scnprintf(buf, size, "flags=0x%lx(", flags & ((1UL << NR_PAGEFLAGS) - 1));
	const char *sep = "";

	for (int i = 0; i < NR_PAGEFLAGS; i++) {
		if (flags & (1UL << i)) {
			n += scnprintf(buf + n, size - n, "%s%s", sep, page_flag_names[i]);
			sep = "|";
		}
	}
	return n + scnprintf(buf + n, size - n, ")");
}

void dump_page(const struct page *page, const char *reason)
{
	const struct folio *folio = page_folio(page);
	char flags[192];

	format_page_flags(flags, sizeof(flags), page->flags);
	printk(KERN_EMERG "page: pfn:%#lx zone:%s refcount:%d mapcount:%d mapping:%p index:%#lx\n",
	       page_to_pfn(page), zone_names[page_zonenum(page) % MAX_NR_ZONES],
	       page_ref_count(page), page_mapcount(page), page->mapping,
	       (unsigned long)page->index);
	if (PageTail(page))
		printk(KERN_EMERG "page: tail %lu of folio pfn:%#lx order:%u refcount:%d\n",
		       page_to_pfn(page) - folio_pfn(folio), folio_pfn(folio),
		       folio_order(folio), folio_ref_count(folio));
	else if (folio_test_large(folio))
		printk(KERN_EMERG "page: head of folio order:%u entire_mapcount:%d folio_mapcount:%d%s%s\n",
		       folio_order(folio), atomic_read(&folio->_entire_mapcount) + 1,
		       folio_mapcount(folio),
		       folio_test_partially_mapped(folio) ? " partially_mapped" : "",
		       folio_order(folio) > 1 && !list_empty(&folio->_deferred_list) ?
		       " on_deferred_split_queue" : "");
	else if (PageBuddy(page))
		printk(KERN_EMERG "page: free block of order %lu\n", page->private);
	printk(KERN_EMERG "page: %s\n", flags);
	if (reason)
		printk(KERN_EMERG "page dumped because: %s\n", reason);
}

void dump_folio(const struct folio *folio, const char *reason)
{
	dump_page(&folio->page, reason);
}

void vm_bug(const char *file, int line, const char *cond)
{
	vm_bug_reports++;
	if (mm_debug_report_only) {
		printk(KERN_ERR "VM_BUG_ON at %s:%d: %s (reported, not fatal: test mode)\n",
		       file, line, cond);
		return;
	}
	__bug(file, line, cond);
}

void bad_page(const struct page *page, const char *reason)
{
	bad_page_reports++;
	printk(KERN_EMERG "BUG: Bad page state: pfn:%#lx: %s\n", page_to_pfn(page), reason);
	dump_page(page, reason);
	if (!mm_debug_report_only)
		dump_stack();
}
