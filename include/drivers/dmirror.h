/*
 * include/drivers/dmirror.h - the simulated device with private memory.
 *
 * The in-kernel twin of Linux's lib/test_hmm.c ("dmirror") and its uapi
 * header test_hmm_uapi.h.  Two devices (minors 0 and 1) each own a piece of
 * RAM reserved at boot (dmirror.size=, default 64 MiB) that the CPU never
 * maps: their device-private memory.  dmirror_open() binds a mirror to
 * current->mm, like open() of /dev/hmm_dmirrorN in a process, and
 * dmirror_ioctl() takes the same commands and struct as the real ioctl,
 * with `ptr` a user address of current->mm (reached with copy_from_user /
 * copy_to_user, as in Linux) or a kernel buffer.  Returns 0 or -errno.
 */
#ifndef _DRIVERS_DMIRROR_H
#define _DRIVERS_DMIRROR_H

#include <kernel/types.h>

#define DMIRROR_NDEVICES	2
/* /dev/hmm_dmirrorN's major: dynamic in Linux, fixed here for the initramfs (240: local use) */
#define HMM_DMIRROR_MAJOR	240

struct hmm_dmirror_cmd {
	u64 addr;	/* page-aligned start of the range */
	u64 ptr;	/* the buffer: npages * 4 KiB (SNAPSHOT: npages bytes) */
	u64 npages;
	u64 cpages;	/* out: pages the command did something with */
	u64 faults;	/* out: fault rounds (READ/WRITE) */
};

/* The ioctl numbers of Linux's test_hmm_uapi.h (_IOWR('H', nr, struct)). */
#define HMM_DMIRROR_IOWR(nr) \
	((3U << 30) | ((unsigned int)sizeof(struct hmm_dmirror_cmd) << 16) | ('H' << 8) | (nr))
#define HMM_DMIRROR_READ		HMM_DMIRROR_IOWR(0x00)
#define HMM_DMIRROR_WRITE		HMM_DMIRROR_IOWR(0x01)
#define HMM_DMIRROR_MIGRATE_TO_DEV	HMM_DMIRROR_IOWR(0x02)
#define HMM_DMIRROR_MIGRATE_TO_SYS	HMM_DMIRROR_IOWR(0x03)
#define HMM_DMIRROR_SNAPSHOT		HMM_DMIRROR_IOWR(0x04)
#define HMM_DMIRROR_EXCLUSIVE		HMM_DMIRROR_IOWR(0x05)
#define HMM_DMIRROR_CHECK_EXCLUSIVE	HMM_DMIRROR_IOWR(0x06)
#define HMM_DMIRROR_RELEASE		HMM_DMIRROR_IOWR(0x07)
#define HMM_DMIRROR_FLAGS		HMM_DMIRROR_IOWR(0x08)

/* HMM_DMIRROR_SNAPSHOT: one byte per page of what the CPU page tables hold. */
#define HMM_DMIRROR_PROT_ERROR			0xFF
#define HMM_DMIRROR_PROT_NONE			0x00
#define HMM_DMIRROR_PROT_READ			0x01
#define HMM_DMIRROR_PROT_WRITE			0x02
#define HMM_DMIRROR_PROT_PMD			0x04
#define HMM_DMIRROR_PROT_PUD			0x08
#define HMM_DMIRROR_PROT_ZERO			0x10
#define HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL	0x20
#define HMM_DMIRROR_PROT_DEV_PRIVATE_REMOTE	0x30

/* HMM_DMIRROR_FLAGS: cmd.npages holds these; FAIL_ALLOC is one-shot. */
#define HMM_DMIRROR_FLAG_FAIL_ALLOC	(1ULL << 0)

struct dmirror;

/*
 * A handle already closed (twice closed, or used after close) gets -EBADF
 * and a warning naming the caller - never a use after free.  A NULL
 * handle: dmirror_close() ignores it, dmirror_ioctl() says -EINVAL.
 */
struct dmirror *dmirror_open(unsigned int minor);
int dmirror_close(struct dmirror *dmirror);
long dmirror_ioctl(struct dmirror *dmirror, unsigned int cmd, struct hmm_dmirror_cmd *arg);
/* Free device memory of a device, in 4 KiB pages (for leak checks). */
unsigned long dmirror_device_free_pages(unsigned int minor);

/* Fault injection: fail this percentage of the device's 2 MiB allocations. */
void dmirror_set_fail_huge(unsigned int minor, unsigned int percent, u64 seed);

/* Boot: reserve the devices' memory (before mm_core_init), then create them. */
void dmirror_reserve_memory(void);
int dmirror_init(void);
/* Registers /dev/hmm_dmirror0 and 1 (drivers/hmm_dmirror_fops.c). */
int dmirror_chrdev_init(void);

/*
 * Where the MIGRATE_TO_DEV/_TO_SYS ioctls spend their time, summed over
 * every call in TSC cycles (rdtsc_ordered), for `make bench`: it times the
 * migration without TO_DEV's read-back into cmd.ptr, and sees which phase
 * dominates.  The chunk loop around the phases is in no bucket.
 */
enum dmirror_migrate_phase {
	DMIRROR_MIG_SETUP,	/* migrate_vma_setup(): collect and unmap */
	DMIRROR_MIG_COPY,	/* the driver allocates destinations and copies */
	DMIRROR_MIG_PAGES,	/* migrate_vma_pages() */
	DMIRROR_MIG_FINALIZE,	/* device page table update, migrate_vma_finalize() */
	DMIRROR_MIG_READBACK,	/* TO_DEV: the range copied back into cmd.ptr */
	DMIRROR_MIG_NR_PHASES
};

struct dmirror_device_stats {
	unsigned long nr_pages;		/* device memory, in 4 KiB pages */
	unsigned long free_pages;
	unsigned long free_huge;	/* free blocks of 2 MiB or more */
	unsigned long calloc, cfree;	/* pages allocated / freed so far */
	unsigned long folio_splits;	/* dev_pagemap_ops.folio_split calls (tail == NULL) */
	u64 migrate_cycles[DMIRROR_MIG_NR_PHASES];
};
/* 0, -EINVAL for a minor past the last device, -ENODEV for one without memory. */
int dmirror_device_stats(unsigned int minor, struct dmirror_device_stats *stats);

#endif
