/*
 * tests/stress/mm_stress.h - the model-checked stress of the whole mm.
 *
 * mm_stress_run() drives random operations - CPU reads and writes, moves
 * to either device and back (with and without FAIL_ALLOC), device READ,
 * WRITE and SNAPSHOT, munmap and mmap of parts, mprotect, mremap, madvise,
 * THP mode changes, a mirror closed and reopened, splits by the debug
 * trigger, fork (a child mm sharing every private page copy-on-write,
 * device pages too, and every MAP_SHARED page as it is), writes in the
 * child and its exit, a signal handler's frame on a stack in the window
 * (host build only: tests/host/exit.c) - over a window of user memory, private and (a
 * quarter of the mmaps) shared anonymous, while fail_page_alloc fails a
 * random share of page allocations.  A shadow model holds what every byte
 * must be; after every step the pages the step touched are read back
 * through the page tables (not through the CPU, which would fault them
 * back from the device) and compared, and at the end every page is, and
 * every system and device page must be free again.  The run is seeded:
 * the same seed replays the same steps, and a failure names the seed and
 * the step.  Used by the stress KUnit suite (a short slice in `make
 * test`), `make stress STEPS=N SEED=S` (boot parameter stress=N,S), the
 * host build, and the libFuzzer target (tests/fuzz/), whose input bytes
 * make the choices instead of the seed.
 */
#ifndef _TESTS_MM_STRESS_H
#define _TESTS_MM_STRESS_H

#include <kernel/types.h>
#include <kernel/compiler.h>

struct mm_stress_config {
	u64 seed;
	unsigned long steps;
	unsigned int fail_percent;	/* of page allocations, in a quarter of the steps */
	unsigned int slots;		/* 2 MiB windows in the arena (0: 8) */
	unsigned long verbose;		/* print steps from this one on (1: all; 0: none) */
	/*
	 * The fuzzer's input instead of the seeded generator: every random
	 * choice is taken from these bytes, and the run ends when they do.
	 */
	const u8 *data;
	size_t size;
};

struct mm_stress_result {
	unsigned long steps_done;
	unsigned long failed_step;	/* valid if failed */
	bool failed;
	char why[160];
	unsigned long op_counts[20];	/* per operation */
	unsigned long op_error_counts[20];	/* per operation, returned an error */
	long last_error[20];		/* the last error each returned */
	unsigned long op_errors;	/* operations that returned an error (allowed) */
	unsigned long alloc_failures;	/* injected */
	unsigned long events[5];	/* vm events during the run, see mm_stress_print */
	/* shared memory: MAP_SHARED mmaps, writes to shared pages, of them by the
	 * child, shared pages checked */
	unsigned long shmem[4];
	/* signals: handler frames written and returned from, processes ended
	 * (no room for a frame), frames moved to a device during the handler */
	unsigned long signals[3];
};

/*
 * force_sig_fault(sig, code, addr) and the return to user mode with regs
 * (exit_to_user_mode: the handler's frame); 0, the status of the process's
 * end if it ended (do_group_exit), or -ENOSYS where the stress cannot take
 * signals (the kernel's: a kernel thread).  The host build defines it.
 */
struct pt_regs;
int mm_stress_take_signal(int sig, int code, void __user *addr, struct pt_regs *regs);

/* Runs the stress in current->mm (which must be empty of its own use). */
void mm_stress_run(const struct mm_stress_config *cfg, struct mm_stress_result *res);
/* Prints the per-operation counts of a run. */
void mm_stress_print(const struct mm_stress_config *cfg, const struct mm_stress_result *res);


#endif
