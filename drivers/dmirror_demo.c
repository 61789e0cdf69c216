/*
 * drivers/dmirror_demo.c - a THP's trip to the device and back, narrated
 * at boot (make run): the whole 2 MiB at once, then with FAIL_ALLOC
 * forcing the split, a CPU fault on one page, and the way back - with the
 * page tables, the counters and the device's memory shown at each step.
 */
#include <kernel/trace.h>
#include <kernel/boot_demo.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <drivers/dmirror.h>
#include <mm/huge_mm.h>
#include <mm/mmap.h>
#include <mm/slab.h>
#include <mm/vmstat.h>

#define SZ	(2UL << 20)

/* The region's state for the trace (scripts/trace2svg.py draws it). */
static void trace_region(struct mm_struct *mm, unsigned long haddr)
{
	unsigned long ram = 0, dev = 0;
	struct mm_mapping m;

	mm_find_mapping(mm, haddr, &m);
	if (m.level == MAPPING_PMD) {
		trace_mm_pgtable_region(haddr, 1, m.device_private ? 0 : HPAGE_PMD_NR,
					m.device_private ? HPAGE_PMD_NR : 0);
		return;
	}
	for (unsigned long a = haddr; a < haddr + SZ; a += PAGE_SIZE) {
		mm_find_mapping(mm, a, &m);
		ram += m.present;
		dev += m.device_private;
	}
	trace_mm_pgtable_region(haddr, 0, ram, dev);
}

static void show(struct mm_struct *mm, unsigned long addr, const char *what)
{
	struct dmirror_device_stats s;
	struct mm_mapping m;
	char buf[128];

	trace_region(mm, addr & PMD_MASK);
	dmirror_device_stats(0, &s);
	pr_info("-- %s\n", what);
	for (unsigned long off = 0; off < SZ; off += SZ / 2) {
		mm_find_mapping(mm, addr + off, &m);
		sprint_mapping(buf, sizeof(buf), &m);
		pr_info("   %#lx: %s\n", addr + off, buf);
	}
	pr_info("   device: %lu of %lu pages free, %lu free 2 MiB blocks; "
		"thp_migration success %lu split %lu, pgmigrate_success %lu\n",
		s.free_pages, s.nr_pages, s.free_huge, vm_event_count(THP_MIGRATION_SUCCESS),
		vm_event_count(THP_MIGRATION_SPLIT), vm_event_count(PGMIGRATE_SUCCESS));
}

static long migrate(struct dmirror *d, unsigned int req, unsigned long addr, void *mirror)
{
	struct hmm_dmirror_cmd cmd = { .addr = addr, .ptr = (u64)mirror, .npages = SZ >> 12 };
	long ret = dmirror_ioctl(d, req, &cmd);

	bool to_dev = req == HMM_DMIRROR_MIGRATE_TO_DEV;

	/* the two ioctls count differently, as Linux's test_hmm.c does */
	pr_info("%s(%#lx, 512 pages) = %ld, cpages %llu (%s)\n",
		to_dev ? "MIGRATE_TO_DEV" : "MIGRATE_TO_SYS", addr, ret,
		(unsigned long long)cmd.cpages,
		to_dev ? "4 KiB pages the read-back found on the device" :
			 "src[] entries that migrated: a whole THP is one COMPOUND entry");
	return ret;
}

static void migrate_demo(void)
{
	struct mm_struct *mm = mm_alloc();
	struct dmirror *d;
	unsigned long addr;
	void *mirror = kmalloc(SZ, GFP_KERNEL);
	int *p;

	if (!mm || !mirror)
		goto out_free;
	kthread_use_mm(mm);
	d = dmirror_open(0);
	addr = vm_mmap(NULL, 0, SZ, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (!d || IS_ERR_VALUE(addr))
		goto out;
	p = (int *)addr;
	for (unsigned long i = 0; i < SZ / sizeof(int); i++)
		p[i] = (int)i;
	show(mm, addr, "a 2 MiB THP in RAM, filled with 0, 1, 2, ...");

	migrate(d, HMM_DMIRROR_MIGRATE_TO_DEV, addr, mirror);
	show(mm, addr, "one COMPOUND entry: the whole folio moved; the PMD is now a device-private entry");
	dump_pagetable(mm, addr);
	migrate(d, HMM_DMIRROR_MIGRATE_TO_SYS, addr, mirror);
	show(mm, addr, "and back: a THP in RAM again");

	struct hmm_dmirror_cmd flags = { .npages = HMM_DMIRROR_FLAG_FAIL_ALLOC };
	dmirror_ioctl(d, HMM_DMIRROR_FLAGS, &flags);
	pr_info("FLAGS(FAIL_ALLOC): the device's next 2 MiB allocation will fail\n");
	migrate(d, HMM_DMIRROR_MIGRATE_TO_DEV, addr, mirror);
	show(mm, addr, "512 small device pages: the PMD migration entry was split into 512 PTE "
	     "migration entries, the unmapped THP split to order 0, each page moved on its own");
	dump_pagetable(mm, addr + 4096);

	pr_info("The CPU reads p[1024] (page 1): a PTE fault brings back just that page: %d\n",
		((volatile int *)p)[1024]);
	show(mm, addr + 4096, "page 1 is in RAM again, page 257 (the next line) still on the device");

	migrate(d, HMM_DMIRROR_MIGRATE_TO_SYS, addr, mirror);
	show(mm, addr, "all back in RAM (as 4 KiB pages); the device's pages merged back into 2 MiB blocks");
	for (unsigned long i = 0; i < SZ / sizeof(int); i++)
		if (p[i] != (int)i) {
			pr_err("   data mismatch at p[%lu]!\n", i);
			break;
		}
	pr_info("Every one of the %lu ints checked.\n", SZ / sizeof(int));
out:
	dmirror_close(d);
	kthread_unuse_mm(mm);
out_free:
	mmput(mm);
	kfree(mirror);
}
boot_demo(40, "migrate", "a THP to the device and back, whole and split (FAIL_ALLOC)", migrate_demo);
