/*
 * include/mm/mmap.h - address spaces and their virtual memory areas.
 *
 *   mm_alloc / mmput           create an empty address space / drop it
 *   vm_mmap / vm_munmap        map anonymous memory / unmap (may cut VMAs and THPs)
 *   do_madvise                 MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_DONTNEED
 *   do_mprotect                change the access rights of a range
 *   vm_mremap                  grow, shrink or move a mapping (page tables move)
 *   find_vma(mm, addr)         the first VMA ending above addr (it may start above!)
 *   vma_lookup(mm, addr)       the VMA containing addr, or NULL
 *
 * vm_mmap/vm_munmap work on current->mm (kthread_use_mm() sets it).
 * Errors are negative errnos; vm_mmap returns them as an address for
 * which IS_ERR_VALUE() is true.  Linux: mm/mmap.c, mm/vma.c, mm/madvise.c.
 */
#ifndef _MM_MMAP_H
#define _MM_MMAP_H

#include <mm/mm_types.h>
#include <mm/mman.h>

/*
 * The host build (tests/host/host_seam.h) puts user space lower, below its
 * simulated RAM and clear of the test program's own memory; see
 * docs/host-build.md.
 */
#ifndef TASK_SIZE_MAX
#define TASK_SIZE_MAX	((1UL << 47) - PAGE_SIZE)	/* top of user space */
#define MMAP_BASE	0x7ff000000000UL		/* mmap allocates downwards from here */
#endif
#define MMAP_MIN_ADDR	0x10000UL			/* nothing mapped below 64 KiB */

/* vm_flags (Linux's values) */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYSHARE	0x00000080UL
#define VM_HUGEPAGE	0x20000000UL	/* MADV_HUGEPAGE */
#define VM_NOHUGEPAGE	0x40000000UL	/* MADV_NOHUGEPAGE */

struct file;		/* mmap of files: not modelled (shmem files back MAP_SHARED) */

/*
 * The page protection a VMA's entries are built from, chosen by its
 * read/write/exec/shared flags (Linux: protection_map[]).  A private
 * writable VMA maps read-only and the fault path adds write access.
 */
pgprot_t vm_get_page_prot(vm_flags_t vm_flags);
/* Recomputes vma->vm_page_prot after vm_flags changed (mprotect). */
void vma_set_page_prot(struct vm_area_struct *vma);
/* Private and writable (now or after mprotect): fork shares its pages copy-on-write. */
static inline bool is_cow_mapping(vm_flags_t flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}
/* Does the VMA allow any access at all?  (PROT_NONE VMAs do not.) */
static inline bool vma_is_accessible(const struct vm_area_struct *vma)
{
	return vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC);
}

struct mm_struct *mm_alloc(void);
void mmget(struct mm_struct *mm);
void mmput(struct mm_struct *mm);
/* fork: copies oldmm's VMAs and mappings (copy-on-write) into the new mm; -errno. */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);
/* new maps what vma maps: the same vm_ops, and a reference to its file. */
void vma_copy_file(struct vm_area_struct *new, struct vm_area_struct *vma);

unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff);
int vm_munmap(unsigned long start, size_t len);
/*
 * -EBUSY, with a warning naming caller, while a migrate_vma runs on mm
 * (between setup and finalize): in Linux the driver holds mmap_lock then,
 * so munmap, mremap, mprotect and madvise wait; one thread cannot wait.
 */
int mm_migrate_vma_busy(struct mm_struct *mm, const char *caller);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len, int behavior);
/*
 * mremap on current->mm: MREMAP_MAYMOVE, MREMAP_FIXED (with new_addr),
 * MREMAP_DONTUNMAP; returns the new address or a negative errno.
 */
unsigned long vm_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr);
/* Change the rights of [start, start+len) to prot (PROT_NONE/READ/WRITE). */
int do_mprotect(struct mm_struct *mm, unsigned long start, size_t len, unsigned long prot);

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);
/* Cuts vma in two at addr (page aligned, strictly inside); 0 or -ENOMEM. */
int split_vma(struct vm_area_struct *vma, unsigned long addr);

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	mm->rss_stat[member] += value;
}

static inline unsigned long get_mm_counter(struct mm_struct *mm, int member)
{
	return mm->rss_stat[member];
}

#endif
