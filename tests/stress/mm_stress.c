/*
 * tests/stress/mm_stress.c - the model-checked stress (see mm_stress.h).
 *
 * The arena is cfg->slots (at most MAX_SLOTS) windows of 2 MiB of one mm.  The model keeps, per
 * 4 KiB page, whether a VMA should cover it and the seed its bytes are
 * generated from (0: zeroes).  Each step picks an operation and a range at
 * random, runs it, moves the model the way the operation's result says it
 * went (an operation may fail - an allocation failure was injected, the
 * range crosses a hole - but then it must not have changed any byte), and
 * checks every page of the range through the page tables.
 *
 * Shared memory.  A quarter of the mmaps are MAP_SHARED|MAP_ANONYMOUS: a
 * shmem file (mm/shmem.c) whose pages every mapping of it sees.  The model
 * gives each page of such a VMA an object-page id (obj[i]; 0: a private
 * page) and keeps the content per object page (obj_seed[id]), not per
 * address: a write through any mapping - parent or child, CPU or device -
 * changes obj_seed, and every page mapping that id reads it.  mmap gives
 * fresh ids; fork copies them into the child's model (the same object
 * pages, no copy-on-write); mremap moves the id with the page; munmap and
 * the child's exit drop it; MADV_DONTNEED keeps it (the page refaults from
 * the file with its bytes); migration to a device leaves shmem pages where
 * they are.  An id is counted (obj_ref) and reused once no page maps it.
 * The checks read a shared page through its PTE or, if there is none (the
 * child after fork, after MADV_DONTNEED), from the file's page cache
 * (shmem_vma_folio); the VMA must be shmem exactly where the model says,
 * a shared page is never a THP nor a device page, and one object page must
 * be one folio everywhere it is mapped (obj_pfn).
 */
#include "mm_stress.h"
#include <drivers/dmirror.h>
#include <mm/mmap.h>
#include <mm/memory.h>
#include <mm/huge_mm.h>
#include <mm/uaccess.h>
#include <mm/slab.h>
#include <mm/gfp.h>
#include <mm/fault-inject.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/syscalls.h>
#include <mm/vmstat.h>
#include <mm/shmem_fs.h>
#include <kernel/signal.h>
#include <asm/unistd_64.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/processor.h>

/* vm events a run reports, to show the paths it went through. */
static const enum vm_event_item stress_events[5] = {
	PGMIGRATE_SUCCESS, THP_MIGRATION_SUCCESS, THP_MIGRATION_SPLIT, THP_SPLIT_PAGE,
	THP_DEFERRED_SPLIT_PAGE,
};

#define MAX_SLOTS	8
#define SLOT_PAGES	512
#define MAX_PAGES	(MAX_SLOTS * SLOT_PAGES)
#define MAX_RUN		64		/* pages one device READ/WRITE covers */
#define SAMPLE_WORDS	8		/* words checked per page on every step */
/* object-page ids: every page of parent and child can hold a different one */
#define MAX_OBJ		(2 * MAX_PAGES + 1)

enum stress_op {
	OP_CPU_WRITE, OP_CPU_READ, OP_TO_DEV, OP_TO_SYS, OP_DEV_READ, OP_DEV_WRITE,
	OP_SNAPSHOT, OP_MUNMAP, OP_MMAP, OP_MPROTECT, OP_MREMAP, OP_MADVISE,
	OP_THP_MODE, OP_REOPEN, OP_SPLIT, OP_FORK, OP_CHILD_WRITE, OP_CHILD_EXIT, OP_SIGNAL,
	NR_OPS
};

static const char *const op_names[NR_OPS] = {
	"cpu-write", "cpu-read", "to-dev", "to-sys", "dev-read", "dev-write", "snapshot",
	"munmap", "mmap", "mprotect", "mremap", "madvise", "thp-mode", "reopen", "split",
	"fork", "child-write", "child-exit", "signal",
};

/* What one mm's arena must hold, page by page (the parent's, the child's). */
struct stress_model {
	u32 seed[MAX_PAGES];		/* content of a private page; 0: zeroes */
	u16 obj[MAX_PAGES];		/* the shmem object page it maps; 0: private */
	bool mapped[MAX_PAGES];		/* a VMA covers it */
};

struct stress {
	const struct mm_stress_config *cfg;
	struct mm_stress_result *res;
	struct rnd_state rnd;
	unsigned long base;		/* the arena's first address */
	unsigned long slots, npages;	/* the arena: slots windows of 2 MiB */
	struct stress_model m;		/* the parent's, current->mm */
	/* the shmem object pages: content, pages of m and cm mapping each, folio */
	u32 obj_seed[MAX_OBJ];
	u16 obj_ref[MAX_OBJ];
	unsigned long obj_pfn[MAX_OBJ];	/* 0: not seen faulted in yet */
	unsigned int obj_next;		/* where the search for a free id starts */
	struct dmirror *dmirror[DMIRROR_NDEVICES];
	u64 *buf;			/* a slot's pages, for CPU and device copies */
	unsigned long udata;		/* a user page outside the arena: rt_sigaction's struct */
	bool injecting;			/* this step's allocations may fail */
	struct k_sigaction old_segv;	/* the SIGSEGV action before the run, put back after */
	u64 expect[PAGE_SIZE / 8];	/* the page the model wants, for a full check */
	u8 *snap;
	unsigned long step;
	u32 next_seed;
	size_t pos;			/* next byte of cfg->data */
	bool out_of_data;
	/* a forked child (dup_mmap of the arena's mm), and its own model */
	struct mm_struct *child;
	struct stress_model cm;
};

static unsigned long page_addr(struct stress *s, unsigned long i)
{
	return s->base + (i << PAGE_SHIFT);
}

/* Word w of a page whose content is seed. */
static u64 stress_word(u32 seed, unsigned int w)
{
	if (!seed)
		return 0;
	return ((u64)seed * 0x9e3779b97f4a7c15ULL) ^ ((u64)(w + 1) * 0xd6e8feb86659fd93ULL);
}

static void fill_page(u64 *p, u32 seed)
{
	for (unsigned int w = 0; w < PAGE_SIZE / 8; w++)
		p[w] = stress_word(seed, w);
}

/* ---- the model's pages: private, or a shmem object page ----------------- */

static u32 page_seed(struct stress *s, const struct stress_model *m, unsigned long i)
{
	return m->obj[i] ? s->obj_seed[m->obj[i]] : m->seed[i];
}

/* Page i was written: a private page alone, or the object page for every mapping. */
static void set_page_seed(struct stress *s, struct stress_model *m, unsigned long i, u32 seed)
{
	if (m->obj[i]) {
		s->obj_seed[m->obj[i]] = seed;
		s->res->shmem[1]++;
	} else {
		m->seed[i] = seed;
	}
}

static void obj_get(struct stress *s, u16 id)
{
	if (id)
		s->obj_ref[id]++;
}

static void obj_put(struct stress *s, u16 id)
{
	if (id && !--s->obj_ref[id])
		s->obj_pfn[id] = 0;	/* the id may name another page from now on */
}

/* A fresh object page (zeroes); there is always one: see MAX_OBJ. */
static u16 obj_new(struct stress *s)
{
	for (;;) {
		s->obj_next = s->obj_next % (MAX_OBJ - 1) + 1;
		if (!s->obj_ref[s->obj_next])
			break;
	}
	s->obj_ref[s->obj_next] = 1;
	s->obj_seed[s->obj_next] = 0;
	s->obj_pfn[s->obj_next] = 0;
	return s->obj_next;
}

/* Page i is no longer mapped in this model. */
static void model_unmap(struct stress *s, struct stress_model *m, unsigned long i)
{
	m->mapped[i] = false;
	obj_put(s, m->obj[i]);
	m->obj[i] = 0;
	m->seed[i] = 0;
}

static bool fail(struct stress *s, const char *fmt, ...)
{
	va_list ap;

	if (s->res->failed)
		return false;
	va_start(ap, fmt);
	vsnprintf(s->res->why, sizeof(s->res->why), fmt, ap);
	va_end(ap);
	s->res->failed = true;
	s->res->failed_step = s->step;
	return false;
}

/*
 * The page at addr as the page tables say, without touching it from the
 * CPU: its bytes through the direct map, or NULL for zeroes (nothing
 * mapped yet, or a zero page).  false after a failure.
 */
static bool peek_page(struct stress *s, struct mm_struct *mm, unsigned long addr,
		      const u64 **words)
{
	struct mm_mapping m;

	mm_find_mapping(mm, addr, &m);
	if (m.migration)
		return fail(s, "page %#lx: a migration entry was left behind", addr);
	*words = (m.level == MAPPING_NONE || m.zero_page) ? NULL : __va(PFN_PHYS(m.pfn));
	return true;
}

/*
 * A page of a shmem VMA: mapped 4 KiB, from RAM, by the file's folio for
 * that offset - the same folio wherever the object page is mapped; with
 * no PTE, the file's folio is what a fault would map (NULL: zeroes).
 */
static bool peek_shmem_page(struct stress *s, struct mm_struct *mm, struct vm_area_struct *vma,
			    unsigned long addr, u16 id, const u64 **words)
{
	const char *who = mm == s->child ? "child " : "";
	struct folio *folio = shmem_vma_folio(vma, addr);
	struct mm_mapping m;

	mm_find_mapping(mm, addr, &m);
	if (m.level != MAPPING_NONE && m.level != MAPPING_PTE)
		return fail(s, "%sshmem page %#lx is mapped by a huge entry", who, addr);
	if (m.device_private || m.migration || m.zero_page)
		return fail(s, "%sshmem page %#lx: a %s entry", who, addr,
			    m.device_private ? "device-private" : m.migration ? "migration" : "zero-page");
	if (m.level == MAPPING_PTE && (!folio || m.pfn != folio_pfn(folio)))
		return fail(s, "%sshmem page %#lx maps pfn %#lx, its file holds %#lx", who, addr,
			    m.pfn, folio ? folio_pfn(folio) : 0UL);
	if (folio && !s->obj_pfn[id])
		s->obj_pfn[id] = folio_pfn(folio);
	else if (folio && s->obj_pfn[id] != folio_pfn(folio))
		return fail(s, "%sshmem page %#lx (object page %u) is pfn %#lx, elsewhere %#lx", who,
			    addr, id, folio_pfn(folio), s->obj_pfn[id]);
	s->res->shmem[3]++;
	*words = folio ? folio_address(folio) : NULL;
	return true;
}

/*
 * Page i of mm against a model (the parent's: current->mm, s->m; or the
 * child's): VMA or not, shmem or not, then the words (all, or a sample).
 */
static bool check_page_of(struct stress *s, struct mm_struct *mm, const struct stress_model *md,
			  unsigned long i, bool all)
{
	unsigned long addr = page_addr(s, i);
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	u32 seed = page_seed(s, md, i);
	const u64 *words = NULL;	/* set by peek_*_page(); gcc -O2 cannot see it */

	if (!!vma != md->mapped[i])
		return fail(s, "%s page %#lx: VMA %s, model says %s", mm == s->child ? "child" : "",
			    addr, vma ? "present" : "gone", md->mapped[i] ? "mapped" : "unmapped");
	if (!vma)
		return true;
	if (vma_is_shmem(vma) != !!md->obj[i])
		return fail(s, "%s page %#lx: VMA %s, model says %s", mm == s->child ? "child" : "",
			    addr, vma_is_shmem(vma) ? "shmem" : "private",
			    md->obj[i] ? "shared" : "private");
	if (md->obj[i] ? !peek_shmem_page(s, mm, vma, addr, md->obj[i], &words) :
			 !peek_page(s, mm, addr, &words))
		return false;
	if (all) {			/* the common case in one memcmp; else find the word */
		fill_page(s->expect, seed);
		if (words ? !memcmp(words, s->expect, PAGE_SIZE) :
			    !memchr_inv(s->expect, 0, PAGE_SIZE))
			return true;
	}
	for (unsigned int k = 0; k < (all ? PAGE_SIZE / 8 : SAMPLE_WORDS); k++) {
		unsigned int w = all ? k : (k * 67 + i) % (PAGE_SIZE / 8);
		u64 v = words ? words[w] : 0;

		if (v != stress_word(seed, w))
			return fail(s, "%s%s page %#lx word %u: %#llx, model seed %u wants %#llx",
				    mm == s->child ? "child " : "", md->obj[i] ? "shared" : "",
				    addr, w, (unsigned long long)v, seed,
				    (unsigned long long)stress_word(seed, w));
	}
	return true;
}

/* The parent's pages and, if there is a child, the child's. */
static bool check_range(struct stress *s, unsigned long first, unsigned long n, bool all)
{
	for (unsigned long i = first; i < first + n; i++) {
		if (!check_page_of(s, current->mm, &s->m, i, all))
			return false;
		if (s->child && !check_page_of(s, s->child, &s->cm, i, all))
			return false;
	}
	return !s->res->failed;
}

/* After an operation that may have half-succeeded: pages whose VMA went are unmapped. */
static void resync_mapped(struct stress *s, unsigned long first, unsigned long n)
{
	for (unsigned long i = first; i < first + n; i++)
		if (s->m.mapped[i] && !vma_lookup(current->mm, page_addr(s, i)))
			model_unmap(s, &s->m, i);
}

static u32 new_seed(struct stress *s)
{
	return ++s->next_seed;
}

/* A choice in [0, ceil): from the generator, or the next two input bytes. */
static u32 rnd(struct stress *s, u32 ceil)
{
	const u8 *d = s->cfg->data;

	if (!d)
		return prandom_u32_below(&s->rnd, ceil);
	if (s->pos + 2 > s->cfg->size) {
		s->out_of_data = true;
		return 0;
	}
	s->pos += 2;
	return (u32)(d[s->pos - 2] | d[s->pos - 1] << 8) % ceil;
}

/* A random run of pages: often a whole aligned 2 MiB slot, else up to max pages. */
static void pick_run(struct stress *s, unsigned long max, unsigned long *first, unsigned long *n)
{
	unsigned long slot = rnd(s, s->slots);

	if (max >= SLOT_PAGES && rnd(s, 2)) {	/* half the time: THP-sized */
		*first = slot * SLOT_PAGES;
		*n = SLOT_PAGES;
		return;
	}
	*n = 1 + rnd(s, max);
	*first = slot * SLOT_PAGES + rnd(s, SLOT_PAGES - *n + 1);
}

static long dev_cmd(struct stress *s, unsigned int d, unsigned int req, unsigned long first,
		    unsigned long n, void *ptr, u64 *cpages)
{
	struct hmm_dmirror_cmd cmd = {
		.addr = page_addr(s, first), .ptr = (u64)ptr, .npages = n,
	};
	long ret = dmirror_ioctl(s->dmirror[d], req, &cmd);

	*cpages = cmd.cpages;
	return ret;
}

static long op_cpu_write(struct stress *s, unsigned long first, unsigned long n)
{
	long errors = 0;

	for (unsigned long i = first; i < first + n; i++) {
		u32 seed = new_seed(s);

		fill_page(s->buf, seed);
		if (copy_to_user((void __user *)page_addr(s, i), s->buf, PAGE_SIZE))
			errors++;		/* not writable, or no memory: unchanged */
		else
			set_page_seed(s, &s->m, i, seed);
	}
	return errors ? -EFAULT : 0;
}

static long op_cpu_read(struct stress *s, unsigned long first, unsigned long n)
{
	long errors = 0;

	for (unsigned long i = first; i < first + n; i++) {
		if (copy_from_user(s->buf, (void __user *)page_addr(s, i), PAGE_SIZE)) {
			errors++;
			continue;
		}
		for (unsigned int w = 0; w < PAGE_SIZE / 8; w++)
			if (s->buf[w] != stress_word(page_seed(s, &s->m, i), w))
				return fail(s, "cpu read of page %#lx word %u: %#llx, want seed %u",
					    page_addr(s, i), w, (unsigned long long)s->buf[w],
					    page_seed(s, &s->m, i)), -EIO;
	}
	return errors ? -EFAULT : 0;
}

static long op_migrate(struct stress *s, unsigned int req, unsigned long first, unsigned long n)
{
	unsigned int d = rnd(s, DMIRROR_NDEVICES);
	u64 cpages;

	if (req == HMM_DMIRROR_MIGRATE_TO_DEV && !rnd(s, 4)) {
		struct hmm_dmirror_cmd flags = { .npages = HMM_DMIRROR_FLAG_FAIL_ALLOC };

		dmirror_ioctl(s->dmirror[d], HMM_DMIRROR_FLAGS, &flags);
	}
	return dev_cmd(s, d, req, first, n, s->buf, &cpages);	/* TO_DEV copies back here */
}

static long op_dev_read(struct stress *s, unsigned long first, unsigned long n)
{
	u64 cpages;
	long ret = dev_cmd(s, rnd(s, DMIRROR_NDEVICES), HMM_DMIRROR_READ, first, n, s->buf,
			   &cpages);

	if (ret)
		return ret;			/* nothing copied out on an error */
	for (unsigned long p = 0; p < n; p++)
		for (unsigned int w = 0; w < PAGE_SIZE / 8; w++)
			if (s->buf[p * PAGE_SIZE / 8 + w] !=
			    stress_word(page_seed(s, &s->m, first + p), w))
				return fail(s, "device read of page %#lx word %u differs",
					    page_addr(s, first + p), w), -EIO;
	return 0;
}

static long op_dev_write(struct stress *s, unsigned long first, unsigned long n)
{
	static u32 seeds[MAX_RUN];
	u64 cpages;
	long ret;

	for (unsigned long p = 0; p < n; p++) {
		seeds[p] = new_seed(s);
		fill_page(s->buf + p * PAGE_SIZE / 8, seeds[p]);
	}
	ret = dev_cmd(s, rnd(s, DMIRROR_NDEVICES), HMM_DMIRROR_WRITE, first, n, s->buf, &cpages);
	if (cpages > n)
		return fail(s, "device write: cpages %llu > %lu", (unsigned long long)cpages, n), -EIO;
	for (unsigned long p = 0; p < cpages; p++)	/* written in order, cpages of them */
		set_page_seed(s, &s->m, first + p, seeds[p]);
	return ret;
}

static long op_snapshot(struct stress *s, unsigned long first, unsigned long n)
{
	u64 cpages;
	long ret = dev_cmd(s, rnd(s, DMIRROR_NDEVICES), HMM_DMIRROR_SNAPSHOT, first, n, s->snap,
			   &cpages);

	for (unsigned long p = 0; !ret && p < n; p++)
		if (!s->m.mapped[first + p] && s->snap[p] != HMM_DMIRROR_PROT_ERROR)
			return fail(s, "snapshot of unmapped page %#lx: %#x, not ERROR",
				    page_addr(s, first + p), s->snap[p]), -EIO;
	return ret;
}

/*
 * The memory operations go in through the system calls' entry points
 * (kernel/sys_mm.c), with the registers entry_SYSCALL_64 would have saved:
 * what a program's mmap, munmap, mprotect, madvise and mremap run.
 */
static long sys(long (*call)(const struct pt_regs *), unsigned long di, unsigned long si,
		unsigned long dx, unsigned long r10, unsigned long r8)
{
	struct pt_regs regs = { .di = di, .si = si, .dx = dx, .r10 = r10, .r8 = r8 };

	return call(&regs);
}

static long op_munmap(struct stress *s, unsigned long first, unsigned long n)
{
	long ret = sys(__x64_sys_munmap, page_addr(s, first), n << PAGE_SHIFT, 0, 0, 0);

	for (unsigned long i = first; !ret && i < first + n; i++)
		model_unmap(s, &s->m, i);
	resync_mapped(s, first, n);
	return ret;
}

/* The first unmapped page from a random start, to map holes again; or start. */
static unsigned long find_hole(struct stress *s, unsigned long start)
{
	for (unsigned long k = 0; k < s->npages; k++)
		if (!s->m.mapped[(start + k) % s->npages])
			return (start + k) % s->npages;
	return start;
}

static long op_mmap(struct stress *s, unsigned long first, unsigned long n)
{
	bool shared = !rnd(s, 4);	/* a quarter: shmem */
	unsigned long addr;

	first = find_hole(s, first);
	n = min(n, s->npages - first);
	/* MAP_POPULATE at times: faulted in at once, as zeroes all the same */
	addr = sys(__x64_sys_mmap, page_addr(s, first), n << PAGE_SHIFT, PROT_READ | PROT_WRITE,
		   (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS | MAP_FIXED |
		   (rnd(s, 4) ? 0 : MAP_POPULATE), -1UL);

	if (IS_ERR_VALUE(addr)) {
		resync_mapped(s, first, n);	/* MAP_FIXED may have unmapped first */
		return (long)addr;
	}
	s->res->shmem[0] += shared;
	for (unsigned long i = first; i < first + n; i++) {
		model_unmap(s, &s->m, i);	/* what MAP_FIXED replaced */
		s->m.mapped[i] = true;
		s->m.obj[i] = shared ? obj_new(s) : 0;
	}
	return 0;
}

static long op_mprotect(struct stress *s, unsigned long first, unsigned long n)
{
	/* mostly back to read-write, so the arena stays usable for the rest */
	static const unsigned long prots[] = {
		PROT_NONE, PROT_READ, PROT_WRITE, PROT_READ | PROT_WRITE, PROT_READ | PROT_WRITE,
		PROT_READ | PROT_WRITE, PROT_READ | PROT_WRITE, PROT_READ | PROT_WRITE,
	};

	return sys(__x64_sys_mprotect, page_addr(s, first), n << PAGE_SHIFT,
		   prots[rnd(s, ARRAY_SIZE(prots))], 0, 0);
}

/* Moves n pages (within one VMA) to another random place in the arena. */
static long op_mremap(struct stress *s, unsigned long first, unsigned long n)
{
	struct vm_area_struct *vma = vma_lookup(current->mm, page_addr(s, first));
	unsigned long to, addr;

	if (vma)	/* mostly a legal move: the range inside one VMA */
		n = min(n, (vma->vm_end - page_addr(s, first)) >> PAGE_SHIFT);
	to = rnd(s, s->npages - n + 1);

	if (to < first + n && first < to + n)
		return -EINVAL;			/* overlapping: Linux refuses too */
	addr = sys(__x64_sys_mremap, page_addr(s, first), n << PAGE_SHIFT, n << PAGE_SHIFT,
		   MREMAP_MAYMOVE | MREMAP_FIXED, page_addr(s, to));
	if (IS_ERR_VALUE(addr)) {
		resync_mapped(s, 0, s->npages);	/* the destination may have been unmapped */
		return (long)addr;
	}
	for (unsigned long p = 0; p < n; p++) {	/* the ranges do not overlap */
		model_unmap(s, &s->m, to + p);		/* what MREMAP_FIXED replaced */
		s->m.seed[to + p] = s->m.seed[first + p];
		s->m.obj[to + p] = s->m.obj[first + p];	/* the object page moves with it */
		s->m.mapped[to + p] = true;
		s->m.obj[first + p] = 0;
		model_unmap(s, &s->m, first + p);
	}
	/*
	 * With no memory to split the old VMA, Linux leaves the old range
	 * mapped, empty: zeroes if private; if shmem, the same file at the same
	 * offsets, so the old addresses still map the object pages that moved.
	 */
	for (unsigned long p = 0; p < n; p++) {
		struct vm_area_struct *old = vma_lookup(current->mm, page_addr(s, first + p));

		if (!old)
			continue;
		s->m.mapped[first + p] = true;
		if (vma_is_shmem(old)) {
			s->m.obj[first + p] = s->m.obj[to + p];
			obj_get(s, s->m.obj[first + p]);
		}
	}
	return 0;
}

static long op_madvise(struct stress *s, unsigned long first, unsigned long n)
{
	static const int advice[] = { MADV_DONTNEED, MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_NORMAL };
	int behavior = advice[rnd(s, ARRAY_SIZE(advice))];
	long ret = sys(__x64_sys_madvise, page_addr(s, first), n << PAGE_SHIFT, behavior, 0, 0);

	/* -ENOMEM: holes in the range, the mapped parts are advised anyway. */
	/* shmem pages keep theirs (obj_seed): they refault from the file */
	if (behavior == MADV_DONTNEED && (!ret || ret == -ENOMEM))
		for (unsigned long i = first; i < first + n; i++)
			if (s->m.mapped[i])
				s->m.seed[i] = 0;
	resync_mapped(s, first, n);
	return ret;
}

static long op_misc(struct stress *s, enum stress_op op)
{
	unsigned int d = rnd(s, DMIRROR_NDEVICES);

	if (op == OP_THP_MODE) {
		set_transparent_hugepage_mode(rnd(s, 3));
	} else if (op == OP_REOPEN) {
		dmirror_close(s->dmirror[d]);
		s->dmirror[d] = dmirror_open(d);
		if (!s->dmirror[d])
			return fail(s, "dmirror_open(%u) failed on reopen", d), -ENOMEM;
	} else {
		split_huge_pages_write("1", 1);	/* every THP in RAM to order 0 */
	}
	return 0;
}

/* ---- fork: a child mm and its own model ---------------------------------- */

static void op_child_exit(struct stress *s)
{
	if (!s->child)
		return;
	mmput(s->child);		/* its copies freed, shared pages down to one mapping */
	s->child = NULL;
	for (unsigned long i = 0; i < s->npages; i++)
		model_unmap(s, &s->cm, i);
}

/* dup_mmap under the step's allocation failures: on an error nothing may have changed. */
static long op_fork(struct stress *s)
{
	struct mm_struct *child;
	long err;

	op_child_exit(s);
	child = mm_alloc();
	if (!child)
		return -ENOMEM;
	err = dup_mmap(child, current->mm);
	if (err) {
		mmput(child);		/* the half-made copy: its references go again */
		return err;
	}
	s->child = child;
	s->cm = s->m;			/* the same object pages: one more mapping of each */
	for (unsigned long i = 0; i < s->npages; i++)
		obj_get(s, s->cm.obj[i]);
	return 0;
}

/* The child writes (copy-on-write faults, device pages faulted back): its model only. */
static long op_child_write(struct stress *s, unsigned long first, unsigned long n)
{
	struct mm_struct *parent = current->mm;
	long errors = 0;

	if (!s->child)
		return 0;
	kthread_unuse_mm(parent);
	kthread_use_mm(s->child);
	for (unsigned long i = first; i < first + n; i++) {
		u32 seed = new_seed(s);

		fill_page(s->buf, seed);
		if (copy_to_user((void __user *)page_addr(s, i), s->buf, PAGE_SIZE))
			errors++;
		else {
			s->res->shmem[2] += !!s->cm.obj[i];	/* the parent sees it too */
			set_page_seed(s, &s->cm, i, seed);
		}
	}
	kthread_unuse_mm(s->child);
	kthread_use_mm(parent);
	return errors ? -EFAULT : 0;
}

/* ---- signals: a handler's frame on a stack in the arena ----------------- */

#define SIG_HANDLER	0x401000UL	/* what the registers name; no code runs there */
#define SIG_RESTORER	0x401800UL
#define SIG_FLAGS_MAY	(X86_EFLAGS_CF | X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_OF | \
			 X86_EFLAGS_DF)

/*
 * Weak: the kernel's stress runs in a kernel thread, which takes no
 * signals and must not end as a process would; the host build's
 * (tests/host/exit.c) takes them and returns a process's end as its status.
 */
int __weak mm_stress_take_signal(int sig, int code, void __user *addr, struct pt_regs *regs)
{
	return -ENOSYS;
}

/* User registers with the step's own values, stack pointer sp. */
static void stress_regs(struct stress *s, struct pt_regs *regs, unsigned long sp)
{
	u32 seed = new_seed(s);
	unsigned long *r = (unsigned long *)regs;

	for (unsigned int k = 0; k < sizeof(*regs) / sizeof(long); k++)
		r[k] = stress_word(seed, k);
	regs->ip = 0x400000 + (regs->ip & 0xffff);
	regs->sp = sp;
	regs->flags = X86_EFLAGS_IF | 0x2 | (regs->flags & SIG_FLAGS_MAY);
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->orig_ax = -1;		/* not in a system call: nothing to restart */
}

static bool same_user_regs(const struct pt_regs *a, const struct pt_regs *b)
{
	return a->r15 == b->r15 && a->r14 == b->r14 && a->r13 == b->r13 && a->r12 == b->r12 &&
	       a->bp == b->bp && a->bx == b->bx && a->r11 == b->r11 && a->r10 == b->r10 &&
	       a->r9 == b->r9 && a->r8 == b->r8 && a->ax == b->ax && a->cx == b->cx &&
	       a->dx == b->dx && a->si == b->si && a->di == b->di && a->ip == b->ip &&
	       a->flags == b->flags && a->sp == b->sp && a->cs == b->cs && a->ss == b->ss;
}

/* The page's words outside [lo, hi) are still what the model says. */
static bool check_around(struct stress *s, unsigned long i, unsigned long lo, unsigned long hi)
{
	unsigned long addr = page_addr(s, i);

	if (copy_from_user(s->buf, (void __user *)addr, PAGE_SIZE))
		return fail(s, "signal: the frame's page %#lx cannot be read", addr);
	for (unsigned int w = 0; w < PAGE_SIZE / 8; w++) {
		unsigned long a = addr + 8 * w;

		if ((a < lo || a >= hi) && s->buf[w] != stress_word(page_seed(s, &s->m, i), w))
			return fail(s, "signal: word %#lx, outside the frame [%#lx, %#lx), changed",
				    a, lo, hi);
	}
	return true;
}

/* The frame could not be written: the process ended with SIGSEGV, nothing changed. */
static long signal_died(struct stress *s, unsigned long i, int status, unsigned long blocked)
{
	struct vm_area_struct *vma = vma_lookup(current->mm, page_addr(s, i));

	s->res->signals[1]++;
	if (status != SIGSEGV)
		return fail(s, "signal: the process ended with status %d, not SIGSEGV", status), -EIO;
	if (!s->injecting && vma && (vma->vm_flags & VM_WRITE))
		return fail(s, "signal: no frame on page %#lx of a writable VMA", page_addr(s, i)),
		       -EIO;
	if (current->blocked != blocked || signal_pending(current))
		return fail(s, "signal: mask or pending changed by a frame not written"), -EIO;
	return -EFAULT;
}

/* What the handler is entered with: its address, sig, siginfo, the mask. */
static bool check_handler_entry(struct stress *s, const struct pt_regs *regs, unsigned long sp,
				unsigned long addr, unsigned long blocked)
{
	struct kernel_siginfo info;

	if (regs->ip != SIG_HANDLER || regs->di != SIGSEGV || (regs->sp + 8) % 16 ||
	    regs->sp < addr || regs->sp >= sp - 128)
		return fail(s, "signal: entered at %#lx with sig %lu, sp %#lx (stack %#lx)",
			    regs->ip, regs->di, regs->sp, sp);
	if (copy_from_user(&info, (void __user *)regs->si, sizeof(info)))
		return fail(s, "signal: siginfo at %#lx cannot be read", regs->si);
	if (info.si_signo != SIGSEGV || info.si_code != SEGV_ACCERR ||
	    info.addr != (void __user *)addr)
		return fail(s, "signal: siginfo %d/%d/%p", info.si_signo, info.si_code, info.addr);
	if (current->blocked != (blocked | sigmask(SIGUSR1) | sigmask(SIGSEGV)))
		return fail(s, "signal: the handler's mask is %#lx", current->blocked);
	return check_around(s, (addr - s->base) >> PAGE_SHIFT, regs->sp, sp - 128);
}

/* The handler returns: rt_sigreturn, from the restorer, reads the frame back. */
static bool sigreturn(struct stress *s, const struct pt_regs *handler, const struct pt_regs *want,
		      unsigned long blocked)
{
	struct pt_regs *u = task_pt_regs(current);
	unsigned long pretcode = 0;

	if (copy_from_user(&pretcode, (void __user *)handler->sp, sizeof(pretcode)) ||
	    pretcode != SIG_RESTORER)
		return fail(s, "signal: the frame returns to %#lx, not sa_restorer", pretcode);
	stress_regs(s, u, handler->sp + 8);	/* the handler's own registers at its end; */
					/* its ret popped the restorer's address */
	u->orig_ax = __NR_rt_sigreturn;
	u->ax = __x64_sys_rt_sigreturn(u);	/* as the dispatcher stores it */
	if (!same_user_regs(u, want))
		return fail(s, "signal: rt_sigreturn gave ip %#lx sp %#lx ax %#lx, not %#lx %#lx %#lx",
			    u->ip, u->sp, u->ax, want->ip, want->sp, want->ax);
	if (current->blocked != blocked)
		return fail(s, "signal: mask %#lx after rt_sigreturn, not %#lx", current->blocked,
			    blocked);
	return true;
}

/*
 * Without injected failures the frame must go in wherever the VMA is
 * writable - so no FAIL_ALLOC may be left armed: it would fail the fault
 * back from the device (dmirror, as Linux's: VM_FAULT_OOM, then SIGSEGV).
 * FLAGS of 0 is -EINVAL, as in Linux (the ioctl checks npages as a range,
 * and an empty one is refused), so an unused bit is set instead.
 */
static bool disarm_fail_alloc(struct stress *s)
{
	for (unsigned int d = 0; d < DMIRROR_NDEVICES; d++) {
		struct hmm_dmirror_cmd flags = { .npages = HMM_DMIRROR_FLAG_FAIL_ALLOC << 1 };

		if (dmirror_ioctl(s->dmirror[d], HMM_DMIRROR_FLAGS, &flags))
			return fail(s, "signal: HMM_DMIRROR_FLAGS failed");
	}
	return true;
}

/*
 * A program takes a SIGSEGV with its stack in page first: its handler's
 * frame (rt_sigframe and FXSAVE image, ~1.2 KiB) goes below the stack
 * pointer with copy_to_user - a COW break after fork, a THP write, a
 * device page faulted back - and the handler's rt_sigreturn reads it back;
 * half the time the page moves to a device while the handler runs.  Every
 * register must come back and no byte outside the frame change.  A stack
 * the frame cannot be written to ends the process (SIGSEGV).  Then the page
 * is rewritten, so the model knows it again.
 */
static long op_signal(struct stress *s, unsigned long first)
{
	unsigned long addr = page_addr(s, first), sp = addr + PAGE_SIZE - 8 * rnd(s, 256);
	struct k_sigaction act = {
		.handler = (void __user *)SIG_HANDLER, .flags = SA_SIGINFO | SA_RESTORER,
		.restorer = (void __user *)SIG_RESTORER, .mask = sigmask(SIGUSR1),
	};
	unsigned long blocked = current->blocked;
	struct pt_regs regs, want;
	u64 cpages;
	long ret;

	if (copy_to_user((void __user *)s->udata, &act, sizeof(act)))
		return -EFAULT;		/* its page (copied on write after fork) not there */
	ret = sys(__x64_sys_rt_sigaction, SIGSEGV, s->udata, 0, sizeof(blocked), 0);
	if (ret)
		return fail(s, "signal: rt_sigaction: %ld", ret), ret;
	if (!s->injecting && !disarm_fail_alloc(s))
		return -EIO;
	stress_regs(s, &regs, sp);
	want = regs;
	ret = mm_stress_take_signal(SIGSEGV, SEGV_ACCERR, (void __user *)addr, &regs);
	if (ret == -ENOSYS)
		return ret;
	if (ret)
		return signal_died(s, first, ret, blocked);
	s->res->signals[0]++;
	if (!check_handler_entry(s, &regs, sp, addr, blocked))
		return -EIO;
	if (!s->injecting && rnd(s, 2) &&
	    !dev_cmd(s, rnd(s, DMIRROR_NDEVICES), HMM_DMIRROR_MIGRATE_TO_DEV, first, 1, s->buf,
		     &cpages) && cpages)
		s->res->signals[2]++;	/* the frame is on the device meanwhile */
	if (!sigreturn(s, &regs, &want, blocked))
		return -EIO;
	if (op_cpu_write(s, first, 1))
		return fail(s, "signal: page %#lx, written by the frame, cannot be rewritten", addr),
		       -EIO;
	return 0;
}

static long do_op(struct stress *s, enum stress_op op, unsigned long first, unsigned long n)
{
	switch (op) {
	case OP_CPU_WRITE:	return op_cpu_write(s, first, n);
	case OP_CPU_READ:	return op_cpu_read(s, first, n);
	case OP_TO_DEV:		return op_migrate(s, HMM_DMIRROR_MIGRATE_TO_DEV, first, n);
	case OP_TO_SYS:		return op_migrate(s, HMM_DMIRROR_MIGRATE_TO_SYS, first, n);
	case OP_DEV_READ:	return op_dev_read(s, first, n);
	case OP_DEV_WRITE:	return op_dev_write(s, first, n);
	case OP_SNAPSHOT:	return op_snapshot(s, first, n);
	case OP_MUNMAP:		return op_munmap(s, first, n);
	case OP_MMAP:		return op_mmap(s, first, n);
	case OP_MPROTECT:	return op_mprotect(s, first, n);
	case OP_MREMAP:		return op_mremap(s, first, n);
	case OP_MADVISE:	return op_madvise(s, first, n);
	case OP_FORK:		return op_fork(s);
	case OP_CHILD_WRITE:	return op_child_write(s, first, n);
	case OP_CHILD_EXIT:	op_child_exit(s); return 0;
	case OP_SIGNAL:		return op_signal(s, first);
	default:		return op_misc(s, op);
	}
}

/* Operations that move or rewrite memory come more often than the rest. */
static enum stress_op pick_op(struct stress *s)
{
	static const u8 weights[NR_OPS] = { 8, 6, 8, 6, 4, 4, 2, 1, 4, 4, 2, 3, 1, 1, 1, 1, 3, 1, 2 };
	unsigned int total = 0, r;

	for (int i = 0; i < NR_OPS; i++)
		total += weights[i];
	r = rnd(s, total);
	for (int i = 0; i < NR_OPS; i++) {
		if (r < weights[i])
			return i;
		r -= weights[i];
	}
	return OP_CPU_READ;
}

static void one_step(struct stress *s)
{
	enum stress_op op = pick_op(s);
	/* device READ/WRITE/SNAPSHOT stay small; the rest may take a whole slot */
	bool big = op != OP_DEV_READ && op != OP_DEV_WRITE && op != OP_SNAPSHOT && op != OP_SIGNAL;
	unsigned long first, n;
	long ret;

	/* A quarter of the steps run with allocations failing (a fresh seed each). */
	bool inject = s->cfg->fail_percent && !rnd(s, 4);

	pick_run(s, big ? SLOT_PAGES : MAX_RUN, &first, &n);
	if (s->cfg->verbose && s->step + 1 >= s->cfg->verbose)
		pr_info("stress: step %lu: %s pages %lu+%lu%s\n", s->step, op_names[op], first, n,
			inject ? " (allocations failing)" : "");
	s->injecting = inject;
	if (inject)
		fail_page_alloc_setup(0, 1, s->cfg->fail_percent, -1, s->cfg->seed + s->step);
	ret = do_op(s, op, first, n);
	if (inject) {
		s->res->alloc_failures += fail_page_alloc.failures;
		fail_page_alloc_disable();
	}
	s->res->op_counts[op]++;
	if (ret) {
		s->res->op_errors++;
		s->res->op_error_counts[op]++;
		s->res->last_error[op] = ret;
	}
	if (current->mm->migrate_vma_active)
		fail(s, "%s left a migrate_vma open", op_names[op]);
	check_range(s, first, n, false);
	if (op == OP_MREMAP || op == OP_SPLIT || op == OP_THP_MODE || !(s->step % 64))
		check_range(s, rnd(s, s->slots) * SLOT_PAGES, SLOT_PAGES, true);
}

static bool stress_setup(struct stress *s)
{
	unsigned long size = (unsigned long)s->slots << PMD_SHIFT;
	unsigned long addr = vm_mmap(NULL, 0, size + PMD_SIZE, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, 0);

	if (IS_ERR_VALUE(addr))
		return fail(s, "no room for the arena: %ld", (long)addr);
	s->base = ALIGN(addr, PMD_SIZE);
	for (unsigned long i = 0; i < s->npages; i++)
		s->m.mapped[i] = true;
	vm_munmap(addr, s->base - addr);		/* keep exactly the aligned arena */
	vm_munmap(s->base + size, addr + size + PMD_SIZE - (s->base + size));
	s->old_segv = current->sighand->action[SIGSEGV - 1];
	s->udata = vm_mmap(NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(s->udata))
		return fail(s, "no room for the data page: %ld", (long)s->udata);
	s->buf = kmalloc(SLOT_PAGES * PAGE_SIZE, GFP_KERNEL);
	s->snap = kmalloc(SLOT_PAGES, GFP_KERNEL);
	for (int d = 0; d < DMIRROR_NDEVICES; d++) {
		s->dmirror[d] = dmirror_open(d);
		/* a quarter of the devices' 2 MiB allocations fail: THPs split on the way */
		dmirror_set_fail_huge(d, 25, s->cfg->seed + d);
	}
	if (!s->buf || !s->snap || !s->dmirror[0] || !s->dmirror[1])
		return fail(s, "no memory to set up the stress");
	return true;
}

static void stress_teardown(struct stress *s)
{
	if (s->base)
		vm_munmap(s->base, (unsigned long)s->slots << PMD_SHIFT);
	if (s->udata && !IS_ERR_VALUE(s->udata)) {
		vm_munmap(s->udata, PAGE_SIZE);
		current->sighand->action[SIGSEGV - 1] = s->old_segv;	/* op_signal's handler goes */
	}
	for (int d = 0; d < DMIRROR_NDEVICES; d++) {
		dmirror_set_fail_huge(d, 0, 0);
		if (s->dmirror[d])
			dmirror_close(s->dmirror[d]);
	}
	kfree(s->buf);
	kfree(s->snap);
}

void mm_stress_run(const struct mm_stress_config *cfg, struct mm_stress_result *res)
{
	static struct stress stress;		/* 30 KiB of model: not on the stack */
	struct stress *s = &stress;
	enum transparent_hugepage_mode mode = transparent_hugepage_mode;
	long node_stat[NR_VM_NODE_STAT_ITEMS];
	unsigned long shmem_before = shmem_pages();

	memset(s, 0, sizeof(*s));
	memset(res, 0, sizeof(*res));
	s->cfg = cfg;
	s->res = res;
	s->slots = cfg->slots && cfg->slots <= MAX_SLOTS ? cfg->slots : MAX_SLOTS;
	s->npages = s->slots * SLOT_PAGES;
	prandom_seed_state(&s->rnd, cfg->seed);
	for (int e = 0; e < 5; e++)
		res->events[e] = vm_event_count(stress_events[e]);
	memcpy(node_stat, vm_node_stat, sizeof(node_stat));
	if (stress_setup(s)) {
		for (s->step = 0; s->step < cfg->steps && !res->failed && !s->out_of_data; s->step++)
			one_step(s);
		res->steps_done = s->step;
		for (int e = 0; e < 5; e++)
			res->events[e] = vm_event_count(stress_events[e]) - res->events[e];
		if (!res->failed)
			check_range(s, 0, s->npages, true);	/* every byte, at the end */
	}
	op_child_exit(s);
	stress_teardown(s);
	set_transparent_hugepage_mode(mode);
	/* every shmem file went with its last mapping, and its pages */
	if (shmem_pages() != shmem_before)
		fail(s, "%lu shmem pages after the run, %lu before", shmem_pages(), shmem_before);
	/* all unmapped: the rmap's node counters are back where they were */
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		if (vm_node_stat[i] != node_stat[i])
			fail(s, "node counter %d is %ld after the run, %ld before", i,
			     vm_node_stat[i], node_stat[i]);
}

void mm_stress_print(const struct mm_stress_config *cfg, const struct mm_stress_result *res)
{
	pr_info("stress: seed %llu, %lu steps, %u%% of page allocations failing in a quarter of them: %s\n",
		(unsigned long long)cfg->seed, res->steps_done, cfg->fail_percent,
		res->failed ? "FAILED" : "every byte as the model says");
	if (res->failed)
		pr_info("stress: step %lu (replay: seed %llu, steps %lu): %s\n", res->failed_step,
			(unsigned long long)cfg->seed, res->failed_step + 1, res->why);
	for (int op = 0; op < NR_OPS; op++)
		pr_info("stress:   %-10s %5lu  (%lu errors, last %ld)\n", op_names[op],
			res->op_counts[op], res->op_error_counts[op], res->last_error[op]);
	pr_info("stress: %lu operations returned an error (allowed); %lu allocations failed\n",
		res->op_errors, res->alloc_failures);
	pr_info("stress: pages migrated %lu, THPs migrated whole %lu, split mid-migration %lu, "
		"THPs split %lu, queued for a deferred split %lu\n", res->events[0], res->events[1],
		res->events[2], res->events[3], res->events[4]);
	pr_info("stress: shared memory: %lu MAP_SHARED mmaps, %lu writes to shared pages "
		"(%lu by the child), %lu shared pages checked\n", res->shmem[0], res->shmem[1],
		res->shmem[2], res->shmem[3]);
	pr_info("stress: signals: %lu handler frames written and returned from (%lu moved to a "
		"device meanwhile), %lu processes ended with SIGSEGV (no room for the frame)\n",
		res->signals[0], res->signals[2], res->signals[1]);
}
