/*
 * include/mm/shmem_fs.h - shared anonymous memory (mmap MAP_SHARED |
 * MAP_ANONYMOUS): pages that every process mapping them sees, across fork.
 *
 * As in Linux, such a VMA is backed by an unnamed shmem file
 * (vma->vm_file, "dev/zero") whose page cache holds its pages by page
 * offset; a fault maps the page at that offset, allocating a zeroed one the
 * first time (shmem_fault), and the pages live until the last mapping -
 * the last reference to the file - is gone.  Fork gives the child the same
 * file, so parent and child map the same pages; nothing is copied on
 * write.  Linux: mm/shmem.c (shmem_zero_setup, shmem_fault),
 * include/linux/shmem_fs.h.
 */
#ifndef _MM_SHMEM_FS_H
#define _MM_SHMEM_FS_H

#include <mm/mm_types.h>

/* Backs a new MAP_SHARED|MAP_ANONYMOUS VMA with a shmem file of its size; -ENOMEM. */
int shmem_zero_setup(struct vm_area_struct *vma);
/* Is this VMA shmem-backed?  Linux: vma_is_shmem(). */
bool vma_is_shmem(const struct vm_area_struct *vma);
/* addr's folio in a shmem VMA's file, NULL if never touched; no reference (for checks). */
struct folio *shmem_vma_folio(const struct vm_area_struct *vma, unsigned long addr);
/* Pages held by shmem files now (/proc/meminfo's Shmem:; Linux keeps NR_SHMEM in vmstat). */
unsigned long shmem_pages(void);

#endif
