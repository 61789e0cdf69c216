/*
 * user/tests/thread_exit_test.c - processes whose threads outlive their
 * main thread, and other corners the review of the signal and thread code
 * found (each was a bug): a process whose main thread exited still takes
 * kill()'s signals; a thread's getppid() after its parent was reaped is 1,
 * not a freed task's; a signal frame that cannot be written kills the whole
 * process with SIGSEGV; fork-style clone(CLONE_CHILD_SETTID) writes the tid
 * into the child's memory, not the parent's; FUTEX_WAKE of 0 wakes one;
 * kill() of a thread's id; SIG_IGN drops a blocked pending signal;
 * setitimer with value 0 keeps no interval.  TAP; runs on Linux too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>
#define FUTEX_WAIT_PRIVATE	128	/* <linux/futex.h>: FUTEX_WAIT | FUTEX_PRIVATE_FLAG */
#define FUTEX_WAKE_PRIVATE	129
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"

static int wait_status(pid_t pid)
{
	int status = -1;

	return waitpid(pid, &status, 0) == pid ? status : -1;
}

static void *sleep_forever(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* The main thread exits, a thread sleeps on: kill(pid, SIGTERM) still ends the process. */
static void kill_after_main_thread_exit(void)
{
	int fds[2];
	char c;
	pid_t pid;

	if (pipe(fds))
		return;
	pid = fork();
	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, sleep_forever, NULL);
		if (write(fds[1], "x", 1) != 1)
			_exit(2);
		pthread_exit(NULL);
	}
	TRUE("main thread exited: the process is started", read(fds[0], &c, 1) == 1);
	usleep(20000);				/* the main thread is gone by now */
	EXPECT("main thread exited: kill(pid, SIGTERM) is taken", kill(pid, SIGTERM), 0);
	EXPECT("main thread exited: the process dies of SIGTERM", wait_status(pid), SIGTERM);
	close(fds[0]);
	close(fds[1]);
}

static int report_fd;

static void *report_ppid(void *arg)
{
	int ppid;

	usleep(50000);				/* our parent has exited and been reaped */
	ppid = getppid();
	(void)arg;
	if (write(report_fd, &ppid, sizeof(ppid)) != sizeof(ppid))
		_exit(2);
	return NULL;
}

/* A's child B has a thread; A exits and is reaped; the thread's getppid() is 1. */
static void getppid_of_a_thread_after_reparenting(void)
{
	int fds[2], ppid = -1;
	pid_t a;

	if (pipe(fds))
		return;
	report_fd = fds[1];
	a = fork();
	if (a == 0) {
		if (fork() == 0) {
			pthread_t t;

			pthread_create(&t, NULL, report_ppid, NULL);
			pthread_join(t, NULL);
			_exit(0);
		}
		_exit(0);			/* B goes to init */
	}
	EXPECT("reparenting: A exits", wait_status(a), 0);
	EXPECT("reparenting: B's thread reports", read(fds[0], &ppid, sizeof(ppid)), sizeof(ppid));
	EXPECT("reparenting: a thread's getppid() is init's pid", ppid, 1);
	close(fds[0]);
	close(fds[1]);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* The handler's frame cannot be written: SIGSEGV ends the process, other threads too. */
static void bad_frame_kills_the_process(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sigaction sa = { .sa_handler = on_usr1 };
		pthread_t t;

		sigaction(SIGUSR1, &sa, NULL);
		pthread_create(&t, NULL, sleep_forever, NULL);
		kill_on_stack((void *)0x10000, getpid(), SIGUSR1);	/* nothing maps it */
		_exit(0);			/* not reached */
	}
	EXPECT("bad signal frame: the process dies of SIGSEGV", wait_status(pid), SIGSEGV);
}

static volatile int child_tid_word;

/* fork-style clone(SIGCHLD | CLONE_CHILD_SETTID): the tid lands in the child's copy only. */
static void child_settid_in_the_child(void)
{
	long pid;

	child_tid_word = 0;
	pid = syscall(SYS_clone, SIGCHLD | CLONE_CHILD_SETTID, 0, NULL, &child_tid_word, 0);
	if (pid == 0)
		_exit(child_tid_word == getpid() ? 0 : 1);
	EXPECT("CLONE_CHILD_SETTID: the child finds its tid in its memory", wait_status(pid), 0);
	EXPECT("CLONE_CHILD_SETTID: the parent's memory is left alone", child_tid_word, 0);
}

static volatile int futex_word, second_tid;
static int *volatile bad_address = (int *)0x10;	/* volatile: the compiler cannot see it is bad */

static void *note_tid_and_sleep(void *arg)
{
	second_tid = syscall(SYS_gettid);
	return sleep_forever(arg);
}

static void *futex_waiter(void *arg)
{
	(void)arg;
	syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	return NULL;
}

static void *just_return(void *arg)
{
	second_tid = syscall(SYS_gettid);
	return arg;
}

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	/* Linux: trap 14 (#PF), error code user|write (not present), cr2 the address */
	_exit(uc->uc_mcontext.gregs[REG_TRAPNO] == 14 && (uc->uc_mcontext.gregs[REG_ERR] & 6) == 6 &&
	      uc->uc_mcontext.gregs[REG_CR2] == 0x10 && si->si_addr == (void *)0x10 ? 0 : 1);
}

/* Smaller corners: FUTEX_WAKE of 0, kill(tid), SIG_IGN on a pending signal, setitimer(0). */
static void small_corners(void)
{
	struct itimerval it = { .it_interval = { 1, 0 } }, got;
	sigset_t set, pending;
	pthread_t t;
	long woken = 0;
	pid_t pid;

	pthread_create(&t, NULL, futex_waiter, NULL);
	for (int i = 0; i < 100 && !woken; i++) {	/* until the thread waits */
		usleep(1000);
		woken = syscall(SYS_futex, &futex_word, FUTEX_WAKE_PRIVATE, 0, NULL, NULL, 0);
	}
	EXPECT("FUTEX_WAKE with nr 0 wakes one waiter, as in Linux", woken, 1);
	pthread_join(t, NULL);
	pthread_create(&t, NULL, note_tid_and_sleep, NULL);
	while (!second_tid)
		usleep(1000);
	EXPECT("kill(tid of a second thread, 0): the tid names the process",
	       kill(second_tid, 0) ? -errno : 0, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR2);
	signal(SIGUSR2, SIG_IGN);
	sigpending(&pending);
	EXPECT("SIG_IGN discards a blocked pending signal", sigismember(&pending, SIGUSR2), 0);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &got);
	EXPECT("setitimer with value 0 keeps no interval", got.it_interval.tv_sec, 0);
	second_tid = 0;
	pthread_create(&t, NULL, just_return, NULL);
	pthread_join(t, NULL);
	EXPECT("tkill of a thread that exited and was joined: ESRCH",
	       syscall(SYS_tkill, second_tid, 0) ? errno : 0, ESRCH);
	pid = fork();
	if (pid == 0) {
		struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };

		sigaction(SIGSEGV, &sa, NULL);
		*bad_address = 1;
		_exit(2);
	}
	EXPECT("SIGSEGV's sigcontext: trapno 14, err user|write, cr2 the address",
	       wait_status(pid), 0);
}

int main(void)
{
	printf("TAP version 13\n");
	fflush(stdout);
	kill_after_main_thread_exit();
	getppid_of_a_thread_after_reparenting();
	bad_frame_kills_the_process();
	child_settid_in_the_child();
	small_corners();
	return tap_finish("thread_exit_test");
}
