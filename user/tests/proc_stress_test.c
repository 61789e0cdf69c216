/*
 * user/tests/proc_stress_test.c - the model-checked stress, in user space:
 * what the kernel's stress (tests/stress/) cannot drive, because it needs
 * processes - fork and copy-on-write between real processes, MAP_SHARED
 * memory written by a child, SIGKILL of a child in the middle of its
 * faults, and signals arriving all the time.
 *
 * The arena is SLOTS windows of 2 MiB, each mapped private (THP or not) or
 * shared.  The model keeps each page's kind and the seed its words come
 * from (0: zeroes); every step picks an operation at random, runs it and
 * checks the pages it touched against the model.  Meanwhile SIGALRM comes
 * every millisecond: its handler rewrites a page of its own region (and
 * the model of it), so frames are pushed onto the stack, SSE state saved
 * and restored, and system calls restarted all through the run.
 *
 *   proc_stress_test [STEPS [SEED [FROM]]]   TAP; the replay is the same
 *                                           line, FROM logs steps from FROM on
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <sched.h>
#include <unistd.h>
#include "tap.h"
#include "hmm_uapi.h"

#define TWOMEG		(2UL << 20)
#define PAGE		4096UL
#define WORDS		(PAGE / 8)
#define SLOTS		4
#define SLOT_PAGES	512
#define NPAGES		(SLOTS * SLOT_PAGES)
#define SIG_PAGES	16
#define JOURNAL_MAX	64

enum kind { UNMAPPED, PRIVATE, SHARED };

static char *arena, *sig_area;
static uint32_t seed[NPAGES], next_seed;
static uint8_t kind[NPAGES];
static uint64_t rnd_state;
static int dev_fd = -1;
static unsigned long step, verbose_from;

/* What the SIGALRM handler wrote: its region's model, and how often it ran. */
static volatile uint32_t sig_seed[SIG_PAGES];
static volatile unsigned long sig_runs;

/* A child's writes to shared pages, for the parent's model. */
struct journal {
	unsigned int n;
	struct { uint32_t page, seed; } e[JOURNAL_MAX];
};
static struct journal *journal;

static uint64_t rnd(uint64_t ceil)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state % ceil;
}

static uint64_t word(uint32_t s, unsigned int w)
{
	return s ? (s * 0x9e3779b97f4a7c15ULL) ^ ((w + 1) * 0xd6e8feb86659fd93ULL) : 0;
}

static void fill(char *page, uint32_t s)
{
	uint64_t *p = (uint64_t *)page;

	for (unsigned int w = 0; w < WORDS; w++)
		p[w] = word(s, w);
}

/* The first word of the page that is not as seed s says, or -1. */
static int bad_word(const char *page, uint32_t s)
{
	const uint64_t *p = (const uint64_t *)page;

	for (unsigned int w = 0; w < WORDS; w++)
		if (p[w] != word(s, w))
			return w;
	return -1;
}

static char *page_at(unsigned long i)
{
	return arena + i * PAGE;
}

static void on_alarm(int sig)
{
	unsigned long j = sig_runs % SIG_PAGES;
	uint32_t s = 0x80000000u | (uint32_t)(sig_runs + 1);

	(void)sig;
	fill(sig_area + j * PAGE, s);
	sig_seed[j] = s;
	sig_runs++;
}

/* The /proc/PID/pagemap entry of addr (pid 0: ours), to say what maps a bad page. */
static unsigned long long pagemap_entry(int pid, const void *addr)
{
	char path[64];
	unsigned long long e = 0;
	int fd;

	snprintf(path, sizeof(path), pid ? "/proc/%d/pagemap" : "/proc/self/pagemap", pid);
	fd = open(path, O_RDONLY);
	if (fd >= 0 && pread(fd, &e, 8, (uintptr_t)addr / PAGE * 8) != 8)
		e = 0;
	if (fd >= 0)
		close(fd);
	return e;
}

static int failed(const char *what, unsigned long page, long got, long want)
{
	char line[200];

	snprintf(line, sizeof(line), "step %lu: %s (page %lu)", step, what, page);
	ok(0, line, got, want);
	return 0;
}

#define PM_PRESENT	(1ULL << 63)
#define PM_FILE		(1ULL << 61)

/*
 * Pages first..first+n-1 against the model: their words, and what maps
 * them - a page of a shared slot present in RAM must be a shmem page
 * (pagemap's PM_FILE), a written one of a private slot an anonymous page.
 * 0 (after a TAP failure) if one is off.
 */
static int check(unsigned long first, unsigned long n)
{
	static unsigned long long pm[NPAGES];
	int fd = open("/proc/self/pagemap", O_RDONLY);
	ssize_t want = (ssize_t)(n > NPAGES - first ? NPAGES - first : n) * 8;

	if (fd < 0 || pread(fd, pm, want, (uintptr_t)page_at(first) / PAGE * 8) != want)
		return failed("pread of /proc/self/pagemap", first, errno, 0);
	close(fd);
	for (unsigned long i = first; i < first + n && i < NPAGES; i++) {
		unsigned long long e = pm[i - first];
		int w;

		if (kind[i] == UNMAPPED)
			continue;
		/* a private page never written may be the (huge) zero page: PM_FILE in Linux too */
		if ((e & PM_PRESENT) && !!(e & PM_FILE) != (kind[i] == SHARED) &&
		    (kind[i] == SHARED || seed[i])) {
			printf("# page %lu (%s): pagemap %#llx\n", i,
			       kind[i] == SHARED ? "shared" : "private", e);
			fflush(stdout);
			return failed("a page of the wrong kind maps the slot", i, 0, 0);
		}
		w = bad_word(page_at(i), seed[i]);
		if (w >= 0) {
			printf("# page %lu (%s), word %d: %#llx, the model's seed %u gives %#llx; "
			       "pagemap %#llx, the parent's %#llx\n",
			       i, kind[i] == SHARED ? "shared" : "private", w,
			       (unsigned long long)((uint64_t *)page_at(i))[w], seed[i],
			       (unsigned long long)word(seed[i], w), pagemap_entry(0, page_at(i)),
			       pagemap_entry(getppid(), page_at(i)));
			fflush(stdout);
			return failed("a word differs from the model", i, w, -1);
		}
	}
	return 1;
}

static int check_sig_area(void)
{
	sigset_t all, old;
	int good = 1;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);	/* the handler may not rewrite what we read */
	for (unsigned int j = 0; j < SIG_PAGES && good; j++)
		if (bad_word(sig_area + j * PAGE, sig_seed[j]) >= 0)
			good = failed("the SIGALRM handler's page differs", j, 0, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return good;
}

static void write_pages(unsigned long first, unsigned long n, int only_private)
{
	for (unsigned long i = first; i < first + n && i < NPAGES; i++) {
		if (kind[i] == UNMAPPED || (only_private && kind[i] != PRIVATE))
			continue;
		seed[i] = ++next_seed;
		fill(page_at(i), seed[i]);
	}
}

/* Maps slot anew: private (madvised THP or not) or shared; zeroes. */
static int remap_slot(unsigned int slot)
{
	int shared = !rnd(3);
	char *want = arena + slot * TWOMEG;
	char *got = mmap(want, TWOMEG, PROT_READ | PROT_WRITE,
			 (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (got != want)
		return failed("mmap MAP_FIXED of a slot", slot * SLOT_PAGES, (long)got, (long)want);
	if (!shared && rnd(2))
		madvise(want, TWOMEG, MADV_HUGEPAGE);
	for (unsigned int k = 0; k < SLOT_PAGES; k++) {
		kind[slot * SLOT_PAGES + k] = shared ? SHARED : PRIVATE;
		seed[slot * SLOT_PAGES + k] = 0;
	}
	return 1;
}

static int dontneed(unsigned long first, unsigned long n)
{
	if (madvise(page_at(first), n * PAGE, MADV_DONTNEED))
		return failed("madvise(MADV_DONTNEED)", first, errno, 0);
	for (unsigned long i = first; i < first + n; i++)
		if (kind[i] == PRIVATE)
			seed[i] = 0;	/* shared pages keep their contents in the object */
	return check(first, n);
}

/* To the device and back: the contents never change (some may stay in RAM). */
static int migrate(unsigned long first, unsigned long n, int to_dev)
{
	static char mirror[SLOT_PAGES * PAGE];
	struct hmm_dmirror_cmd c = { .addr = (uintptr_t)page_at(first),
				     .ptr = (uintptr_t)mirror, .npages = n };

	if (dev_fd < 0)
		return 1;
	if (ioctl(dev_fd, to_dev ? HMM_DMIRROR_MIGRATE_TO_DEV : HMM_DMIRROR_MIGRATE_TO_SYS, &c) &&
	    errno != ENOENT && errno != EINTR)
		return failed(to_dev ? "MIGRATE_TO_DEV" : "MIGRATE_TO_SYS", first, errno, 0);
	return check(first, n);
}

static pid_t fork_or_fail(void)
{
	pid_t pid = fork();

	if (pid < 0)
		failed("fork", 0, errno, 0);
	return pid;
}

static int wait_status(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) != pid)
		if (errno != EINTR)
			return -1;
	return status;
}

/*
 * The child checks everything it inherited, writes private pages (its
 * copies) and shared ones (the parent's too, said in the journal), and
 * exits 0; the parent's private pages must not change.
 */
static int child_writes(unsigned long first, unsigned long n)
{
	pid_t pid = fork_or_fail();
	int status;

	if (pid < 0)
		return 0;
	if (pid == 0) {
		rnd_state ^= 0x5deece66dULL;
		if (!check(0, NPAGES))
			_exit(2);
		write_pages(first, n, 1);
		journal->n = 0;
		for (unsigned long i = first; i < first + n && journal->n < JOURNAL_MAX; i++)
			if (kind[i] == SHARED && rnd(2)) {
				uint32_t s = 0x40000000u | (uint32_t)(step << 8 | journal->n);

				fill(page_at(i), s);
				journal->e[journal->n].page = i;
				journal->e[journal->n++].seed = s;
				seed[i] = s;
			}
		if (!rnd(4))
			migrate(first, n, 1);		/* the child's own copies to the device */
		_exit(check(0, NPAGES) ? 0 : 3);
	}
	status = wait_status(pid);
	if (status != 0)
		return failed("the writing child's exit status", first, status, 0);
	for (unsigned int k = 0; k < journal->n; k++)
		seed[journal->e[k].page] = journal->e[k].seed;
	return check(0, NPAGES);
}

static volatile sig_atomic_t go;

static void on_usr1(int sig)
{
	(void)sig;
	go = 1;
}

/*
 * Copy-on-write the other way: the parent writes its private pages while
 * the child waits, then the child must still see the pages as at fork.
 */
static int parent_writes(unsigned long first, unsigned long n)
{
	sigset_t usr1, old;
	pid_t pid;
	int status;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	go = 0;
	pid = fork_or_fail();
	if (pid == 0) {
		while (!go)
			sigsuspend(&old);
		_exit(check(0, NPAGES) ? 0 : 2);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid < 0)
		return 0;
	write_pages(first, n, 1);
	kill(pid, SIGUSR1);
	status = wait_status(pid);
	if (status != 0)
		return failed("the waiting child's exit status", first, status, 0);
	return check(first, n);
}

/*
 * A child killed in the middle of its copy-on-write faults (its private
 * pages only: a shared page could be left half written, as in Linux):
 * nothing of ours changes.
 */
static int kill_child(unsigned long first, unsigned long n)
{
	pid_t pid = fork_or_fail();
	int status;

	if (pid == 0)
		for (;;)
			write_pages(first, n, 1);
	if (pid < 0)
		return 0;
	for (int k = 0; k < (int)rnd(4); k++)
		sched_yield();
	kill(pid, SIGKILL);
	status = wait_status(pid);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		return failed("the killed child's wait status", first, status, SIGKILL);
	return check(0, NPAGES);
}

enum op { OP_WRITE, OP_CHECK, OP_REMAP, OP_DONTNEED, OP_TO_DEV, OP_TO_SYS, OP_CHILD_WRITES,
	  OP_PARENT_WRITES, OP_KILL_CHILD, OP_SIG_CHECK, NR_OPS };
static const unsigned int weight[NR_OPS] = { 20, 10, 3, 4, 8, 6, 5, 5, 2, 3 };
static unsigned long op_count[NR_OPS];
static const char *const names[NR_OPS] = { "write", "check", "remap", "dontneed",
	"to-dev", "to-sys", "child-writes", "parent-writes", "kill-child", "sig-check" };

static int one_step(void)
{
	unsigned int total = 0, r, op = 0;
	unsigned long slot = rnd(SLOTS), off = rnd(SLOT_PAGES);
	unsigned long first = slot * SLOT_PAGES + off, n = 1 + rnd(SLOT_PAGES - off);

	for (int k = 0; k < NR_OPS; k++)
		total += weight[k];
	r = rnd(total);
	while (r >= weight[op])
		r -= weight[op++];
	op_count[op]++;
	if (verbose_from && step + 1 >= verbose_from) {
		printf("# step %lu: %s pages %lu+%lu\n", step, names[op], first, n);
		fflush(stdout);
	}
	switch (op) {
	case OP_WRITE:		write_pages(first, n, 0); return check(first, n);
	case OP_CHECK:		return check(first, n);
	case OP_REMAP:		return remap_slot(slot);
	case OP_DONTNEED:	return dontneed(first, n);
	case OP_TO_DEV:		return migrate(first, n, 1);
	case OP_TO_SYS:		return migrate(first, n, 0);
	case OP_CHILD_WRITES:	return child_writes(first, n);
	case OP_PARENT_WRITES:	return parent_writes(first, n);
	case OP_KILL_CHILD:	return kill_child(first, n > 64 ? 64 : n);
	default:		return check_sig_area();
	}
}

static int setup(void)
{
	struct sigaction alarm_sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	struct sigaction usr1_sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	struct itimerval every_ms = { { 0, 1000 }, { 0, 1000 } };
	char *base = mmap(NULL, (SLOTS + 1) * TWOMEG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	sig_area = mmap(NULL, SIG_PAGES * PAGE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	journal = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED || sig_area == MAP_FAILED || journal == MAP_FAILED)
		return failed("mmap of the arena", 0, errno, 0);
	arena = (char *)(((uintptr_t)base + TWOMEG - 1) & ~(TWOMEG - 1));
	for (unsigned int s = 0; s < SLOTS; s++)
		if (!remap_slot(s))
			return 0;
	dev_fd = open("/dev/hmm_dmirror0", O_RDWR);
	sigaction(SIGUSR1, &usr1_sa, NULL);
	sigaction(SIGALRM, &alarm_sa, NULL);
	return !setitimer(ITIMER_REAL, &every_ms, NULL) || failed("setitimer", 0, errno, 0);
}

int main(int argc, char **argv)
{
	unsigned long steps = argc > 1 ? strtoul(argv[1], NULL, 0) : 3000;
	unsigned long seed0 = argc > 2 ? strtoul(argv[2], NULL, 0) : 1;
	verbose_from = argc > 3 ? strtoul(argv[3], NULL, 0) : 0;
	long free0 = proc_kb("/proc/meminfo", "MemFree:");
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	char line[400];
	int len = 0, good;

	printf("TAP version 13\n");
	fflush(stdout);
	rnd_state = seed0 * 0x2545f4914f6cdd1dULL + 1;
	good = setup();
	for (step = 0; good && step < steps; step++)
		good = one_step();
	setitimer(ITIMER_REAL, &off, NULL);
	good = good && check(0, NPAGES) && check_sig_area();
	for (int op = 0; op < NR_OPS; op++)
		len += snprintf(line + len, sizeof(line) - len, " %s %lu", names[op], op_count[op]);
	printf("# proc_stress: seed %lu, %lu steps:%s; SIGALRM handled %lu times\n",
	       seed0, step, line, sig_runs);
	fflush(stdout);
	snprintf(line, sizeof(line), "proc_stress: %lu steps of seed %lu, every page as the "
		 "model says, with %lu signals", step, seed0, sig_runs);
	ok(good && sig_runs > 0, line, good, 1);
	munmap(arena, SLOTS * TWOMEG);
	munmap(sig_area, SIG_PAGES * PAGE);
	if (dev_fd >= 0)
		close(dev_fd);
	ok(labs(proc_kb("/proc/meminfo", "MemFree:") - free0) < 8 * 1024,
	   "proc_stress: every page back (MemFree within the per-CPU lists, kB)",
	   proc_kb("/proc/meminfo", "MemFree:") - free0, 0);
	return tap_finish("proc_stress_test");
}
