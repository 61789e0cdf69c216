/*
 * include/mm/mm_types.h - struct page and struct folio.
 *
 * One struct page (64 bytes) describes each 4 KiB page frame; they sit in
 * the flat array mem_map[], indexed by page frame number (pfn).  A page's
 * fields mean different things depending on what it is used for, so most
 * live in a union, exactly as in Linux (include/linux/mm_types.h):
 *
 *   free page (PG_buddy)   lru links it into free_area[order], private = order
 *   anonymous page         mapping = its mm, index = virtual page (mm/rmap.c)
 *   slab page (PG_slab)    slab_list, slab_cache, freelist, inuse
 *   tail page              compound_head = address of the head page | 1
 *   device page            pgmap, zone_device_data
 *
 * A folio is a head page viewed as the whole (possibly multi-page) unit of
 * memory: struct folio overlays the head page and the first two tail
 * pages, where the order, the large-folio mapcounts and the deferred-split
 * list are kept (so an order-1 folio has no deferred-split list).
 */
#ifndef _MM_MM_TYPES_H
#define _MM_MM_TYPES_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/atomic.h>
#include <asm/pgtable.h>

struct dev_pagemap;
struct kmem_cache;

struct page {
	unsigned long flags;		/* PG_* bits; zone number in the top bits */
	union {
		struct {	/* free, anonymous and page-table pages */
			struct list_head lru;
			void *mapping;
			pgoff_t index;
			unsigned long private;
		};
		struct {	/* slab pages */
			struct list_head slab_list;
			struct kmem_cache *slab_cache;
			void *freelist;		/* first free object */
			unsigned long inuse;	/* objects handed out */
		};
		struct {	/* tail pages of a compound page */
			unsigned long compound_head;
		};
		struct {	/* ZONE_DEVICE pages */
			struct dev_pagemap *pgmap;
			void *zone_device_data;
		};
	};
	atomic_t _mapcount;		/* page-table mappings of this page, -1 based */
	atomic_t _refcount;		/* references; 0 means free */
	unsigned long alloc_order;	/* debug: order it was allocated with */
};

struct folio {
	/* page 0: the head page */
	union {
		struct {
			unsigned long flags;
			union {
				struct list_head lru;
				struct {
					struct dev_pagemap *pgmap;
					void *zone_device_data;
				};
			};
			void *mapping;
			pgoff_t index;
			unsigned long private;
			atomic_t _mapcount;
			atomic_t _refcount;
		};
		struct page page;
	};
	/* page 1: the first tail page (only for large folios) */
	union {
		struct {
			unsigned long _flags_1;		/* the tail page's own flags */
			unsigned long _head_1;		/* its compound_head */
			atomic_t _large_mapcount;	/* all mappings, -1 based */
			atomic_t _entire_mapcount;	/* PMD mappings, -1 based */
			atomic_t _nr_pages_mapped;	/* pages mapped by PTEs */
			atomic_t _pincount;
			unsigned int _folio_nr_pages;
			unsigned char _folio_order;	/* Linux: low byte of _flags_1 */
		};
		struct page __page_1;
	};
	/* page 2: the second tail page (only for folios of order 2 and up) */
	union {
		struct {
			unsigned long _flags_2;
			unsigned long _head_2;		/* its compound_head */
			struct list_head _deferred_list;	/* on the deferred-split queue */
		};
		struct page __page_2;
	};
};

/* ---- address spaces --------------------------------------------------- */

typedef unsigned long vm_flags_t;

enum {
	MM_ANONPAGES,		/* anonymous pages mapped (resident set) */
	MM_SHMEMPAGES,		/* shared anonymous (shmem) pages mapped */
	NR_MM_COUNTERS,
};

/*
 * An address space: its page tables and its VMAs.  The kernel half of every
 * pgd is a copy of the kernel's own (entries 256..511), so kernel code and
 * the direct map stay mapped whichever mm is loaded in CR3.
 */
struct mm_struct {
	pgd_t *pgd;			/* the top-level table (PML4) */
	struct list_head mmap;		/* VMAs sorted by address (Linux: a maple tree) */
	int map_count;			/* number of VMAs */
	atomic_t mm_users;
	unsigned long mmap_base;	/* top of the mmap area; we allocate downwards */
	unsigned long task_size;	/* user addresses are below this */
	/* the program's layout, set by load_elf_binary (kernel/exec_elf.c) */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk;	/* the heap: empty, after the highest segment */
	unsigned long start_stack;	/* the initial rsp */
	unsigned long arg_start, arg_end, env_start, env_end;	/* the strings */
	unsigned long pgtables_bytes;	/* page-table pages in use, in bytes */
	unsigned long rss_stat[NR_MM_COUNTERS];
	struct list_head pmd_huge_pte;	/* page tables deposited for THP splits */
	unsigned long nr_deposited;
	struct list_head notifier_subscriptions;	/* mmu interval notifiers */
	unsigned long notifier_seq;	/* odd while an invalidation runs */
	/*
	 * migrate_vma calls between setup and finalize that left migration
	 * entries.  In Linux the driver holds mmap_lock for reading across
	 * them, so munmap, mremap and mprotect wait; mmlab refuses them.
	 */
	int migrate_vma_active;
};

/*
 * A virtual memory area: [vm_start, vm_end) of one mm with the same
 * permissions.  mmlab only has anonymous, private VMAs.
 */
struct anon_vma;
struct file;
struct vm_operations_struct;

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;		/* first byte after */
	struct mm_struct *vm_mm;
	vm_flags_t vm_flags;		/* VM_READ, VM_WRITE, VM_HUGEPAGE, ... */
	pgprot_t vm_page_prot;		/* what entries map with: vm_get_page_prot(vm_flags) */
	pgoff_t vm_pgoff;		/* vm_start >> PAGE_SHIFT when created */
	struct list_head vm_list;	/* in mm->mmap */
	/*
	 * The reverse map (mm/rmap.c): the anon_vma this VMA's new anonymous
	 * folios point to (set on the first fault, anon_vma_prepare), and
	 * anon_vma_chain: one struct anon_vma_chain per anon_vma whose folios
	 * may be mapped here (its own and, after fork, its ancestors').
	 */
	struct anon_vma *anon_vma;
	struct list_head anon_vma_chain;
	/*
	 * What backs a VMA that is not anonymous memory: MAP_SHARED anonymous
	 * memory is a shmem file (mm/shmem.c), whose vm_ops->fault finds the
	 * page at an offset.  NULL for private anonymous VMAs.
	 */
	const struct vm_operations_struct *vm_ops;
	struct file *vm_file;
};

#endif
