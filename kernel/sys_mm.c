/*
 * kernel/sys_mm.c - the memory system calls: mmap, munmap, mprotect,
 * madvise, mremap and brk, on current->mm.
 *
 * The VMA work and its checks are the mm's (mm/mmap.c, mm/mprotect.c,
 * mm/madvise.c, mm/mremap.c, with Linux's errnos: docs/bad-input.md).
 * Here are the parts of the system calls above them: mmap's offset and
 * fd (a file mapping finds its file, -EBADF, then needs read access and
 * an mmap operation, which no mmlab file has: -ENODEV), MAP_POPULATE
 * (the range is faulted in as the user's own accesses would be), and brk.
 * Linux: arch/x86/kernel/sys_x86_64.c (mmap), mm/mmap.c (ksys_mmap_pgoff,
 * do_mmap, brk), mm/gup.c (__mm_populate).
 */
#include <kernel/syscalls.h>
#include <kernel/sched.h>
#include <kernel/fdtable.h>
#include <kernel/errno.h>
#include <mm/mmap.h>
#include <mm/uaccess.h>

/*
 * Touches each page of [addr, addr + len) as the user would: a write
 * where the VMA is writable, else a read; inaccessible VMAs are skipped
 * and errors ignored, as Linux's mm_populate does.
 */
static void mm_populate(unsigned long addr, unsigned long len)
{
	for (unsigned long a = addr; a < addr + len; a += PAGE_SIZE) {
		struct vm_area_struct *vma = vma_lookup(current->mm, a);
		char c;

		if (!vma || !(vma->vm_flags & (VM_READ | VM_WRITE)))
			continue;
		if (get_user(c, (char __user *)a))
			continue;
		if (vma->vm_flags & VM_WRITE)
			put_user(c, (char __user *)a);
	}
}

/* Linux's do_mmap checks for a file mapping, up to the one mmlab fails. */
static long mmap_file(unsigned long len, unsigned long flags, unsigned long fd)
{
	struct file *f = fget(current->files, (int)fd);
	long err;

	if (!f)
		return -EBADF;
	if (!len)
		err = -EINVAL;
	else if ((flags & MAP_TYPE) > MAP_SHARED_VALIDATE)
		err = -EINVAL;
	else if (!(f->f_mode & FMODE_READ))
		err = -EACCES;
	else
		err = -ENODEV;		/* no file has an mmap operation yet */
	fput(f);
	return err;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, off)
{
	unsigned long ret;

	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return mmap_file(len, flags, fd);
	ret = vm_mmap(NULL, addr, len, prot, flags & ~MAP_POPULATE, off >> PAGE_SHIFT);
	if (!IS_ERR_VALUE(ret) && (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE)
		mm_populate(ret, len);
	return ret;
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
	return vm_munmap(addr, len);
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	return do_mprotect(current->mm, start, len, prot);
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
	return do_madvise(current->mm, start, len_in, behavior);
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	return vm_mremap(addr, old_len, new_len, flags, new_addr);
}

#define BRK_VM_FLAGS	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE)

/*
 * The heap grows page by page: the VMA that ends at the old break (if it
 * is the heap's) is stretched, as Linux's do_brk_flags stretches it;
 * otherwise a new anonymous one starts there.
 */
static int brk_grow(struct mm_struct *mm, unsigned long oldbrk, unsigned long newbrk)
{
	struct vm_area_struct *prev = oldbrk > mm->start_brk ?
		vma_lookup(mm, oldbrk - 1) : NULL;
	unsigned long ret;

	if (prev && prev->vm_end == oldbrk && prev->vm_start >= mm->start_brk &&
	    prev->vm_flags == BRK_VM_FLAGS) {
		prev->vm_end = newbrk;
		return 0;
	}
	ret = vm_mmap(NULL, oldbrk, newbrk - oldbrk, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, 0);
	return IS_ERR_VALUE(ret) ? (int)ret : 0;
}

/*
 * brk(addr): Linux's semantics - the new break, or the current one when
 * the request fails (below start_brk, into another mapping or within a
 * page of it, past user space, out of memory).  Shrinking unmaps the
 * whole pages above the new break.
 */
SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long oldbrk, newbrk;
	struct vm_area_struct *next;

	if (!mm || brk < mm->start_brk)
		return mm ? mm->brk : 0;
	newbrk = ALIGN(brk, PAGE_SIZE);
	oldbrk = ALIGN(mm->brk, PAGE_SIZE);
	if (newbrk < brk || newbrk > TASK_SIZE_MAX)
		return mm->brk;			/* past user space (or wrapped) */
	if (newbrk == oldbrk)
		return mm->brk = brk;
	if (brk <= mm->brk) {
		next = find_vma(mm, newbrk);
		if (!next || next->vm_start >= oldbrk)
			return mm->brk;		/* no heap there: another mapping's space */
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			return mm->brk;
		return mm->brk = brk;
	}
	next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > next->vm_start)
		return mm->brk;			/* Linux keeps a page free before the next VMA */
	if (brk_grow(mm, oldbrk, newbrk))
		return mm->brk;
	return mm->brk = brk;
}
