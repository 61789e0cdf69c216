/*
 * kernel/fs/proc/task_mmu.c - what /proc/PID/maps, smaps and pagemap show
 * of an address space: its VMAs, and what its page tables map in each.
 * smaps and pagemap read the page tables as the MMU would, without
 * touching (or faulting in) anything.  A device-private entry is memory
 * of the process that lives on the device: smaps counts it resident, as
 * Linux does; pagemap shows it, like a migration entry, as a swap entry.
 * Linux: fs/proc/task_mmu.c (show_map_vma, smaps_account, show_smap,
 * pte_to_pagemap_entry, pagemap_read).
 */
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/errno.h>
#include <mm/mmap.h>
#include <mm/memory.h>
#include <mm/huge_mm.h>
#include <mm/swapops.h>
#include <mm/mm.h>

/* "start-end rwxp offset dev inode " - anonymous memory has no file. */
static void show_vma_header(struct seq_file *m, const struct vm_area_struct *vma)
{
	vm_flags_t f = vma->vm_flags;

	seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		   f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-', f & VM_EXEC ? 'x' : '-',
		   f & VM_MAYSHARE ? 's' : 'p', 0ULL, 0, 0, 0UL);
	seq_putc(m, '\n');
}

int show_map(struct seq_file *m, void *v)
{
	struct mm_struct *mm = m->private;
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		show_vma_header(m, vma);
	return 0;
}

/* ---- smaps ---------------------------------------------------------- */

struct mem_size_stats {		/* bytes */
	unsigned long resident, pss, pss_dirty, shared_clean, shared_dirty;
	unsigned long private_clean, private_dirty, referenced, anonymous, anonymous_thp;
};

/* Adds a mapping of size bytes whose share is pss, private or "maybe shared". */
static void smaps_page_accumulate(struct mem_size_stats *mss, unsigned long size,
				  unsigned long pss, bool dirty, bool private)
{
	mss->pss += pss;
	if (dirty)
		mss->pss_dirty += pss;
	if (private)
		*(dirty ? &mss->private_dirty : &mss->private_clean) += size;
	else
		*(dirty ? &mss->shared_dirty : &mss->shared_clean) += size;
}

/*
 * One mapping of size bytes (a PTE or a PMD), as Linux's smaps_account():
 * every entry with a page behind it is resident, a migration entry too.
 * A non-present entry is "maybe shared, not sure how often": shared, at
 * its full size in Pss; a device-private PTE counts as present, a
 * device-private PMD does not (smaps_pte_entry, smaps_pmd_entry).
 */
static void smaps_account(struct mem_size_stats *mss, const struct mm_mapping *map,
			  unsigned long size)
{
	struct page *page = pfn_to_page(map->pfn);
	struct folio *folio = page_folio(page);
	bool present = map->present || map->protnone ||
		       (map->device_private && map->level == MAPPING_PTE);
	bool dirty = map->dirty || folio_test_dirty(folio);
	int mapcount = map->level == MAPPING_PMD ? folio_mapcount(folio) : page_mapcount(page);

	if (folio_test_anon(folio))
		mss->anonymous += size;
	if (map->level == MAPPING_PMD && folio_test_anon(folio))
		mss->anonymous_thp += size;
	mss->resident += size;
	if ((map->present || map->protnone) && (map->entry & _PAGE_ACCESSED))
		mss->referenced += size;
	if (!present || folio_ref_count(folio) == 1 || mapcount <= 1)
		smaps_page_accumulate(mss, size, size, dirty, present);
	else
		smaps_page_accumulate(mss, size, size / mapcount, dirty, false);
}

static void smap_gather_stats(struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	for (unsigned long addr = vma->vm_start; addr < vma->vm_end;) {
		struct mm_mapping map;
		unsigned long size;

		mm_find_mapping(vma->vm_mm, addr, &map);
		size = map.level == MAPPING_PMD ? PMD_SIZE : PAGE_SIZE;
		/* the zero pages are nobody's memory: not counted, as in Linux */
		if (map.level != MAPPING_NONE && !map.zero_page)
			smaps_account(mss, &map, size);
		addr = (addr & ~(size - 1)) + size;
	}
}

static void show_val_kb(struct seq_file *m, const char *label, unsigned long bytes)
{
	seq_printf(m, "%-16s%8lu kB\n", label, bytes >> 10);
}

/* Could a THP be mapped in vma: an aligned 2 MiB fits and the policy allows it. */
static bool vma_thp_eligible(struct vm_area_struct *vma)
{
	unsigned long haddr = ALIGN(vma->vm_start, PMD_SIZE);

	return haddr + PMD_SIZE <= vma->vm_end && thp_vma_allowable(vma, haddr);
}

/* "VmFlags: rd wr mr mw hg": two letters per flag, as Linux names them. */
static void show_smap_vma_flags(struct seq_file *m, const struct vm_area_struct *vma)
{
	static const struct { vm_flags_t flag; const char *name; } names[] = {
		{ VM_READ, "rd" }, { VM_WRITE, "wr" }, { VM_EXEC, "ex" }, { VM_SHARED, "sh" },
		{ VM_MAYREAD, "mr" }, { VM_MAYWRITE, "mw" },
		{ VM_HUGEPAGE, "hg" }, { VM_NOHUGEPAGE, "nh" },
	};

	seq_puts(m, "VmFlags:");
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++)
		if (vma->vm_flags & names[i].flag)
			seq_printf(m, " %s", names[i].name);
	seq_putc(m, '\n');
}

static void show_one_smap(struct seq_file *m, struct vm_area_struct *vma)
{
	struct mem_size_stats mss = { 0 };

	smap_gather_stats(vma, &mss);
	show_vma_header(m, vma);
	show_val_kb(m, "Size:", vma->vm_end - vma->vm_start);
	show_val_kb(m, "KernelPageSize:", PAGE_SIZE);
	show_val_kb(m, "MMUPageSize:", PAGE_SIZE);
	show_val_kb(m, "Rss:", mss.resident);
	show_val_kb(m, "Pss:", mss.pss);
	show_val_kb(m, "Pss_Dirty:", mss.pss_dirty);
	show_val_kb(m, "Shared_Clean:", mss.shared_clean);
	show_val_kb(m, "Shared_Dirty:", mss.shared_dirty);
	show_val_kb(m, "Private_Clean:", mss.private_clean);
	show_val_kb(m, "Private_Dirty:", mss.private_dirty);
	show_val_kb(m, "Referenced:", mss.referenced);
	show_val_kb(m, "Anonymous:", mss.anonymous);
	/* mmlab has no KSM, shmem, file THPs, hugetlb, swap or mlock: truly 0 */
	show_val_kb(m, "KSM:", 0);
	show_val_kb(m, "LazyFree:", 0);
	show_val_kb(m, "AnonHugePages:", mss.anonymous_thp);
	show_val_kb(m, "ShmemPmdMapped:", 0);
	show_val_kb(m, "FilePmdMapped:", 0);
	show_val_kb(m, "Shared_Hugetlb:", 0);
	show_val_kb(m, "Private_Hugetlb:", 0);
	seq_printf(m, "%-16s%8lu kB\n", "Swap:", 0UL);
	show_val_kb(m, "SwapPss:", 0);
	show_val_kb(m, "Locked:", 0);
	seq_printf(m, "THPeligible:    %8d\n", vma_thp_eligible(vma));
	show_smap_vma_flags(m, vma);
}

int show_smap(struct seq_file *m, void *v)
{
	struct mm_struct *mm = m->private;
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		show_one_smap(m, vma);
	return 0;
}

/* ---- pagemap ---------------------------------------------------------- */

/* One page's entry: PFN and PRESENT, or a swap entry's type and offset. */
static u64 mapping_to_pagemap_entry(const struct mm_mapping *map)
{
	struct page *page = NULL;
	u64 frame = 0, flags = 0;

	if (map->level == MAPPING_NONE)
		return 0;
	if (map->present || map->protnone) {
		frame = map->pfn;
		flags = PM_PRESENT;
		/* Linux: the 4 KiB zero page has no page (vm_normal_page), the huge one has */
		if (!map->zero_page || map->level == MAPPING_PMD)
			page = pfn_to_page(map->pfn);
		if (page && !folio_test_anon(page_folio(page)))
			flags |= PM_FILE;		/* the huge zero page */
	} else {		/* a migration or device-private entry */
		/* a PMD's swap entry has the PTE's layout; the offset is this page's pfn */
		swp_entry_t entry = pte_to_swp_entry(__pte(map->entry));

		frame = swp_type(entry) | ((u64)map->pfn << MAX_SWAPFILES_SHIFT);
		flags = PM_SWAP;
		page = pfn_to_page(map->pfn);
	}
	/* Linux: only a present page is exclusive (pte_to_pagemap_entry) */
	if (page && (flags & PM_PRESENT) && folio_test_anon(page_folio(page)) &&
	    (map->level == MAPPING_PMD ? folio_mapcount(page_folio(page)) :
	     page_mapcount(page)) == 1)
		flags |= PM_MMAP_EXCLUSIVE;
	return (frame & PM_PFRAME_MASK) | flags;
}

long pagemap_read(struct mm_struct *mm, u64 *buf, size_t count, u64 pos)
{
	unsigned long vaddr = (pos / PM_ENTRY_BYTES) << PAGE_SHIFT;
	size_t n = count / PM_ENTRY_BYTES;

	if (pos % PM_ENTRY_BYTES || count % PM_ENTRY_BYTES)
		return -EINVAL;
	if (pos / PM_ENTRY_BYTES >= mm->task_size >> PAGE_SHIFT)
		return 0;
	n = min(n, (size_t)((mm->task_size - vaddr) >> PAGE_SHIFT));
	for (size_t i = 0; i < n; i++, vaddr += PAGE_SIZE) {
		struct mm_mapping map;

		mm_find_mapping(mm, vaddr, &map);
		buf[i] = mapping_to_pagemap_entry(&map);
	}
	return n * PM_ENTRY_BYTES;
}
