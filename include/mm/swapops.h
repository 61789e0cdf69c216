/*
 * include/mm/swapops.h - non-present page-table entries that mean something.
 *
 * An entry with the present bit clear is ignored by the MMU, so the kernel
 * may keep its own information there ("swap entries" in Linux, which uses
 * them for swap, migration, device memory...).  mmlab has two kinds, at
 * PTE and at PMD level alike:
 *
 *   migration entry        the page is being migrated: any access must wait
 *                          (here: cannot happen, one thread) - readable or
 *                          writable, so the new mapping gets the same rights
 *   device-private entry   the data lives in device memory the CPU cannot
 *                          map; a CPU access faults and migrate_to_ram()
 *                          brings it back - readable or writable
 *
 * Layout: bit 0 (present) clear, bits 1..5 the type, bits 12..51 the pfn.
 * Bit 7 (PS) and bit 8 (_PAGE_PROTNONE) stay clear, even at PMD level, so
 * pmd_present()/pte_present() and pmd_trans_huge() are false for them.
 * Linux: include/linux/swapops.h (and leafops.h in 6.19).
 */
#ifndef _MM_SWAPOPS_H
#define _MM_SWAPOPS_H

#include <asm/pgtable.h>

typedef struct {
	unsigned long val;
} swp_entry_t;

enum {
	SWP_NONE,
	SWP_MIGRATION_READ,
	SWP_MIGRATION_WRITE,
	SWP_DEVICE_READ,
	SWP_DEVICE_WRITE,
	SWP_MIGRATION_READ_EXCLUSIVE,	/* read-only, but the page was this mapping's alone */
};

#define SWP_TYPE_SHIFT	1
#define SWP_TYPE_MASK	0x1fUL

static inline swp_entry_t swp_entry(unsigned int type, unsigned long pfn)
{
	return (swp_entry_t){ (pfn << PAGE_SHIFT) | ((unsigned long)type << SWP_TYPE_SHIFT) };
}
static inline unsigned int swp_type(swp_entry_t e) { return (e.val >> SWP_TYPE_SHIFT) & SWP_TYPE_MASK; }
static inline unsigned long swp_offset_pfn(swp_entry_t e) { return (e.val & PTE_PFN_MASK) >> PAGE_SHIFT; }

/* A PTE/PMD that is neither empty nor present holds a swap entry. */
static inline bool is_swap_pte(pte_t pte) { return !pte_none(pte) && !pte_present(pte); }
static inline bool is_swap_pmd(pmd_t pmd) { return !pmd_none(pmd) && !pmd_present(pmd); }
static inline swp_entry_t pte_to_swp_entry(pte_t pte) { return (swp_entry_t){ pte_val(pte) }; }
static inline pte_t swp_entry_to_pte(swp_entry_t e) { return __pte(e.val); }
static inline swp_entry_t pmd_to_swp_entry(pmd_t pmd) { return (swp_entry_t){ pmd_val(pmd) }; }
static inline pmd_t swp_entry_to_pmd(swp_entry_t e) { return __pmd(e.val); }

static inline swp_entry_t make_readable_migration_entry(unsigned long pfn)
{
	return swp_entry(SWP_MIGRATION_READ, pfn);
}
static inline swp_entry_t make_writable_migration_entry(unsigned long pfn)
{
	return swp_entry(SWP_MIGRATION_WRITE, pfn);
}
static inline swp_entry_t make_readable_exclusive_migration_entry(unsigned long pfn)
{
	return swp_entry(SWP_MIGRATION_READ_EXCLUSIVE, pfn);
}
static inline bool is_migration_entry(swp_entry_t e)
{
	return swp_type(e) == SWP_MIGRATION_READ || swp_type(e) == SWP_MIGRATION_WRITE ||
	       swp_type(e) == SWP_MIGRATION_READ_EXCLUSIVE;
}
static inline bool is_writable_migration_entry(swp_entry_t e)
{
	return swp_type(e) == SWP_MIGRATION_WRITE;
}
static inline bool is_readable_exclusive_migration_entry(swp_entry_t e)
{
	return swp_type(e) == SWP_MIGRATION_READ_EXCLUSIVE;
}
/*
 * The migration entry for a mapping: writable ones are always exclusive;
 * a read-only one remembers whether the page was PageAnonExclusive, so a
 * later mprotect(PROT_WRITE) may still map it writable.  An mmlab helper:
 * Linux writes this three-way choice inline in try_to_migrate_one(),
 * set_pmd_migration_entry() and migrate_vma_collect_pmd().
 */
static inline swp_entry_t make_migration_entry_for(unsigned long pfn, bool write, bool exclusive)
{
	if (write)
		return make_writable_migration_entry(pfn);
	return exclusive ? make_readable_exclusive_migration_entry(pfn) :
			   make_readable_migration_entry(pfn);
}
static inline bool is_readable_migration_entry(swp_entry_t e)
{
	return swp_type(e) == SWP_MIGRATION_READ;
}

static inline swp_entry_t make_readable_device_private_entry(unsigned long pfn)
{
	return swp_entry(SWP_DEVICE_READ, pfn);
}
static inline swp_entry_t make_writable_device_private_entry(unsigned long pfn)
{
	return swp_entry(SWP_DEVICE_WRITE, pfn);
}
static inline bool is_device_private_entry(swp_entry_t e)
{
	return swp_type(e) == SWP_DEVICE_READ || swp_type(e) == SWP_DEVICE_WRITE;
}
static inline bool is_writable_device_private_entry(swp_entry_t e)
{
	return swp_type(e) == SWP_DEVICE_WRITE;
}


/* The page a migration or device-private entry refers to. */
#define pfn_swap_entry_to_page(e)	pfn_to_page(swp_offset_pfn(e))

static inline bool is_pmd_migration_entry(pmd_t pmd)
{
	return is_swap_pmd(pmd) && is_migration_entry(pmd_to_swp_entry(pmd));
}
static inline bool is_pmd_device_private_entry(pmd_t pmd)
{
	return is_swap_pmd(pmd) && is_device_private_entry(pmd_to_swp_entry(pmd));
}
/* A non-present PMD that stands for a whole folio (migration or device). */
static inline bool is_pmd_non_present_folio_entry(pmd_t pmd)
{
	return is_pmd_migration_entry(pmd) || is_pmd_device_private_entry(pmd);
}

#endif
