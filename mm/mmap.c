/*
 * mm/mmap.c - address spaces and their VMAs: mm_alloc, vm_mmap, vm_munmap.
 *
 * An mm_struct's VMAs are kept in a list sorted by address (Linux uses a
 * maple tree; a list is enough to read and to step through).  mmap finds a
 * free range from the top of the mmap area downwards; lengths of 2 MiB or
 * more get a 2 MiB-aligned address so they can be backed by THPs, as Linux
 * does for anonymous memory.  munmap may cut VMAs, and THPs, in two.
 * Linux: mm/mmap.c, mm/vma.c, kernel/fork.c (mm_alloc, mmput).
 */
#include <mm/mmap.h>
#include <mm/rmap.h>
#include <mm/shmem_fs.h>
#include <kernel/fs.h>
#include <mm/memory.h>
#include <mm/huge_mm.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/direct_map.h>
#include <mm/mmu_notifier.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <asm/tlbflush.h>

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);
	struct page *pgd;

	if (!mm)
		return NULL;
	pgd = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!pgd) {
		kfree(mm);
		return NULL;
	}
	mm->pgd = page_address(pgd);
	/* The kernel half: the same entries as the kernel's own PML4. */
	memcpy(mm->pgd + PTRS_PER_PGD / 2,
	       (pgd_t *)__va(init_top_pgt_phys) + PTRS_PER_PGD / 2,
	       PTRS_PER_PGD / 2 * sizeof(pgd_t));
	mm->pgtables_bytes = PAGE_SIZE;
	INIT_LIST_HEAD(&mm->mmap);
	INIT_LIST_HEAD(&mm->pmd_huge_pte);
	INIT_LIST_HEAD(&mm->notifier_subscriptions);
	atomic_set(&mm->mm_users, 1);
	mm->mmap_base = MMAP_BASE;
	mm->task_size = TASK_SIZE_MAX;
	return mm;
}

void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

static void remove_vma(struct vm_area_struct *vma)
{
	unlink_anon_vmas(vma);
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	list_del(&vma->vm_list);
	vma->vm_mm->map_count--;
	kfree(vma);
}

/* Tear down everything the mm maps, then its page tables. */
static void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;

	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		unmap_page_range(vma, vma->vm_start, vma->vm_end);
		remove_vma(vma);
	}
	free_pgtables(mm);
	VM_BUG_ON(mm->map_count != 0);
	VM_BUG_ON(mm->nr_deposited != 0);
	VM_BUG_ON(get_mm_counter(mm, MM_ANONPAGES) != 0);
	VM_BUG_ON(get_mm_counter(mm, MM_SHMEMPAGES) != 0);
	VM_BUG_ON(mm->pgtables_bytes != PAGE_SIZE);	/* only the pgd is left */
}

void mmput(struct mm_struct *mm)
{
	if (!mm || !atomic_dec_and_test(&mm->mm_users))
		return;
	BUG_ON(current->active_mm == mm);	/* kthread_unuse_mm() it first */
	VM_BUG_ON(mm->migrate_vma_active);	/* a migrate_vma left unfinished */
	exit_mmap(mm);
	__free_pages(virt_to_page(mm->pgd), 0);
	kfree(mm);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end > addr)
			return vma;
	return NULL;
}

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return (vma && vma->vm_start <= addr) ? vma : NULL;
}

/* Highest free range of len bytes aligned to align below mmap_base, or 0. */
static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len,
				       unsigned long align)
{
	unsigned long top = mm->mmap_base, cand;
	struct vm_area_struct *vma;

	list_for_each_entry_reverse(vma, &mm->mmap, vm_list) {
		if (vma->vm_start >= top)
			continue;
		if (top - vma->vm_end >= len) {
			cand = ALIGN_DOWN(top - len, align);
			if (cand >= vma->vm_end)
				return cand;
		}
		top = vma->vm_start;
	}
	if (top < MMAP_MIN_ADDR + len)
		return 0;
	cand = ALIGN_DOWN(top - len, align);
	return cand >= MMAP_MIN_ADDR ? cand : 0;
}

/* Indexed by VM_READ | VM_WRITE | VM_EXEC | VM_SHARED, as on x86 Linux. */
static const pgprot_t protection_map[16] = {
	[VM_NONE]				= PAGE_NONE,
	[VM_READ]				= PAGE_READONLY,
	[VM_WRITE]				= PAGE_COPY,
	[VM_WRITE | VM_READ]			= PAGE_COPY,
	[VM_EXEC]				= PAGE_READONLY_EXEC,
	[VM_EXEC | VM_READ]			= PAGE_READONLY_EXEC,
	[VM_EXEC | VM_WRITE]			= PAGE_COPY_EXEC,
	[VM_EXEC | VM_WRITE | VM_READ]		= PAGE_COPY_EXEC,
	[VM_SHARED]				= PAGE_NONE,
	[VM_SHARED | VM_READ]			= PAGE_READONLY,
	[VM_SHARED | VM_WRITE]			= PAGE_SHARED,
	[VM_SHARED | VM_WRITE | VM_READ]	= PAGE_SHARED,
	[VM_SHARED | VM_EXEC]			= PAGE_READONLY_EXEC,
	[VM_SHARED | VM_EXEC | VM_READ]		= PAGE_READONLY_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE]	= PAGE_SHARED_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE | VM_READ] = PAGE_SHARED_EXEC,
};

pgprot_t vm_get_page_prot(vm_flags_t vm_flags)
{
	return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}

void vma_set_page_prot(struct vm_area_struct *vma)
{
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
}

static struct vm_area_struct *vma_alloc(struct mm_struct *mm, unsigned long start,
					unsigned long end, vm_flags_t flags)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma), GFP_KERNEL);

	if (!vma)
		return NULL;
	vma->vm_mm = mm;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma_set_page_prot(vma);
	vma->vm_pgoff = start >> PAGE_SHIFT;
	INIT_LIST_HEAD(&vma->anon_vma_chain);
	return vma;
}

/*
 * new maps the same file as vma (a split piece, fork's copy, mremap's move).
 * An mmlab helper: Linux's vm_area_dup() copies the VMA, get_file() takes
 * the file and vm_ops->open() tells the file.
 */
void vma_copy_file(struct vm_area_struct *new, struct vm_area_struct *vma)
{
	new->vm_ops = vma->vm_ops;
	new->vm_file = vma->vm_file ? get_file(vma->vm_file) : NULL;
}

/* Inserts vma into mm's sorted list (the range must be free). */
static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	VM_BUG_ON(next && next->vm_start < vma->vm_end);
	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	mm->map_count++;
}

int split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *new;

	VM_BUG_ON(addr <= vma->vm_start || addr >= vma->vm_end || !IS_ALIGNED(addr, PAGE_SIZE));
	/* A huge PMD must not straddle two VMAs: cut its mapping first. */
	if (!IS_ALIGNED(addr, PMD_SIZE))
		split_huge_pmd_address(vma, addr, false);
	new = vma_alloc(vma->vm_mm, addr, vma->vm_end, vma->vm_flags);
	if (!new)
		return -ENOMEM;
	new->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	/* Both halves may map the folios the whole did. */
	new->anon_vma = vma->anon_vma;
	if (anon_vma_clone(new, vma)) {
		kfree(new);
		return -ENOMEM;
	}
	vma_copy_file(new, vma);
	vma->vm_end = addr;
	list_add(&new->vm_list, &vma->vm_list);
	vma->vm_mm->map_count++;
	return 0;
}

int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	unsigned long end;
	struct vm_area_struct *vma, *next;

	if (!IS_ALIGNED(start, PAGE_SIZE) || !len)
		return -EINVAL;
	len = ALIGN(len, PAGE_SIZE);
	if (!len || start > TASK_SIZE_MAX || len > TASK_SIZE_MAX - start)
		return -EINVAL;
	end = start + len;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;			/* nothing mapped there: fine */
	mmu_notifier_invalidate(mm, MMU_NOTIFY_UNMAP, start, end, NULL);
	if (vma->vm_start < start) {
		if (split_vma(vma, start))
			return -ENOMEM;
		vma = list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
	}
	list_for_each_entry_safe_from(vma, next, &mm->mmap, vm_list) {
		if (vma->vm_start >= end)
			break;
		if (vma->vm_end > end && split_vma(vma, end))
			return -ENOMEM;
		unmap_page_range(vma, vma->vm_start, vma->vm_end);
		remove_vma(vma);
	}
	free_pgd_range(mm, start, end);
	return 0;
}

int mm_migrate_vma_busy(struct mm_struct *mm, const char *caller)
{
	if (!WARN(mm->migrate_vma_active, "%s: mm is between migrate_vma_setup() and "
		  "migrate_vma_finalize() (Linux: mmap_lock is held)\n", caller))
		return 0;
	return -EBUSY;
}

int vm_munmap(unsigned long start, size_t len)
{
	if (!current->mm)
		return -EINVAL;
	if (mm_migrate_vma_busy(current->mm, "vm_munmap"))
		return -EBUSY;
	return do_munmap(current->mm, start, len);
}

static vm_flags_t prot_to_vm_flags(unsigned long prot, unsigned long flags)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0) | (flags & MAP_STACK ? VM_NOHUGEPAGE : 0) |
	       ((flags & MAP_TYPE) != MAP_PRIVATE ? VM_SHARED | VM_MAYSHARE : 0) |
	       VM_MAYREAD | VM_MAYWRITE;
}

/*
 * Where a mapping of len bytes goes (Linux: __get_unmapped_area() and
 * cap_mmap_addr()): a MAP_FIXED address is checked, in Linux's order, for
 * the end of user space (-ENOMEM), alignment (-EINVAL) and mmap_min_addr
 * (-EPERM: mmlab's task has no CAP_SYS_RAWIO); otherwise the highest free
 * range.  The hint of a mapping without MAP_FIXED is ignored.
 */
static unsigned long mmap_address(struct mm_struct *mm, unsigned long addr,
				  unsigned long len, unsigned long flags)
{
	unsigned long align = PAGE_SIZE;

	if (len > TASK_SIZE_MAX)
		return (unsigned long)-ENOMEM;
	if (!(flags & MAP_FIXED)) {
		if (len >= PMD_SIZE)
			align = PMD_SIZE;	/* room for THPs (thp_get_unmapped_area) */
		addr = get_unmapped_area(mm, len, align);
		return addr ? addr : (unsigned long)-ENOMEM;
	}
	if (addr > TASK_SIZE_MAX - len)
		return (unsigned long)-ENOMEM;
	if (!IS_ALIGNED(addr, PAGE_SIZE))
		return (unsigned long)-EINVAL;
	if (addr < MMAP_MIN_ADDR)
		return (unsigned long)-EPERM;
	return addr;
}

/* Does any VMA overlap [start, end)?  (Linux: find_vma_intersection) */
static bool range_mapped(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end;
}

/* Flags mmlab cannot honour (Linux can): refused rather than ignored. */
#define MAP_UNSUPPORTED	(MAP_32BIT | MAP_GROWSDOWN | MAP_LOCKED | MAP_POPULATE | MAP_HUGETLB)

/*
 * What mmlab refuses after Linux's own checks passed: shared and droppable
 * mappings, the flags above (documented differences).  PROT_EXEC maps
 * executable, as in Linux: user programs run from such VMAs.
 * Any other type is -EINVAL in Linux too.
 */
static int mmap_check_type(unsigned long prot, unsigned long flags)
{
	/* anonymous memory: MAP_SHARED_VALIDATE too is -EINVAL, as in Linux's do_mmap() */
	if ((flags & MAP_TYPE) != MAP_PRIVATE && (flags & MAP_TYPE) != MAP_SHARED)
		return -EINVAL;
	if (flags & MAP_UNSUPPORTED)
		return -EINVAL;
	return 0;
}

/*
 * mmap(addr, len, prot, flags, -1, 0) - Linux: ksys_mmap_pgoff() and
 * do_mmap(), checks in their order.  Bits of prot and flags Linux ignores
 * are ignored here too; pgoff means nothing for anonymous memory.
 */
unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int err;

	if (!(flags & MAP_ANONYMOUS))
		return (unsigned long)-EBADF;	/* a file mapping, and mmlab's fd is -1 */
	if (!mm || file || !len)
		return (unsigned long)-EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	len = ALIGN(len, PAGE_SIZE);
	if (!len)
		return (unsigned long)-ENOMEM;	/* it was within a page of 2^64 */
	addr = mmap_address(mm, addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) && range_mapped(mm, addr, addr + len))
		return (unsigned long)-EEXIST;
	err = mmap_check_type(prot, flags);
	if (!err && mm_migrate_vma_busy(mm, "vm_mmap"))
		err = -EBUSY;
	if (!err && (flags & MAP_FIXED) && do_munmap(mm, addr, len))
		err = -ENOMEM;
	if (err)
		return (unsigned long)err;
	vma = vma_alloc(mm, addr, addr + len, prot_to_vm_flags(prot, flags));
	if (!vma)
		return (unsigned long)-ENOMEM;
	if ((vma->vm_flags & VM_SHARED) && shmem_zero_setup(vma)) {
		kfree(vma);
		return (unsigned long)-ENOMEM;
	}
	vma_link(mm, vma);
	return addr;
}

/*
 * fork: mm (new, empty) gets a copy of every VMA of oldmm, each linked to
 * the parent's anon_vmas and given its own (anon_vma_fork), and the
 * parent's pages mapped copy-on-write (copy_page_range).  On failure what
 * was copied is consistent - mmput() of mm undoes it.  mmlab refuses while
 * oldmm has a migrate_vma open (-EBUSY), where Linux's fork would wait for
 * mmap_lock.  Linux: dup_mmap() (mm/mmap.c since 6.16).
 */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *tmp;
	int err;

	if (mm_migrate_vma_busy(oldmm, "fork"))
		return -EBUSY;
	mm->mmap_base = oldmm->mmap_base;
	mm->task_size = oldmm->task_size;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	list_for_each_entry(mpnt, &oldmm->mmap, vm_list) {
		tmp = vma_alloc(mm, mpnt->vm_start, mpnt->vm_end, mpnt->vm_flags);
		if (!tmp)
			return -ENOMEM;
		tmp->vm_page_prot = mpnt->vm_page_prot;
		tmp->vm_pgoff = mpnt->vm_pgoff;
		vma_copy_file(tmp, mpnt);	/* MAP_SHARED: the very same pages */
		if (anon_vma_fork(tmp, mpnt)) {
			if (tmp->vm_file)
				fput(tmp->vm_file);
			kfree(tmp);
			return -ENOMEM;
		}
		list_add_tail(&tmp->vm_list, &mm->mmap);
		mm->map_count++;
		err = copy_page_range(tmp, mpnt);
		if (err)
			return err;
	}
	return 0;
}
