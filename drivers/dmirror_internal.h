/*
 * drivers/dmirror_internal.h - what the dmirror files share.
 */
#ifndef _DRIVERS_DMIRROR_INTERNAL_H
#define _DRIVERS_DMIRROR_INTERNAL_H

#include <drivers/dmirror.h>
#include <mm/memremap.h>
#include <mm/migrate.h>
#include <mm/mmu_notifier.h>
#include <kernel/random.h>
#include <kernel/list.h>

/*
 * The device's page table: virtual page number -> device entry, four levels
 * of 512, indexed like the CPU's.  An entry is pfn << PAGE_SHIFT | flags.
 */
#define DPT_VALID	0x1UL
#define DPT_WRITE	0x2UL

struct dmirror_pt {
	u64 *root;
	/*
	 * The last leaf table walked to, and vpn >> 9 for the 512 pages it
	 * maps: migration goes 2 MiB at a time, so most walks stop here
	 * instead of going down four levels for every 4 KiB page.  Tables are
	 * only freed by dpt_destroy(), which forgets it.
	 */
	u64 *leaf;
	unsigned long leaf_vpn;
};

u64 dpt_lookup(struct dmirror_pt *pt, unsigned long vpn);
int dpt_store(struct dmirror_pt *pt, unsigned long vpn, u64 entry);
void dpt_erase(struct dmirror_pt *pt, unsigned long vpn);
/* Every leaf in [start_vpn, end_vpn), visiting only tables that exist. */
void dpt_erase_range(struct dmirror_pt *pt, unsigned long start_vpn, unsigned long end_vpn);
void dpt_destroy(struct dmirror_pt *pt);

struct dmirror_device {
	unsigned int minor;
	struct dev_pagemap pagemap;
	struct zone zone;		/* the device's memory, in a buddy allocator */
	unsigned long calloc, cfree;
	unsigned long folio_splits;
	u64 migrate_cycles[DMIRROR_MIG_NR_PHASES];	/* see dmirror_migrate_phase */
	unsigned int fail_huge_percent;
	struct rnd_state fail_rnd;
	struct list_head mirrors;	/* open struct dmirror */
};

struct dmirror {
	struct dmirror_device *mdevice;
	struct mm_struct *mm;
	struct mmu_interval_notifier notifier;	/* the whole address space */
	struct dmirror_pt pt;
	u64 flags;			/* HMM_DMIRROR_FLAGS */
	bool migrating;			/* inside its own migrate_vma calls */
	struct list_head list;		/* in mdevice->mirrors */
};

/* The open mirror of mdevice on mm, if any. */
struct dmirror *dmirror_of(struct dmirror_device *mdevice, struct mm_struct *mm);
/* A locked device page (the head of a 2 MiB folio if is_large), or NULL. */
struct page *dmirror_devmem_alloc_page(struct dmirror *dmirror, bool is_large);

/* Copies what the device sees of cmd's range into cmd->ptr (dmirror_mirror.c). */
int dmirror_read_device(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd);

/* dmirror_mirror.c: the device reading and writing through its mirror */
extern const struct mmu_interval_notifier_ops dmirror_notifier_ops;
int dmirror_read(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd);
int dmirror_write(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd);
int dmirror_snapshot(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd);

/* dmirror_migrate.c */
int dmirror_migrate_to_device(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd);
int dmirror_migrate_to_system(struct dmirror *dmirror, struct hmm_dmirror_cmd *cmd);
/* Evicts all of the device's memory in use back to RAM (HMM_DMIRROR_RELEASE). */
int dmirror_device_remove_chunks(struct dmirror_device *mdevice);
vm_fault_t dmirror_devmem_fault(struct vm_fault *vmf);

#endif
