/*
 * mm/memory.c - resolving page faults, and unmapping pages.
 *
 * handle_mm_fault() walks down the page tables of the faulting address,
 * allocating missing levels.  At the PMD it may map a whole THP (see
 * huge_memory.c); otherwise it goes on to the PTE:
 *
 *   PTE empty, read fault     map the shared zero page read-only
 *   PTE empty, write fault    allocate a zeroed page, map it writable
 *   zero page, write fault    replace it by a new zeroed page
 *   device-private entry      ask the device's driver to migrate it back
 *                             (dev_pagemap_ops.migrate_to_ram)
 *
 * unmap_page_range() is the reverse: it clears entries, drops mapcounts and
 * references (freeing pages whose last reference goes); a THP that is only
 * partly unmapped stays whole, queued for a deferred split (huge_memory.c).
 * Linux: mm/memory.c.
 */
#include <kernel/trace.h>
#include <mm/memory.h>
#include <mm/rmap.h>
#include <kernel/errno.h>
#include <mm/huge_mm.h>
#include <mm/memremap.h>
#include <mm/mmu_notifier.h>
#include <mm/swapops.h>
#include <kernel/printk.h>
#include <mm/mmap.h>
#include <mm/mm.h>
#include <mm/vmstat.h>
#include <asm/tlbflush.h>
#include "internal.h"

struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);

	if (is_zero_pfn(pfn))
		return NULL;
	return pfn_to_page(pfn);
}

/* Maps a new zeroed page (write fault) or the zero page (read fault). */
static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct folio *folio;
	pte_t entry;

	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		/* vm_page_prot of a private VMA is read-only: the zero page stays so */
		entry = pfn_pte(zero_pfn(), vma->vm_page_prot);
		set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
		return 0;
	}
	if (unlikely(anon_vma_prepare(vma)))
		return VM_FAULT_OOM;
	folio = folio_alloc(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN, 0);
	if (!folio)
		return VM_FAULT_OOM;
	folio_add_new_anon_rmap(folio, vma, vmf->address, false);
	add_mm_counter(vma->vm_mm, MM_ANONPAGES, 1);
	entry = maybe_mkwrite(pte_mkdirty(pfn_pte(folio_pfn(folio), vma->vm_page_prot)), vma);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
	return 0;
}

/*
 * Copy-on-write: the written page goes on being mapped by the other
 * process(es); this one gets a private copy.  Mirrors of this mm (dmirror)
 * are told first, so a device never keeps reading the old page.  Linux:
 * wp_page_copy().
 */
static vm_fault_t wp_page_copy(struct vm_fault *vmf, struct page *old)
{
	struct vm_area_struct *vma = vmf->vma;

	if (unlikely(anon_vma_prepare(vma)))
		return VM_FAULT_OOM;
	/* LAB(cow) BEGIN: a new page with old's bytes replaces old in this PTE only, writable */
	//@ set_pte_at(vma->vm_mm, vmf->address, vmf->pte, pte_mkdirty(pte_mkwrite(vmf->orig_pte)));
	//@ flush_tlb_page(vma, vmf->address);	/* writes into the shared page: the bug COW prevents */
	//@ return 0;
	struct folio *new = folio_alloc(GFP_KERNEL | __GFP_NOWARN, 0);

	if (!new)
		return VM_FAULT_OOM;
	copy_page(folio_address(new), page_address(old));
	mmu_notifier_invalidate(vma->vm_mm, MMU_NOTIFY_CLEAR, vmf->address,
				vmf->address + PAGE_SIZE, NULL);
	pte_clear(vma->vm_mm, vmf->address, vmf->pte);
	flush_tlb_page(vma, vmf->address);
	folio_add_new_anon_rmap(new, vma, vmf->address, false);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte,
		   maybe_mkwrite(pte_mkdirty(pfn_pte(folio_pfn(new), vma->vm_page_prot)), vma));
	folio_remove_rmap_pte(page_folio(old), old);
	folio_put(page_folio(old));
	return 0;
	/* LAB END */
}

/*
 * May the write reuse the page?  Yes if it is this mapping's alone
 * (PageAnonExclusive), or - a small folio - if ours is the only reference
 * left (the other process exited or copied already).  Linux 6.19 can also
 * reuse a large folio mapped only by this mm; mmlab copies its 4 KiB page
 * (see docs/userspace.md).  Linux: wp_can_reuse_anon_folio().
 */
static bool wp_can_reuse_anon_folio(struct folio *folio, struct page *page,
				    struct vm_area_struct *vma)
{
	if (PageAnonExclusive(page))
		return true;
	if (folio_test_large(folio) || folio_ref_count(folio) != 1)
		return false;
	folio_move_anon_rmap(folio, vma);
	SetPageAnonExclusive(page);
	return true;
}

/* A write to a present read-only PTE.  Linux: do_wp_page(). */
static vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page;

	if (is_zero_pfn(pte_pfn(vmf->orig_pte))) {
		/* Copy-on-write of the zero page: just a fresh zeroed page. */
		mmu_notifier_invalidate(vma->vm_mm, MMU_NOTIFY_CLEAR, vmf->address,
					vmf->address + PAGE_SIZE, NULL);
		pte_clear(vma->vm_mm, vmf->address, vmf->pte);
		flush_tlb_page(vma, vmf->address);
		return do_anonymous_page(vmf);
	}
	page = vm_normal_page(vma, vmf->address, vmf->orig_pte);
	VM_BUG_ON(!page);
	if (vma->vm_flags & VM_SHARED)		/* shared: write to the page itself */
		goto reuse;
	if (!wp_can_reuse_anon_folio(page_folio(page), page, vma))
		return wp_page_copy(vmf, page);
reuse:
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte,
		   pte_mkdirty(pte_mkwrite(vmf->orig_pte)));
	flush_tlb_page(vma, vmf->address);
	return 0;
}

/*
 * The CPU touched memory that lives on a device: lock the device folio and
 * let its driver move the data back to RAM; the access is then retried.
 * vmf->pte is set for a PTE fault and NULL for a PMD fault, which tells
 * the driver whether to move 4 KiB or the whole 2 MiB.  (Linux has this
 * inline twice: in do_swap_page() and in do_huge_pmd_device_private().)
 */
static vm_fault_t device_private_migrate_to_ram(struct vm_fault *vmf, struct page *page)
{
	struct folio *folio = page_folio(page);
	vm_fault_t ret;

	if (!folio_trylock(folio)) {
		/* Another thread would be migrating it; there is none in mmlab. */
		pr_err("fault: device folio pfn %#lx is locked: a migration was left half done\n",
		       folio_pfn(folio));
		return VM_FAULT_SIGBUS;
	}
	vmf->page = page;
	folio_get(folio);
	trace_mm_migrate_to_ram(vmf->address, page_to_pfn(page));
	ret = page_pgmap(page)->ops->migrate_to_ram(vmf);
	folio_unlock(page_folio(vmf->page));	/* the driver may have split it */
	folio_put(page_folio(vmf->page));
	return ret;
}

/* A device THP mapped by its PMD: migrate_to_ram() with vmf->pte NULL. */
vm_fault_t do_huge_pmd_device_private(struct vm_fault *vmf)
{
	vmf->pte = NULL;		/* a PMD fault: the whole 2 MiB */
	return device_private_migrate_to_ram(vmf,	/* the folio's head page */
		pfn_swap_entry_to_page(pmd_to_swp_entry(vmf->orig_pmd)));
}

/* A non-present PTE: only device-private entries can be faulted on. */
static vm_fault_t do_swap_page(struct vm_fault *vmf)
{
	swp_entry_t entry = pte_to_swp_entry(vmf->orig_pte);

	if (is_device_private_entry(entry))
		return device_private_migrate_to_ram(vmf, pfn_swap_entry_to_page(entry));
	pr_err("fault: unexpected swap entry %#lx at %#lx (no swap in mmlab)\n",
	       entry.val, vmf->address);
	return VM_FAULT_SIGBUS;
}

/*
 * A fault in a VMA backed by a file (shmem, for MAP_SHARED anonymous
 * memory): the file's fault handler finds the page, and it is mapped with
 * the VMA's protection - writable at once in a writable shared VMA, as
 * there is nothing to copy.  Linux: do_fault(), do_shared_fault(),
 * finish_fault().
 */
static vm_fault_t do_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	vm_fault_t ret = vma->vm_ops->fault(vmf);
	struct folio *folio;
	pte_t entry;

	if (ret)
		return ret;
	folio = page_folio(vmf->page);
	folio_add_file_rmap_pte(folio, vmf->page);
	add_mm_counter(vma->vm_mm, mm_counter(folio), 1);
	entry = pfn_pte(page_to_pfn(vmf->page), vma->vm_page_prot);
	if (vmf->flags & FAULT_FLAG_WRITE)
		entry = pte_mkdirty(entry);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
	return 0;
}

static vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	if (pmd_none(*vmf->pmd) && pte_alloc(vmf->vma->vm_mm, vmf->pmd))
		return VM_FAULT_OOM;
	if (pmd_trans_huge(*vmf->pmd))
		return 0;		/* raced with a THP fault: retry the access */
	vmf->pte = pte_offset_kernel(vmf->pmd, vmf->address);
	vmf->orig_pte = ptep_get(vmf->pte);
	if (pte_none(vmf->orig_pte))
		return vma_is_anonymous(vmf->vma) ? do_anonymous_page(vmf) : do_fault(vmf);
	if (!pte_present(vmf->orig_pte))
		return do_swap_page(vmf);
	if ((vmf->flags & FAULT_FLAG_WRITE) && !pte_write(vmf->orig_pte))
		return do_wp_page(vmf);
	return 0;			/* spurious: someone mapped it already */
}

/* The PMD level: THP fault, write to a huge zero page, or go to the PTEs. */
static vm_fault_t __handle_mm_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	pud_t *pud = pud_alloc(mm, pgd_offset(mm, vmf->address), vmf->address);
	vm_fault_t ret;

	if (!pud || !(vmf->pmd = pmd_alloc(mm, pud, vmf->address)))
		return VM_FAULT_OOM;
	vmf->orig_pmd = pmdp_get(vmf->pmd);
	if (is_pmd_device_private_entry(vmf->orig_pmd))
		return do_huge_pmd_device_private(vmf);
	if (is_swap_pmd(vmf->orig_pmd)) {
		pr_err("fault: PMD migration entry at %#lx: a migration was left half done\n",
		       vmf->address);
		return VM_FAULT_SIGBUS;
	}
	if (pmd_none(vmf->orig_pmd) && thp_vma_allowable(vma, vmf->address)) {
		ret = do_huge_pmd_anonymous_page(vmf);
		if (!(ret & VM_FAULT_FALLBACK))
			return ret;
	} else if (pmd_trans_huge(vmf->orig_pmd)) {
		if (!(vmf->flags & FAULT_FLAG_WRITE) || pmd_write(vmf->orig_pmd))
			return 0;
		ret = do_huge_pmd_wp_page(vmf);
		if (!(ret & VM_FAULT_FALLBACK))
			return ret;
	}
	return handle_pte_fault(vmf);
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.real_address = address,
		.flags = flags,
	};

	count_vm_event(PGFAULT);
	return __handle_mm_fault(&vmf);
}

/* The pfn a PTE refers to: present (PROT_NONE too), or a device-private or migration entry. */
static unsigned long pte_entry_pfn(pte_t pte)
{
	return pte_present(pte) ? pte_pfn(pte) : swp_offset_pfn(pte_to_swp_entry(pte));
}

bool pte_maps_page(pte_t pte, struct page *page)
{
	swp_entry_t entry = pte_to_swp_entry(pte);

	if (pte_none(pte) || pte_entry_pfn(pte) != page_to_pfn(page))
		return false;
	return pte_present(pte) || is_device_private_entry(entry);
}

unsigned int folio_pte_batch(struct folio *folio, pte_t *ptep, pte_t pte, unsigned int max_nr)
{
	unsigned long pfn = pte_entry_pfn(pte);
	unsigned long left = folio_pfn(folio) + folio_nr_pages(folio) - pfn;
	unsigned int nr = 1;

	max_nr = min_t(unsigned long, max_nr, left);
	while (nr < max_nr) {
		pte_t next = ptep_get(ptep + nr);

		if (pte_present(next) != pte_present(pte) || pte_entry_pfn(next) != pfn + nr ||
		    pte_protnone(next) != pte_protnone(pte) ||
		    (!pte_present(pte) && swp_type(pte_to_swp_entry(next)) !=
					  swp_type(pte_to_swp_entry(pte))))
			break;
		nr++;
	}
	return nr;
}

/* The page a PTE being zapped maps, or NULL (none, or the zero page). */
static struct page *zap_pte_page(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	swp_entry_t entry = pte_to_swp_entry(pte);

	if (pte_present(pte))
		return vm_normal_page(vma, addr, pte);
	/* Device memory is unmapped like RAM. */
	VM_BUG_ON(!is_device_private_entry(entry));
	return pfn_swap_entry_to_page(entry);
}

/*
 * Clears the PTEs of [addr, end), one run of a folio's pages at a time:
 * the run's mapcounts, counters and references go in one step, like
 * Linux's zap_present_ptes() with folio_pte_batch().  A large folio left
 * with some pages mapped is queued for a deferred split by the rmap; one
 * unmapped whole is freed at once.
 */
static void zap_pte_range(struct vm_area_struct *vma, pmd_t *pmd,
			  unsigned long addr, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *pte = pte_offset_kernel(pmd, addr);
	unsigned int nr;

	for (; addr < end; addr += nr * PAGE_SIZE, pte += nr) {
		pte_t ptent = ptep_get(pte);
		struct page *page;
		struct folio *folio;

		nr = 1;
		if (pte_none(ptent))
			continue;
		if (is_swap_pte(ptent) && is_migration_entry(pte_to_swp_entry(ptent))) {
			/*
			 * A page being migrated (by a device evicting its memory,
			 * say): the entry holds no mapcount or reference, only
			 * the count of the mm (Linux: zap_nonpresent_ptes).
			 */
			pte_clear(mm, addr, pte);
			add_mm_counter(mm, MM_ANONPAGES, -1);
			continue;
		}
		page = zap_pte_page(vma, addr, ptent);
		folio = page ? page_folio(page) : NULL;
		if (folio)
			nr = folio_pte_batch(folio, pte, ptent, (end - addr) >> PAGE_SHIFT);
		for (unsigned int i = 0; i < nr; i++)
			pte_clear(mm, addr + i * PAGE_SIZE, pte + i);
		/* before the pages can be freed and reused */
		flush_tlb_range(vma, addr, addr + nr * PAGE_SIZE);
		if (!folio)
			continue;			/* the zero page */
		folio_remove_rmap_ptes(folio, page, nr);
		add_mm_counter(mm, mm_counter(folio), -(long)nr);
		folio_put_refs(folio, nr);
	}
}

/* The end of the size-aligned block holding addr, or end if sooner (Linux: *_addr_end). */
static unsigned long block_addr_end(unsigned long addr, unsigned long end, unsigned long size)
{
	unsigned long boundary = (addr + size) & ~(size - 1);

	return boundary - 1 < end - 1 ? boundary : end;
}

/*
 * The PMD entry for addr, or NULL with *next past the whole absent table
 * above it: an empty 512 GiB (no PUD table) or 1 GiB (no PMD table) is
 * skipped in one step, as Linux's zap_p4d_range/zap_pud_range do.
 */
static pmd_t *zap_find_pmd(struct mm_struct *mm, unsigned long addr, unsigned long end,
			   unsigned long *next)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pud_t *pud;

	if (!pgd_present(*pgd)) {
		*next = block_addr_end(addr, end, 1UL << PGDIR_SHIFT);
		return NULL;
	}
	pud = pud_offset(pgd, addr);
	if (!pud_present(*pud)) {
		*next = block_addr_end(addr, end, PUD_SIZE);
		return NULL;
	}
	*next = block_addr_end(addr, end, PMD_SIZE);
	return pmd_offset(pud, addr);
}

void unmap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned long addr, next;

	for (addr = start; addr < end; addr = next) {
		pmd_t *pmd = zap_find_pmd(vma->vm_mm, addr, end, &next);

		if (!pmd || pmd_none(*pmd))
			continue;
		if (pmd_trans_huge(*pmd) || is_swap_pmd(*pmd)) {	/* a migration entry too */
			if (next - addr == PMD_SIZE) {
				zap_huge_pmd(vma, pmd, addr);
				continue;
			}
			split_huge_pmd(vma, pmd, addr);	/* unmapping part of a THP */
		}
		zap_pte_range(vma, pmd, addr, next);
	}
}

/* ---- fork: copying the page tables of a private VMA -------------------- */

/*
 * A present PTE: the child maps the same page.  An anonymous page of a
 * private writable VMA becomes read-only in both, so whichever writes
 * first copies it (do_wp_page); the zero page is simply shared.  Linux:
 * copy_present_pte().
 */
static void copy_present_pte(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			     pte_t *dst_pte, pte_t *src_pte, unsigned long addr)
{
	pte_t pte = ptep_get(src_pte);
	struct page *page = vm_normal_page(src_vma, addr, pte);

	if (page) {
		struct folio *folio = page_folio(page);

		folio_get(folio);
		folio_try_dup_anon_rmap_pte(folio, page);
		add_mm_counter(dst_vma->vm_mm, mm_counter(folio), 1);
	}
	if (is_cow_mapping(src_vma->vm_flags) && pte_write(pte)) {
		set_pte_at(src_vma->vm_mm, addr, src_pte, pte_wrprotect(pte));
		pte = pte_wrprotect(pte);
	}
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, pte);	/* Linux also ages it: no reclaim here */
}

/*
 * A device-private entry: the child maps the device page too, read-only
 * in both processes (a CPU write faults it back to RAM, then copies).
 * Migration entries cannot be met: mmlab refuses fork while a migration
 * is open (dup_mmap), where Linux's mmap_lock makes fork wait.  Linux:
 * copy_nonpresent_pte().
 */
static void copy_nonpresent_pte(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
				pte_t *dst_pte, pte_t *src_pte, unsigned long addr)
{
	pte_t pte = ptep_get(src_pte);
	swp_entry_t entry = pte_to_swp_entry(pte);
	struct page *page;

	VM_BUG_ON(!is_device_private_entry(entry));
	page = pfn_swap_entry_to_page(entry);
	folio_get(page_folio(page));
	folio_try_dup_anon_rmap_pte(page_folio(page), page);
	add_mm_counter(dst_vma->vm_mm, mm_counter(page_folio(page)), 1);
	if (is_writable_device_private_entry(entry) && is_cow_mapping(src_vma->vm_flags)) {
		pte = swp_entry_to_pte(make_readable_device_private_entry(swp_offset_pfn(entry)));
		set_pte_at(src_vma->vm_mm, addr, src_pte, pte);
	}
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, pte);
}

static int copy_pte_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			  pmd_t *dst_pmd, pmd_t *src_pmd, unsigned long addr, unsigned long end)
{
	pte_t *src_pte, *dst_pte;

	if (pmd_none(*dst_pmd) && pte_alloc(dst_vma->vm_mm, dst_pmd))
		return -ENOMEM;
	src_pte = pte_offset_kernel(src_pmd, addr);
	dst_pte = pte_offset_kernel(dst_pmd, addr);
	for (; addr < end; addr += PAGE_SIZE, src_pte++, dst_pte++) {
		pte_t pte = ptep_get(src_pte);

		if (pte_none(pte))
			continue;
		if (pte_present(pte))
			copy_present_pte(dst_vma, src_vma, dst_pte, src_pte, addr);
		else
			copy_nonpresent_pte(dst_vma, src_vma, dst_pte, src_pte, addr);
	}
	return 0;
}

/* One 2 MiB block (or less at the VMA's ends): a huge PMD or a table of PTEs. */
static int copy_pmd(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
		    pmd_t *src_pmd, unsigned long addr, unsigned long end)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm;
	pud_t *dst_pud = pud_alloc(dst_mm, pgd_offset(dst_mm, addr), addr);
	pmd_t *dst_pmd = dst_pud ? pmd_alloc(dst_mm, dst_pud, addr) : NULL;

	if (!dst_pmd)
		return -ENOMEM;
	if (is_swap_pmd(*src_pmd) || pmd_trans_huge(*src_pmd))
		return copy_huge_pmd(dst_vma, src_vma, dst_pmd, src_pmd, addr & PMD_MASK);
	return copy_pte_range(dst_vma, src_vma, dst_pmd, src_pmd, addr, end);
}

/*
 * fork: the child's VMA dst_vma gets src_vma's mappings.  Shared VMAs have
 * no anonymous pages to copy (the child faults them from the shared
 * object), nor does a VMA nothing was faulted in yet (no anon_vma).  The
 * parent's writable entries become read-only: a notifier tells mirrors
 * (dmirror) so they drop write access too.  Linux: copy_page_range(),
 * vma_needs_copy().
 */
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	struct mm_struct *src_mm = src_vma->vm_mm;
	unsigned long addr = src_vma->vm_start, end = src_vma->vm_end, next;
	int err = 0;

	if ((src_vma->vm_flags & VM_SHARED) || !src_vma->anon_vma)
		return 0;
	if (is_cow_mapping(src_vma->vm_flags))
		mmu_notifier_invalidate(src_mm, MMU_NOTIFY_PROTECTION_PAGE, addr, end, NULL);
	for (; addr < end && !err; addr = next) {
		pmd_t *src_pmd = zap_find_pmd(src_mm, addr, end, &next);

		if (src_pmd && !pmd_none(*src_pmd))
			err = copy_pmd(dst_vma, src_vma, src_pmd, addr, next);
	}
	flush_tlb_range(src_vma, src_vma->vm_start, end);	/* the parent's write-protects */
	return err;
}
