/*
 * mm/pgtable.c - page-table pages of a user address space, and looking at them.
 *
 * Each level below the pgd is allocated when first needed (pud_alloc,
 * pmd_alloc, pte_alloc) and freed when the mm goes away (free_pgtables).
 * set_pte_at()/set_pmd_at() are the single place entries are installed,
 * so they check what must never be mapped.  mm_find_mapping() tells what
 * maps an address, for tests, demos and dump_pagetable().
 * Linux: mm/memory.c (__pte_alloc, free_pgtables), mm/pgtable-generic.c,
 * arch/x86/mm/pgtable.c, arch/x86/mm/fault.c (dump_pagetable).
 */
#include <asm/tlbflush.h>
#include <mm/memory.h>
#include <mm/huge_mm.h>
#include <mm/swapops.h>
#include <mm/mmap.h>
#include <mm/mm.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/errno.h>

unsigned char empty_zero_page[PAGE_SIZE] __aligned(PAGE_SIZE);

unsigned long zero_pfn(void)
{
	return PFN_DOWN(__pa_symbol(empty_zero_page));
}

pgd_t *pgd_offset(struct mm_struct *mm, unsigned long addr)
{
	return mm->pgd + pgd_index(addr);
}

struct page *pte_alloc_one(struct mm_struct *mm)
{
	struct page *table = alloc_page(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);

	if (table)
		mm->pgtables_bytes += PAGE_SIZE;
	return table;
}

void pte_free(struct mm_struct *mm, struct page *table)
{
	mm->pgtables_bytes -= PAGE_SIZE;
	__free_pages(table, 0);
}

/* Makes *entry point at a new, empty table; false if out of memory. */
static bool alloc_table(struct mm_struct *mm, unsigned long *entry)
{
	struct page *table;

	if (*entry)
		return true;
	table = pte_alloc_one(mm);
	if (!table)
		return false;
	*entry = PFN_PHYS(page_to_pfn(table)) | _PAGE_TABLE;
	return true;
}

pud_t *pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr)
{
	return alloc_table(mm, &pgd->pgd) ? pud_offset(pgd, addr) : NULL;
}

pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long addr)
{
	return alloc_table(mm, &pud->pud) ? pmd_offset(pud, addr) : NULL;
}

int pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	return alloc_table(mm, &pmd->pmd) ? 0 : -ENOMEM;
}

pmd_t *mm_find_pmd(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pud_t *pud;

	if (!pgd_present(*pgd))
		return NULL;
	pud = pud_offset(pgd, addr);
	if (!pud_present(*pud))
		return NULL;
	return pmd_offset(pud, addr);
}

/* A present entry must never map a device-private page (see memremap). */
static void check_mappable(unsigned long pfn, unsigned long entry, const char *what)
{
	if (pfn_valid(pfn) && is_zone_device_page(pfn_to_page(pfn))) {
		dump_page(pfn_to_page(pfn), "device memory must never be mapped present");
		panic("%s: entry %#lx would let the CPU map device pfn %#lx", what, entry, pfn);
	}
}

void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	if (pte_present(pte))
		check_mappable(pte_pfn(pte), pte_val(pte), "set_pte_at");
	*ptep = pte;
}

void set_pmd_at(struct mm_struct *mm, unsigned long addr, pmd_t *pmdp, pmd_t pmd)
{
	if (pmd_present(pmd))
		check_mappable(pmd_pfn(pmd), pmd_val(pmd), "set_pmd_at");
	*pmdp = pmd;
}

static void free_table_page(struct mm_struct *mm, unsigned long entry)
{
	pte_free(mm, pfn_to_page(PFN_DOWN(entry & PTE_PFN_MASK)));
}

static void free_pmd_table(struct mm_struct *mm, pmd_t *pmds)
{
	for (int i = 0; i < PTRS_PER_PMD; i++) {
		pte_t *ptes;

		if (pmd_none(pmds[i]))
			continue;
		VM_BUG_ON(!pmd_present(pmds[i]) || pmd_trans_huge(pmds[i]));
		ptes = pmd_page_vaddr(pmds[i]);
		for (int j = 0; j < PTRS_PER_PTE; j++)
			VM_BUG_ON(!pte_none(ptes[j]));	/* everything was unmapped */
		free_table_page(mm, pmd_val(pmds[i]));
	}
}

/* Does any VMA overlap [lo, hi)? */
static bool range_has_vma(struct mm_struct *mm, unsigned long lo, unsigned long hi)
{
	struct vm_area_struct *vma = find_vma(mm, lo);

	return vma && vma->vm_start < hi;
}

/*
 * Unhook first, flush, then free: the CPU caches upper-level entries (the
 * paging-structure caches), so until the flush a page walk may still reach
 * the table - which must not be back in the allocator by then.  (Linux
 * frees page tables through mmu_gather for the same reason.)
 */
static void free_pte_table_at(struct mm_struct *mm, pmd_t *pmd)
{
	pmd_t old = *pmd;
	pte_t *ptes = pmd_page_vaddr(old);

	for (int j = 0; j < PTRS_PER_PTE; j++)
		VM_BUG_ON(!pte_none(ptes[j]));
	*pmd = __pmd(0);
	flush_tlb_mm(mm);
	free_table_page(mm, pmd_val(old));
}

/*
 * After munmap: free the page tables under [start, end) that no VMA needs
 * any more, so a later mapping there starts from empty tables (and can get
 * a THP again).  Linux: free_pgtables() with its floor and ceiling.
 */
void free_pgd_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long a = start & PMD_MASK; a < end; a += PMD_SIZE) {
		pmd_t *pmd = mm_find_pmd(mm, a);

		if (pmd && pmd_present(*pmd) && !pmd_trans_huge(*pmd) &&
		    !range_has_vma(mm, a, a + PMD_SIZE))
			free_pte_table_at(mm, pmd);
	}
	for (unsigned long a = start & ~(PUD_SIZE - 1); a < end; a += PUD_SIZE) {
		pgd_t *pgd = pgd_offset(mm, a);
		pud_t *pud;

		if (!pgd_present(*pgd) || range_has_vma(mm, a, a + PUD_SIZE))
			continue;
		pud = pud_offset(pgd, a);
		if (pud_present(*pud)) {
			pud_t old = *pud;

			*pud = __pud(0);		/* unhook, flush, free: as above */
			flush_tlb_mm(mm);
			free_pmd_table(mm, pud_pgtable(old));
			free_table_page(mm, pud_val(old));
		}
	}
}

void free_pgtables(struct mm_struct *mm)
{
	for (int i = 0; i < PTRS_PER_PGD / 2; i++) {	/* the user half only */
		pud_t *puds;

		if (pgd_none(mm->pgd[i]))
			continue;
		puds = pgd_pgtable(mm->pgd[i]);
		for (int j = 0; j < PTRS_PER_PUD; j++) {
			if (pud_none(puds[j]))
				continue;
			free_pmd_table(mm, pud_pgtable(puds[j]));
			free_table_page(mm, pud_val(puds[j]));
		}
		free_table_page(mm, pgd_val(mm->pgd[i]));
		mm->pgd[i] = __pgd(0);
	}
}

static void fill_mapping(struct mm_mapping *m, enum mapping_level level,
			 unsigned long entry, unsigned long pfn)
{
	swp_entry_t swp = { entry };

	m->level = level;
	m->entry = entry;
	m->present = entry & _PAGE_PRESENT;
	m->protnone = (entry & (_PAGE_PRESENT | _PAGE_PROTNONE)) == _PAGE_PROTNONE;
	m->pfn = pfn;
	if (!m->present && !m->protnone) {
		m->device_private = is_device_private_entry(swp);
		m->migration = is_migration_entry(swp);
		m->writable = is_writable_device_private_entry(swp) ||
			      is_writable_migration_entry(swp);
		m->pfn = swp_offset_pfn(swp);
		return;
	}
	m->writable = entry & _PAGE_RW;
	m->dirty = entry & _PAGE_DIRTY;
	m->zero_page = is_zero_pfn(pfn) || is_huge_zero_pfn(pfn);
}

void mm_find_mapping(struct mm_struct *mm, unsigned long addr, struct mm_mapping *m)
{
	pmd_t *pmd = mm_find_pmd(mm, addr);
	pte_t pte;

	memset(m, 0, sizeof(*m));
	if (!pmd || pmd_none(*pmd))
		return;
	if (pmd_trans_huge(*pmd)) {
		fill_mapping(m, MAPPING_PMD, pmd_val(*pmd), pmd_pfn(*pmd) + pte_index(addr));
		m->zero_page = is_huge_zero_pmd(*pmd);
		return;
	}
	if (!pmd_present(*pmd)) {	/* a device-private or migration PMD */
		fill_mapping(m, MAPPING_PMD, pmd_val(*pmd), 0);
		m->pfn += pte_index(addr);
		return;
	}
	pte = ptep_get(pte_offset_kernel(pmd, addr));
	if (!pte_none(pte))
		fill_mapping(m, MAPPING_PTE, pte_val(pte), pte_pfn(pte));
}

int sprint_mapping(char *buf, size_t size, const struct mm_mapping *m)
{
	if (m->level == MAPPING_NONE)
		return scnprintf(buf, size, "none");
	return scnprintf(buf, size, "%s %s %s%s%s pfn %#lx (entry %#018lx)",
			 m->level == MAPPING_PMD ? "PMD 2M" : "PTE 4K",
			 m->present ? "present" : m->device_private ? "device-private" :
			 m->migration ? "migration-entry" : m->protnone ? "prot-none" : "not-present",
			 m->writable ? "rw" : "ro", m->dirty ? " dirty" : "",
			 m->zero_page ? " zero-page" : "", m->pfn, m->entry);
}

void dump_pagetable(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;

	pr_info("  %#lx: PGD[%3lu] %#018lx\n", addr, pgd_index(addr), pgd_val(*pgd));
	if (!pgd_present(*pgd))
		return;
	pud = pud_offset(pgd, addr);
	pr_info("  %*s PUD[%3lu] %#018lx\n", 18, "", pud_index(addr), pud_val(*pud));
	if (!pud_present(*pud))
		return;
	pmd = pmd_offset(pud, addr);
	pr_info("  %*s PMD[%3lu] %#018lx%s\n", 18, "", pmd_index(addr), pmd_val(*pmd),
		pmd_trans_huge(*pmd) ? "  <- 2 MiB leaf (PS bit)" :
		is_pmd_device_private_entry(*pmd) ? "  <- 2 MiB device-private entry" :
		is_pmd_migration_entry(*pmd) ? "  <- 2 MiB migration entry" : "");
	if (!pmd_present(*pmd) || pmd_trans_huge(*pmd))
		return;
	pte = pte_offset_kernel(pmd, addr);
	pr_info("  %*s PTE[%3lu] %#018lx\n", 18, "", pte_index(addr), pte_val(*pte));
}
