/*
 * tests/fuzz/mm_fuzz.c - the libFuzzer target: the model-checked stress
 * (tests/stress/) with the fuzzer's input bytes making every choice - which
 * operation, which range, which device, which protection, whether
 * allocations fail - instead of a seed.  Each input is one short run in a
 * fresh address space, with the stress's checks after every step; then
 * every system page, device page and kmalloc object must be back.  A
 * failed check, a leak or a sanitizer report is a finding: libFuzzer saves
 * the input, which replays it (`build/fuzz/mm_fuzz crash-...`).
 * Built by `make fuzz` with clang -fsanitize=fuzzer,address,undefined.
 */
#include "../stress/mm_stress.h"
#include <drivers/dmirror.h>
#include <mm/mmap.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <kernel/sched.h>
#include <kernel/printk.h>

int host_start(int argc, char **argv);		/* tests/host/host_main.c */

/* The host's command line; no tests run, libFuzzer drives. */
const char host_default_cmdline[] = "dmirror.size=16M";
/*
 * A small machine: the stress maps at most 16 MiB, and whole-memory scans
 * (split_huge_pages_all, the leak counts) run on every input.
 */
unsigned long host_ram_size = 128UL << 20;

int host_run(void)
{
	return 0;
}

/*
 * libFuzzer reads its flags after this returns: add -handle_segv=0, since
 * SIGSEGV is how the host's software MMU learns of a page fault
 * (docs/host-build.md) and must not be taken for a crash.
 */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char *boot_argv[] = { "mm_fuzz", NULL };
	static char *args[64];
	int n = 0;

	for (int i = 0; i < *argc && n < 62; i++)
		args[n++] = (*argv)[i];
	args[n++] = "-handle_segv=0";
	args[n] = NULL;
	*argc = n;
	*argv = args;
	return host_start(1, boot_argv);
}

static unsigned long device_free(void)
{
	unsigned long n = 0;

	for (int d = 0; d < DMIRROR_NDEVICES; d++)
		n += dmirror_device_free_pages(d);
	return n;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct mm_stress_config cfg = {
		.steps = 16, .slots = 2, .fail_percent = 10, .data = data, .size = size,
	};
	static struct mm_stress_result res;
	unsigned long free_pages, dev_free, objects;
	struct mm_struct *mm;

	drain_all_pages(NULL);
	free_pages = nr_free_pages();
	dev_free = device_free();
	objects = kmalloc_live_objects();
	mm = mm_alloc();
	if (!mm)
		return 0;
	kthread_use_mm(mm);
	mm_stress_run(&cfg, &res);
	kthread_unuse_mm(mm);
	mmput(mm);
	drain_all_pages(NULL);
	if (res.failed) {
		mm_stress_print(&cfg, &res);
		__builtin_trap();
	}
	if (nr_free_pages() != free_pages || device_free() != dev_free ||
	    kmalloc_live_objects() != objects) {
		pr_err("fuzz: leaked: free pages %lu -> %lu, device %lu -> %lu, objects %lu -> %lu\n",
		       free_pages, nr_free_pages(), dev_free, device_free(), objects,
		       kmalloc_live_objects());
		__builtin_trap();
	}
	return 0;
}
