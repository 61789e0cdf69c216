/*
 * mm/mremap.c - vm_mremap(): grow, shrink or move a mapping.
 *
 * Moving does not copy data: the page-table entries themselves move to the
 * new address (present pages, device-private and PROT_NONE entries alike).
 * The new VMA keeps the old one's vm_pgoff, so each folio's rmap index -
 * an offset, not an address - stays right (Linux: the same).  A huge PMD moves whole when both
 * addresses are 2 MiB aligned; otherwise it is split first, so a THP moved
 * to an unaligned address ends up mapped by PTEs in the middle of its
 * (new) PMD - the case that exposed a bug in Linux's migration collection
 * loop.  MREMAP_DONTUNMAP leaves the old VMA in place, empty.  If a
 * destination page table cannot be allocated, what moved goes back.
 * Linux: mm/mremap.c (move_vma, move_page_tables, move_huge_pmd).
 */
#include <mm/mmap.h>
#include <mm/rmap.h>
#include <kernel/fs.h>
#include <mm/memory.h>
#include <mm/huge_mm.h>
#include <mm/swapops.h>
#include <mm/mmu_notifier.h>
#include <mm/slab.h>
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/errno.h>
#include <asm/tlbflush.h>

static pmd_t *alloc_pmd(struct mm_struct *mm, unsigned long addr)
{
	pud_t *pud = pud_alloc(mm, pgd_offset(mm, addr), addr);

	return pud ? pmd_alloc(mm, pud, addr) : NULL;
}

static bool move_huge_pmd(struct vm_area_struct *vma, pmd_t *old_pmd, unsigned long old,
			  unsigned long new)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t *new_pmd = alloc_pmd(mm, new), entry;

	if (!new_pmd || !pmd_none(*new_pmd))
		return false;
	entry = pmdp_huge_get_and_clear(mm, old, old_pmd);
	set_pmd_at(mm, new, new_pmd, entry);	/* the deposited table stays with the mm */
	return true;
}

static int move_pte(struct vm_area_struct *vma, pmd_t *old_pmd, unsigned long old,
		    unsigned long new)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep = pte_offset_kernel(old_pmd, old), pte = ptep_get(ptep);
	pmd_t *new_pmd;

	if (pte_none(pte))
		return 0;
	new_pmd = alloc_pmd(mm, new);
	if (!new_pmd || (pmd_none(*new_pmd) && pte_alloc(mm, new_pmd)))
		return -ENOMEM;
	pte_clear(mm, old, ptep);
	set_pte_at(mm, new, pte_offset_kernel(new_pmd, new), pte);
	return 0;
}

/*
 * Moves the entries of [old_addr, +len) of vma to new_addr; returns how many
 * bytes moved - less than len only if a page table could not be allocated.
 */
static unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
				      unsigned long new_addr, unsigned long len)
{
	unsigned long off, step;

	for (off = 0; off < len; off += step) {
		unsigned long old = old_addr + off, new = new_addr + off;
		pmd_t *pmd = mm_find_pmd(vma->vm_mm, old);

		step = PAGE_SIZE;
		if (!pmd || pmd_none(*pmd)) {
			step = min(((old + PMD_SIZE) & PMD_MASK) - old, len - off);
			continue;
		}
		if (pmd_trans_huge(*pmd) || is_swap_pmd(*pmd)) {
			if (IS_ALIGNED(old, PMD_SIZE) && IS_ALIGNED(new, PMD_SIZE) &&
			    len - off >= PMD_SIZE && move_huge_pmd(vma, pmd, old, new)) {
				step = PMD_SIZE;
				continue;
			}
			split_huge_pmd(vma, pmd, old);	/* move it 4 KiB at a time */
		}
		if (move_pte(vma, pmd, old, new))
			break;
	}
	flush_tlb_range(vma, old_addr, old_addr + len);
	return off;
}

/* Moves [addr, addr+old_len) of vma to new_addr with a VMA of new_len. */
static unsigned long move_vma(struct vm_area_struct *vma, unsigned long addr,
			      unsigned long old_len, unsigned long new_addr,
			      unsigned long new_len, unsigned long flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long got, len = min(old_len, new_len), moved;
	struct vm_area_struct *new_vma;

	got = vm_mmap(NULL, new_addr, new_len,
		      (vma->vm_flags & VM_READ ? PROT_READ : 0) |
		      (vma->vm_flags & VM_WRITE ? PROT_WRITE : 0),
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	if (IS_ERR_VALUE(got))
		return got;
	new_vma = vma_lookup(mm, new_addr);
	new_vma->vm_flags = vma->vm_flags;	/* hugepage advice too */
	vma_set_page_prot(new_vma);
	/* The rmap finds the pages by their offset, which moves with them. */
	new_vma->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (vma->vm_file)		/* MAP_SHARED: the same file (vm_mmap made a private VMA) */
		vma_copy_file(new_vma, vma);
	new_vma->anon_vma = vma->anon_vma;	/* and the same anon_vmas (Linux: copy_vma) */
	if (anon_vma_clone(new_vma, vma)) {
		do_munmap(mm, new_addr, new_len);
		return (unsigned long)-ENOMEM;
	}
	mmu_notifier_invalidate(mm, MMU_NOTIFY_UNMAP, addr, addr + old_len, NULL);
	moved = move_page_tables(vma, addr, new_addr, len);
	if (moved < len) {
		/*
		 * No memory for a page table half way: as Linux does, move back
		 * what moved and drop the new VMA, so the caller's -ENOMEM means
		 * nothing changed.  Moving back needs no allocation - the old
		 * tables were never freed - so it cannot fail.
		 */
		unsigned long back = move_page_tables(vma_lookup(mm, new_addr), new_addr,
						      addr, moved);

		BUG_ON(back != moved);
		do_munmap(mm, new_addr, new_len);
		return (unsigned long)-ENOMEM;
	}
	/* Everything is at new_addr now; if the old range cannot be unmapped
	 * (no memory to split its VMA), it stays mapped but empty, as in Linux. */
	if (!(flags & MREMAP_DONTUNMAP) && do_munmap(mm, addr, old_len))
		pr_warn("mremap: old range [%#lx-%#lx) left mapped (no memory)\n",
			addr, addr + old_len);
	return new_addr;
}

/*
 * MREMAP_FIXED or MREMAP_DONTUNMAP: to new_addr (its range unmapped first
 * with MREMAP_FIXED; vm_mmap(MAP_FIXED) in move_vma() then checks it as
 * Linux's get_unmapped_area() does, -EPERM below mmap_min_addr).
 */
static unsigned long mremap_to(struct vm_area_struct *vma, unsigned long addr,
			       unsigned long old_len, unsigned long new_len,
			       unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = vma->vm_mm;

	if (do_munmap(mm, new_addr, new_len))
		return (unsigned long)-ENOMEM;
	vma = vma_lookup(mm, addr);			/* still there: no overlap */
	return move_vma(vma, addr, old_len, new_addr, new_len, flags);
}

/*
 * Linux's check_mremap_params(), on the page-aligned lengths: flags, the
 * old address, the new length, then - only when a new address is implied
 * (MREMAP_FIXED or MREMAP_DONTUNMAP) - the new address and the overlap.
 */
static int check_mremap_params(unsigned long addr, unsigned long old_len,
			       unsigned long new_len, unsigned long flags,
			       unsigned long new_addr)
{
	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if (!IS_ALIGNED(addr, PAGE_SIZE) || !new_len || new_len > TASK_SIZE_MAX)
		return -EINVAL;
	if (!(flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)))
		return 0;
	if (new_addr > TASK_SIZE_MAX - new_len || !IS_ALIGNED(new_addr, PAGE_SIZE))
		return -EINVAL;
	if (!(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && old_len != new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;				/* the ranges overlap */
	return 0;
}

/*
 * Linux's check_prep_vma(): only an operation that maps new address space
 * (growing, or moving) needs a non-empty old range inside the VMA; a
 * shrink or a same-size call in place may name any old length.
 */
static int check_prep_vma(struct vm_area_struct *vma, unsigned long addr,
			  unsigned long old_len, unsigned long new_len, unsigned long flags)
{
	if (!vma)
		return -EFAULT;
	if (new_len <= old_len && !(flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)))
		return 0;
	if (!old_len)
		return -EINVAL;		/* would duplicate a private mapping */
	if (min(old_len, new_len) > vma->vm_end - addr)
		return -EFAULT;
	return 0;
}

/*
 * Linux: do_mremap().  mmlab moves one VMA at a time: Linux 6.19 also moves
 * an equal-length MREMAP_FIXED range made of several VMAs (remap_move()).
 */
unsigned long vm_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *next;
	int err;

	if (!mm)
		return (unsigned long)-EINVAL;
	old_len = ALIGN(old_len, PAGE_SIZE);
	new_len = ALIGN(new_len, PAGE_SIZE);
	err = check_mremap_params(addr, old_len, new_len, flags, new_addr);
	if (!err && mm_migrate_vma_busy(mm, "vm_mremap"))
		err = -EBUSY;
	vma = err ? NULL : vma_lookup(mm, addr);
	if (!err)
		err = check_prep_vma(vma, addr, old_len, new_len, flags);
	if (err)
		return (unsigned long)err;
	if (flags & MREMAP_FIXED)
		return mremap_to(vma, addr, old_len, new_len, flags, new_addr);
	if (new_len <= old_len && !(flags & MREMAP_DONTUNMAP)) {
		if (new_len < old_len && do_munmap(mm, addr + new_len, old_len - new_len))
			return (unsigned long)-ENOMEM;
		return addr;				/* shrunk in place */
	}
	next = find_vma(mm, addr + old_len);
	if (!(flags & MREMAP_DONTUNMAP) && vma->vm_end == addr + old_len &&
	    addr <= TASK_SIZE_MAX - new_len && (!next || next->vm_start >= addr + new_len)) {
		vma->vm_end = addr + new_len;		/* grown in place */
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return (unsigned long)-ENOMEM;
	new_addr = vm_mmap(NULL, 0, new_len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(new_addr))
		return new_addr;
	return mremap_to(vma, addr, old_len, new_len, flags | MREMAP_FIXED, new_addr);
}
