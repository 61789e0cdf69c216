/*
 * user/tests/oom_test.c - user space cannot take the kernel down: a fork
 * bomb ends with fork failing (-EAGAIN at the task limit, or -ENOMEM), a
 * runaway allocation is ended by the OOM killer (SIGKILL, and Linux's
 * "Out of memory: Killed process" line on the console), and all the memory
 * comes back when they are gone.  TAP; on Linux it needs a memory cgroup
 * or a small machine to mean the same, so it is meant for mmlab.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"

#define MAX_KIDS	20000

static pid_t kids[MAX_KIDS];


/* Forks children that sleep until fork fails; then kills and reaps them. */
static void fork_bomb(void)
{
	int n = 0, err = 0, reaped = 0, status;

	while (n < MAX_KIDS) {
		pid_t pid = fork();

		if (pid == 0) {
			for (;;)
				pause();
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		kids[n++] = pid;
	}
	printf("# fork bomb: %d children, then fork failed with %s\n", n, strerror(err));
	TRUE("fork bomb: fork fails with EAGAIN or ENOMEM, the kernel lives", err == EAGAIN || err == ENOMEM);
	TRUE("fork bomb: at least 100 children first", n >= 100);
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		reaped += waitpid(kids[i], &status, 0) == kids[i] && WIFSIGNALED(status) &&
			  WTERMSIG(status) == SIGKILL;
	EXPECT("fork bomb: every child killed and reaped", reaped, n);
}

/* Touches anonymous memory until something stops it. */
static void runaway(void)
{
	for (;;) {
		char *p = mmap(NULL, 64 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

		if (p == MAP_FAILED)
			continue;
		for (long i = 0; i < (64 << 20); i += 4096)
			p[i] = 1;
	}
}

static void *runaway_thread(void *arg)
{
	(void)arg;
	runaway();
	return NULL;
}

/*
 * The process's main thread has exited; another thread runs away.  Linux
 * still finds the process (find_lock_task_mm: any thread with the mm) and
 * kills it; there is something to kill, so no "no killable processes" panic.
 */
static void leaderless_process(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t t;

		pthread_create(&t, NULL, runaway_thread, NULL);
		pthread_exit(NULL);		/* the main thread goes; the process lives on */
	}
	EXPECT("main thread gone, a thread runs away: waitpid", waitpid(pid, &status, 0), pid);
	TRUE("main thread gone, a thread runs away: the process is OOM-killed (SIGKILL)",
	     WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

/*
 * A vfork child runs away on its parent's memory.  Linux kills every
 * process sharing the victim's mm, so the parent (waiting for the child)
 * dies too, and neither waits on the other forever.
 */
static void vfork_runaway(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		if (vfork() == 0)
			runaway();
		_exit(0);			/* not reached: killed with its child */
	}
	EXPECT("vfork child runs away: waitpid of its parent", waitpid(pid, &status, 0), pid);
	TRUE("vfork child runs away: parent and child OOM-killed (SIGKILL)",
	     WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

int main(void)
{
	long free0 = proc_kb("/proc/meminfo", "MemFree:");
	int status = -1;
	pid_t pid;

	printf("TAP version 13\n");
	fork_bomb();
	pid = fork();
	if (pid == 0)
		runaway();
	EXPECT("runaway allocation: waitpid", waitpid(pid, &status, 0), pid);
	TRUE("runaway allocation: killed by the OOM killer (SIGKILL)",
	     WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	leaderless_process();
	vfork_runaway();
	TRUE("all memory back (MemFree within the per-CPU lists' few MiB)",
	     labs(proc_kb("/proc/meminfo", "MemFree:") - free0) < 8 * 1024);
	return tap_finish("oom_test");
}
