/*
 * tests/host/host_main.c - main() of the host programs, and all they ask of
 * Linux (with kallsyms.c, the libc side; the rest is built with the
 * kernel's headers).
 *
 * The machine's RAM is a memfd mapped at PAGE_OFFSET, so any physical page
 * can also be mapped at a second address: the software MMU (mmu.c) maps
 * pages of it into the user window with host_map(), takes them away with
 * host_unmap() (host_release() gives the host's page tables back too), and
 * learns about accesses there from SIGSEGV.  main() runs
 * host_run(): the KUnit suites (run_tests.c; KTAP on stdout, exit status 0
 * if every case passed; ASan and UBSan) or the benchmarks (run_bench.c, -O2).
 * The arguments are the kernel command line ("kunit.filter_glob=vm*"), by
 * default host_default_cmdline.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include <sys/mman.h>

void host_boot(const char *cmdline);	/* shim.c */
int host_run(void);			/* run_tests.c or run_bench.c */
extern const char host_default_cmdline[];	/* ... and without arguments */
/*
 * mmu.c: a #PF at addr.  1: resolved, run the access again; 0: not a user
 * address, a real crash; -1: a user access the mm refuses (it oopses
 * instead unless fixup is set).
 */
int host_user_fault(unsigned long addr, bool write, unsigned long ip, unsigned long sp,
		    unsigned long bp, bool fixup);

static int ram_fd = -1;
static struct sigaction asan_segv;	/* the handler before ours (ASan's) */
static sigjmp_buf *uaccess_fixup;	/* set while host_copy_user copies */
static int segv_depth;			/* nested SIGSEGVs: the mm code crashed */

/*
 * The intentional faults are never ASan's business: this handler, installed
 * after ASan's, sees them first and passes every other SIGSEGV on (a wild
 * pointer gets ASan's report as usual).  SA_NODEFER: the mm code it runs
 * may itself crash, and that must reach ASan too.
 */
static void segv_handler(int sig, siginfo_t *si, void *ctx)
{
	greg_t *r = ((ucontext_t *)ctx)->uc_mcontext.gregs;
	int ret = 0;

	/* a #PF (not a #GP); REG_ERR is its error code: bit 1 set for a write */
	if (r[REG_TRAPNO] == 14) {
		segv_depth++;
		ret = host_user_fault((unsigned long)si->si_addr, r[REG_ERR] & 2, r[REG_RIP],
				      r[REG_RSP], r[REG_RBP], uaccess_fixup && segv_depth == 1);
		segv_depth--;
	}
	if (ret > 0)
		return;
	if (ret < 0)			/* the exception table's fixup */
		siglongjmp(*uaccess_fixup, 1);
	if (asan_segv.sa_flags & SA_SIGINFO)
		asan_segv.sa_sigaction(sig, si, ctx);
	else if (asan_segv.sa_handler != SIG_IGN && asan_segv.sa_handler != SIG_DFL)
		asan_segv.sa_handler(sig);
	signal(SIGSEGV, SIG_DFL);	/* returning re-runs the access and dies */
}

/*
 * copy_to_user's "rep movsb with an exception-table entry" (uaccess.c):
 * plain copies through the software MMU's TLB, page by page, and a fault
 * the mm refuses jumps back here.  Returns the bytes not copied.
 */
unsigned long host_copy_user(void *to, const void *from, unsigned long n, unsigned long uaddr)
{
	sigjmp_buf fixup;
	volatile unsigned long done = 0;

	if (sigsetjmp(fixup, 0)) {	/* SA_NODEFER: no signal mask to restore */
		uaccess_fixup = NULL;
		return n - done;
	}
	uaccess_fixup = &fixup;
	while (done < n) {
		unsigned long chunk = 4096 - ((uaddr + done) & 4095);

		if (chunk > n - done)
			chunk = n - done;
		memcpy((char *)to + done, (const char *)from + done, chunk);
		done += chunk;
	}
	uaccess_fixup = NULL;
	return 0;
}

/*
 * An ASan or UBSan report ends the program like a kernel crash: the running
 * KUnit case is named "not ok ... # ERROR" (kernel/kunit/executor.c).  Each
 * runtime (libasan, libubsan) keeps its own death callback.
 */
void kunit_crash_current_test(const char *reason);

static void sanitizer_died(void)
{
	kunit_crash_current_test("sanitizer report (on stderr)");
}

static int set_death_callback(struct dl_phdr_info *info, size_t size, void *data)
{
	void *lib = strstr(info->dlpi_name, "san") ?
		    dlopen(info->dlpi_name, RTLD_NOW | RTLD_NOLOAD) : NULL;
	void (*set)(void (*)(void)) = lib ? dlsym(lib, "__sanitizer_set_death_callback") : NULL;

	if (set)
		set(sanitizer_died);
	if (lib)
		dlclose(lib);
	return 0;
}

static void __attribute__((noreturn)) fatal(const char *what)
{
	perror(what);
	exit(2);
}

/* Physical [0, size) at base: pages are allocated once touched, or now. */
void host_ram_create(unsigned long base, unsigned long size, bool populate)
{
	ram_fd = memfd_create("mmlab-ram", MFD_CLOEXEC);
	if (ram_fd < 0 || ftruncate(ram_fd, size))
		fatal("memfd for the simulated RAM");
	if (mmap((void *)base, size, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED_NOREPLACE | (populate ? MAP_POPULATE : 0),
		 ram_fd, 0) != (void *)base)
		fatal("mapping the simulated RAM at PAGE_OFFSET");
}

/* Reserves [start, end) for user pages; nothing is accessible yet. */
void host_user_window_create(unsigned long start, unsigned long end)
{
	struct sigaction sa = { .sa_sigaction = segv_handler,
				.sa_flags = SA_SIGINFO | SA_NODEFER };

	if (mmap((void *)start, end - start, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
		 -1, 0) != (void *)start)
		fatal("reserving the user address window");
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &asan_segv))
		fatal("sigaction");
}

/* Maps physical [phys, phys + len) at virt (a TLB fill, or an alias). */
void host_map(unsigned long virt, unsigned long len, unsigned long phys, bool writable)
{
	if (mmap((void *)virt, len, PROT_READ | (writable ? PROT_WRITE : 0),
		 MAP_SHARED | MAP_FIXED, ram_fd, phys) != (void *)virt)
		fatal("host_map");
}

/*
 * Makes [virt, virt + len) inaccessible again (a TLB flush).  mprotect only
 * takes the rights away: Linux keeps its page tables and mappings, which
 * host_map() replaces at the next fill.  (Replacing them here with a fresh
 * anonymous mapping made Linux zap every page: measured, that was half of
 * what a split migration cost on top of its copy in `make bench`, a cost
 * a real TLB flush does not have.)
 */
void host_unmap(unsigned long virt, unsigned long len)
{
	if (mprotect((void *)virt, len, PROT_NONE))
		fatal("host_unmap");
}

/* How many mappings Linux holds for this process (lines of /proc/self/maps). */
unsigned long host_mapping_count(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long n = 0;
	int c;

	if (!f)
		fatal("/proc/self/maps");
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/* As host_unmap(), and gives Linux's page tables and mappings of the range back. */
void host_release(unsigned long virt, unsigned long len)
{
	if (mmap((void *)virt, len, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
		 -1, 0) != (void *)virt)
		fatal("host_release");
}

/*
 * A process ending (do_group_exit) on the host, which has no processes:
 * it ends the call host_catch_group_exit() made instead - the one caller
 * that may let it happen (the stress's signal step).
 */
static jmp_buf *group_exit_catch;
static int group_exit_code;

int host_catch_group_exit(void (*fn)(void *), void *arg)
{
	jmp_buf catch;
	jmp_buf *outer = group_exit_catch;

	if (setjmp(catch)) {
		group_exit_catch = outer;
		return group_exit_code;
	}
	group_exit_catch = &catch;
	fn(arg);
	group_exit_catch = outer;
	return 0;
}

bool host_group_exit(int code)
{
	if (!group_exit_catch)
		return false;
	group_exit_code = code;
	longjmp(*group_exit_catch, 1);
}

/* The main thread's stack, where backtraces may walk. */
void host_stack_bounds(unsigned long *lo, unsigned long *hi)
{
	pthread_attr_t attr;
	void *addr;
	size_t size;

	if (pthread_getattr_np(pthread_self(), &attr) ||
	    pthread_attr_getstack(&attr, &addr, &size))
		fatal("pthread_getattr_np");
	pthread_attr_destroy(&attr);
	*lo = (unsigned long)addr;
	*hi = *lo + size;
}

/* Is all of [start, end) mapped in this program?  (msync says ENOMEM if not.) */
bool host_mapped(unsigned long start, unsigned long end)
{
	unsigned long page = start & ~4095UL;

	return end == start || !msync((void *)page, end - page, MS_ASYNC);
}

void host_write(const char *s, unsigned long n)
{
	fwrite(s, 1, n, stdout);
}

void host_exit(int status)
{
	fflush(stdout);
	exit(status);
}

void host_abort(void)
{
	fflush(stdout);
	abort();
}

/* Boots the simulated machine; argv is the kernel command line. */
int host_start(int argc, char **argv)
{
	static char cmdline[1024];
	void *heap = malloc(16);
	bool below = (unsigned long)&heap < PAGE_OFFSET || (unsigned long)heap < PAGE_OFFSET ||
		     (unsigned long)cmdline < PAGE_OFFSET;

	/* mmlab tells a kernel buffer from a user one by its address */
	free(heap);
	if (below) {
		fprintf(stderr, "host: the program's stack, heap or data lie below PAGE_OFFSET %#lx\n",
			PAGE_OFFSET);
		return 2;
	}
	if (argc == 1)
		strncat(cmdline, host_default_cmdline, sizeof(cmdline) - 1);
	for (int i = 1; i < argc; i++) {
		strncat(cmdline, argv[i], sizeof(cmdline) - strlen(cmdline) - 2);
		strcat(cmdline, " ");
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	dl_iterate_phdr(set_death_callback, NULL);
	host_boot(cmdline);
	return 0;
}

/* Weak: the libFuzzer target (tests/fuzz/) brings its own main. */
__attribute__((weak)) int main(int argc, char **argv)
{
	if (host_start(argc, argv))
		return 2;
	return host_run() ? 1 : 0;
}
