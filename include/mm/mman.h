/*
 * include/mm/mman.h - the mmap/mprotect/madvise/mremap constants (Linux's
 * x86-64 uapi values).  Some are here only so that mmlab can refuse them by
 * name: see "Where mmlab differs from Linux" in docs/paging.md.
 */
#ifndef _MM_MMAN_H
#define _MM_MMAN_H

#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define PROT_SEM	0x8		/* accepted and ignored, as on x86 */
#define PROT_GROWSDOWN	0x01000000	/* mprotect only */
#define PROT_GROWSUP	0x02000000

#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_DROPPABLE	0x08
#define MAP_TYPE	0x0f		/* one of the four above */
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_32BIT	0x40
#define MAP_GROWSDOWN	0x0100
#define MAP_DENYWRITE	0x0800		/* ignored, as in Linux */
#define MAP_EXECUTABLE	0x1000		/* ignored, as in Linux */
#define MAP_LOCKED	0x2000
#define MAP_NORESERVE	0x4000		/* nothing is accounted: ignored */
#define MAP_POPULATE	0x8000
#define MAP_NONBLOCK	0x10000		/* only means something with MAP_POPULATE */
#define MAP_STACK	0x20000		/* VM_NOHUGEPAGE, as since Linux 6.7 */
#define MAP_HUGETLB	0x40000
#define MAP_SYNC	0x80000		/* ignored without MAP_SHARED_VALIDATE */
#define MAP_FIXED_NOREPLACE 0x100000	/* MAP_FIXED, but -EEXIST over a mapping */

#define MADV_NORMAL	0
#define MADV_DONTNEED	4
#define MADV_FREE	8
#define MADV_HUGEPAGE	14
#define MADV_NOHUGEPAGE	15

#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2
#define MREMAP_DONTUNMAP 4

#endif
