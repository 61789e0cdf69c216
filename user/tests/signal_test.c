/*
 * user/tests/signal_test.c - signals from user space: a handler runs with
 * its siginfo and returns through sa_restorer (rt_sigreturn restores every
 * register and the mask), the mask while it runs, SA_RESETHAND, a fault
 * caught and escaped with siglongjmp, EINTR from nanosleep and wait4 when
 * SIGALRM's handler runs (setitimer, alarm), kill of a process group,
 * death by a signal as wait4 reports it (SIGSEGV, SIGABRT from abort(),
 * SIGKILL that nothing catches), SIGCHLD, and process groups and sessions.
 * TAP; also runs on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

static volatile int got_sig, got_code, got_pid, usr1_blocked_inside, chld_count;
static sigjmp_buf escape;
static int *volatile bad_address = (int *)16;	/* volatile: the compiler cannot see it is bad */

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	sigset_t now;

	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	sigprocmask(SIG_BLOCK, NULL, &now);
	usr1_blocked_inside = sigismember(&now, SIGUSR1);
}

static void on_alarm(int sig)
{
	got_sig = sig;
}

static void *volatile segv_addr;

static void on_segv(int sig)
{
	siglongjmp(escape, sig);
}

static void on_segv_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_code = si->si_code;
	segv_addr = si->si_addr;
	siglongjmp(escape, sig);
}

static void on_chld(int sig)
{
	(void)sig;
	chld_count++;
}

static int install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	return sigaction(sig, &sa, NULL);
}

/* Status of a child that runs fn. */
static int child_status(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void handler_and_mask(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	volatile double x = 1.5;	/* SSE state must survive the handler */
	sigset_t now;

	EXPECT("sigaction SIGUSR1 with SA_SIGINFO", sigaction(SIGUSR1, &sa, NULL), 0);
	EXPECT("kill(self, SIGUSR1)", kill(getpid(), SIGUSR1), 0);
	EXPECT("the handler ran with the signal", got_sig, SIGUSR1);
	EXPECT("siginfo: SI_USER", got_code, SI_USER);
	EXPECT("siginfo: sender's pid", got_pid, getpid());
	EXPECT("SIGUSR1 blocked while its handler ran", usr1_blocked_inside, 1);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT("and unblocked after rt_sigreturn", sigismember(&now, SIGUSR1), 0);
	TRUE("registers and SSE state intact after the handler", x * 2 == 3.0);
	got_sig = 0;
	sigemptyset(&now);
	sigaddset(&now, SIGUSR1);
	sigprocmask(SIG_BLOCK, &now, NULL);
	raise(SIGUSR1);
	EXPECT("a blocked signal waits", got_sig, 0);
	sigprocmask(SIG_UNBLOCK, &now, NULL);
	EXPECT("and arrives when unblocked", got_sig, SIGUSR1);
	sa.sa_flags |= SA_RESETHAND;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &sa);
	TRUE("SA_RESETHAND: back to SIG_DFL", sa.sa_handler == SIG_DFL);
	EXPECT("SIGKILL cannot be caught: EINVAL", install(SIGKILL, on_alarm, 0) ? errno : 0, EINVAL);
	EXPECT("signal 65: EINVAL", kill(getpid(), 65) ? errno : 0, EINVAL);
}

/* si_code and si_addr of a fault: no mapping (SEGV_MAPERR), or one that refuses (SEGV_ACCERR). */
static void fault_codes(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv_info, .sa_flags = SA_SIGINFO | SA_NODEFER };
	int *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	sigaction(SIGSEGV, &sa, NULL);
	if (!sigsetjmp(escape, 1))
		*bad_address = 1;
	EXPECT("a write where nothing is mapped: SEGV_MAPERR", got_code, SEGV_MAPERR);
	TRUE("... si_addr is the address", segv_addr == (void *)bad_address);
	if (!sigsetjmp(escape, 1))
		ro[3] = 1;
	EXPECT("a write to a read-only mapping: SEGV_ACCERR", got_code, SEGV_ACCERR);
	TRUE("... si_addr is the address", segv_addr == (void *)&ro[3]);
	mprotect(ro, 4096, PROT_NONE);
	if (!sigsetjmp(escape, 1))
		(void)*(volatile int *)ro;
	EXPECT("a read of PROT_NONE: SEGV_ACCERR", got_code, SEGV_ACCERR);
	if (!sigsetjmp(escape, 1))
		(void)*(volatile int *)0xffff888000000000UL;
	EXPECT("a read of a kernel address: SEGV_MAPERR", got_code, SEGV_MAPERR);
	install(SIGSEGV, SIG_DFL, 0);
	munmap(ro, 4096);
	sa.sa_sigaction = on_segv_info;
	sigaction(SIGILL, &sa, NULL);
	if (!sigsetjmp(escape, 1))
		__asm__ volatile("ud2_here: ud2");
	EXPECT("ud2: ILL_ILLOPN", got_code, ILL_ILLOPN);
	{
		extern char ud2_here[];

		TRUE("... si_addr is the instruction", segv_addr == (void *)ud2_here);
	}
	install(SIGILL, SIG_DFL, 0);
	sigaction(SIGFPE, &sa, NULL);
	if (!sigsetjmp(escape, 1)) {
		volatile int zero = 0, x = 1;

		x /= zero;
	}
	EXPECT("integer division by zero: FPE_INTDIV", got_code, FPE_INTDIV);
	install(SIGFPE, SIG_DFL, 0);
}

static void fault_handler(void)
{
	int sig;

	install(SIGSEGV, on_segv, SA_NODEFER);
	sig = sigsetjmp(escape, 1);
	if (!sig)
		*bad_address = 1;
	EXPECT("a SIGSEGV handler caught the fault", sig, SIGSEGV);
	install(SIGSEGV, SIG_DFL, 0);
	fault_codes();
}

static void segv(void)
{
	*bad_address = 1;
}

static void do_abort(void)
{
	abort();
}

static void spin(void)
{
	for (;;)
		;
}

static void deaths(void)
{
	int st = child_status(segv);

	TRUE("SIGSEGV kills: WIFSIGNALED", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	st = child_status(do_abort);
	TRUE("abort(): WTERMSIG SIGABRT", WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
}

static void eintr(void)
{
	struct timespec ts = { 5, 0 };
	struct itimerval it = { .it_value = { 0, 50000 } };
	int status;
	pid_t pid;

	install(SIGALRM, on_alarm, 0);
	got_sig = 0;
	EXPECT("setitimer ITIMER_REAL 50 ms", setitimer(ITIMER_REAL, &it, NULL), 0);
	EXPECT("nanosleep interrupted: EINTR", nanosleep(&ts, NULL) ? errno : 0, EINTR);
	EXPECT("SIGALRM's handler ran", got_sig, SIGALRM);
	pid = fork();
	if (pid == 0)
		spin();
	got_sig = 0;
	alarm(1);
	EXPECT("alarm: the old timer's seconds", alarm(1), 1);
	EXPECT("wait4 interrupted by SIGALRM: EINTR", waitpid(pid, &status, 0) == -1 ? errno : 0,
	       EINTR);
	EXPECT("kill SIGKILL", kill(pid, SIGKILL), 0);
	TRUE("the spinning child died of SIGKILL",
	     waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	install(SIGALRM, SIG_DFL, 0);
}

static void group_child(void)
{
	setpgid(0, 0);
	for (;;)
		pause();
}

static void groups(void)
{
	pid_t a, b;
	int sa = 0, sb = 0;

	EXPECT("getpgid(0) == getpgrp()", getpgid(0), getpgrp());
	a = fork();
	if (a == 0)
		group_child();
	EXPECT("setpgid(child, child): a new group", setpgid(a, a), 0);
	b = fork();
	if (b == 0) {
		for (;;)
			pause();
	}
	EXPECT("setpgid(second, first's group)", setpgid(b, a), 0);
	EXPECT("getpgid of the second child", getpgid(b), a);
	EXPECT("setpgid into a group that does not exist: EPERM",
	       setpgid(b, 99999) ? errno : 0, EPERM);
	EXPECT("kill(-pgid, SIGTERM)", kill(-a, SIGTERM), 0);
	waitpid(a, &sa, 0);
	waitpid(b, &sb, 0);
	TRUE("both children of the group died of SIGTERM",
	     WIFSIGNALED(sa) && WTERMSIG(sa) == SIGTERM && WIFSIGNALED(sb) && WTERMSIG(sb) == SIGTERM);
	EXPECT("kill(-pgid) of an empty group: ESRCH", kill(-a, SIGTERM) ? errno : 0, ESRCH);
	/* the kselftest harness's timeout: SIGKILL to the test child's group, grandchild too */
	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		if (fork() == 0)
			for (;;)
				;		/* a grandchild spinning in user mode */
		for (;;)
			pause();
	}
	setpgid(a, a);
	usleep(20000);
	EXPECT("kill(-pgid, SIGKILL)", kill(-a, SIGKILL), 0);
	waitpid(a, &sa, 0);
	TRUE("the group's leader died of SIGKILL", WIFSIGNALED(sa) && WTERMSIG(sa) == SIGKILL);
	usleep(20000);
	EXPECT("and so did its spinning child: the group is empty",
	       kill(-a, 0) ? errno : 0, ESRCH);
	EXPECT("getpgid(no such pid): ESRCH", getpgid(99999) == -1 ? errno : 0, ESRCH);
}

static void chld(void)
{
	install(SIGCHLD, on_chld, 0);
	child_status(segv);
	TRUE("SIGCHLD's handler ran when the child died", chld_count >= 1);
	install(SIGCHLD, SIG_DFL, 0);
}

static void session_child(void)
{
	_exit(setsid() == getpid() && getsid(0) == getpid() && getpgrp() == getpid() ? 0 : 1);
}

/*
 * rt_sigsuspend: waits with its own mask - here one that lets a blocked
 * SIGALRM in - returns EINTR after the handler, and the caller's mask
 * (SIGALRM blocked) is back afterwards; a signal it keeps blocked waits.
 */
static void suspend(void)
{
	sigset_t block, wait_mask, now;

	install(SIGALRM, on_alarm, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, NULL);
	got_sig = 0;
	alarm(1);
	sigemptyset(&wait_mask);
	EXPECT("rt_sigsuspend: EINTR after the handler",
	       sigsuspend(&wait_mask) == -1 ? errno : 0, EINTR);
	EXPECT("rt_sigsuspend: the handler ran", got_sig, SIGALRM);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT("rt_sigsuspend: the caller's mask is back", sigismember(&now, SIGALRM), 1);
	EXPECT("rt_sigsuspend: a bad size is EINVAL",
	       SC(SYS_rt_sigsuspend, &wait_mask, 4), -EINVAL);
	EXPECT("rt_sigsuspend: a bad mask pointer is EFAULT",
	       SC(SYS_rt_sigsuspend, 16, 8), -EFAULT);
	sigprocmask(SIG_UNBLOCK, &block, NULL);
}

/* The order handlers ran in. */
static int order[4], norder;

static void note_order(int sig)
{
	if (norder < 4)
		order[norder++] = sig;
}

static unsigned int get_mxcsr(void)
{
	unsigned int v;

	__asm__ volatile("stmxcsr %0" : "=m"(v));
	return v;
}

static void set_mxcsr(unsigned int v)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(v));
}

/*
 * Linux: rt_sigaction clears sa_flags bits it does not know (a program
 * tests for SA_UNSUPPORTED); two signals ready at once get two nested
 * frames, so the second one's handler runs first (then returns into the
 * first's); rt_sigreturn keeps MXCSR's DAZ bit where the CPU has it.
 */
static void frames_and_flags(void)
{
	struct { void *handler; unsigned long flags; void *restorer, *mask; } ka = { 0 }, old;
	sigset_t set;
	struct { unsigned char b[512]; } __attribute__((aligned(16))) fx;

	ka.handler = SIG_IGN;
	ka.flags = 0x04000000 | 0x400 | 0x200;	/* SA_RESTORER | SA_UNSUPPORTED | bit 9 */
	SC(SYS_rt_sigaction, SIGUSR2, &ka, 0, 8);
	SC(SYS_rt_sigaction, SIGUSR2, 0, &old, 8);
	EXPECT("rt_sigaction keeps only the flags it knows", (long)old.flags, 0x04000000L);

	install(SIGUSR1, note_order, 0);
	install(SIGUSR2, note_order, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR1);
	raise(SIGUSR2);
	norder = 0;
	sigprocmask(SIG_UNBLOCK, &set, NULL);	/* both ready on the way back */
	EXPECT("two ready signals: both handlers ran", norder, 2);
	EXPECT("... SIGUSR2's (the inner frame) first", order[0], SIGUSR2);
	EXPECT("... then SIGUSR1's", order[1], SIGUSR1);
	install(SIGUSR1, SIG_DFL, 0);
	install(SIGUSR2, SIG_DFL, 0);

	__asm__ volatile("fxsave %0" : "=m"(fx));
	if (!(*(unsigned int *)(fx.b + 28) & 0x40)) {
		printf("ok %d # SKIP this CPU has no MXCSR.DAZ\n", ++tap_nr);
		return;
	}
	install(SIGUSR1, note_order, 0);
	set_mxcsr(get_mxcsr() | 0x40);
	raise(SIGUSR1);
	EXPECT("MXCSR.DAZ kept across a handler", get_mxcsr() & 0x40, 0x40);
	set_mxcsr(get_mxcsr() & ~0x40u);
	install(SIGUSR1, SIG_DFL, 0);
}

static volatile unsigned int mxcsr_in_handler;

static void read_mxcsr(int sig)
{
	(void)sig;
	mxcsr_in_handler = get_mxcsr();
}

/* A handler that leaves a reserved MXCSR bit in its frame's FPU state. */
static void bad_mxcsr(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	(void)sig, (void)si;
	uc->uc_mcontext.fpregs->mxcsr |= 1u << 31;
}

/* Handlers that leave no FPU state in the frame, or a misaligned pointer to it. */
static void no_fpstate(int sig, siginfo_t *si, void *ucp)
{
	(void)sig, (void)si;
	((ucontext_t *)ucp)->uc_mcontext.fpregs = NULL;
}

static void misaligned_fpstate(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	(void)sig, (void)si;
	uc->uc_mcontext.fpregs = (void *)((char *)uc->uc_mcontext.fpregs + 8);
}

static void return_with_misaligned_fpstate(void)
{
	struct sigaction sa = { .sa_sigaction = misaligned_fpstate, .sa_flags = SA_SIGINFO };

	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	exit(0);			/* not reached */
}

static void return_with_bad_mxcsr(void)
{
	struct sigaction sa = { .sa_sigaction = bad_mxcsr, .sa_flags = SA_SIGINFO };

	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	exit(0);			/* not reached: rt_sigreturn refuses the frame */
}

/*
 * Linux: a handler starts with a clean FPU (fpu__clear_user_states) and
 * gets the interrupted state back; a frame whose MXCSR has a reserved bit
 * is refused (SIGSEGV), not masked.
 */
static void fpu_state(void)
{
	unsigned int round_down = (get_mxcsr() & ~0x6000u) | 0x2000u;

	install(SIGUSR1, read_mxcsr, 0);
	set_mxcsr(round_down);
	raise(SIGUSR1);
	EXPECT("the handler starts with the default MXCSR", mxcsr_in_handler, 0x1f80);
	EXPECT("... and the program gets its own back", get_mxcsr(), round_down);
	set_mxcsr(0x1f80);
	install(SIGUSR1, SIG_DFL, 0);
	EXPECT("a reserved MXCSR bit in the frame: SIGSEGV", child_status(return_with_bad_mxcsr),
	       SIGSEGV);
	EXPECT("an fpstate not 16-byte aligned: SIGSEGV",
	       child_status(return_with_misaligned_fpstate), SIGSEGV);
	{
		struct sigaction sa = { .sa_sigaction = no_fpstate, .sa_flags = SA_SIGINFO };

		sigaction(SIGUSR1, &sa, NULL);
		set_mxcsr(round_down);
		raise(SIGUSR1);
		EXPECT("no fpstate in the frame: the FPU comes back clean", get_mxcsr(), 0x1f80);
		set_mxcsr(0x1f80);
		install(SIGUSR1, SIG_DFL, 0);
	}
}

int main(void)
{
	int st;

	printf("TAP version 13\n");
	handler_and_mask();
	frames_and_flags();
	fpu_state();
	fault_handler();
	deaths();
	eintr();
	suspend();
	groups();
	chld();
	st = child_status(session_child);
	EXPECT("setsid in a child: a session and group of its own", st, 0);
	return tap_finish("signal_test");
}
