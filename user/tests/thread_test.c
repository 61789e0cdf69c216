/*
 * user/tests/thread_test.c - threads and futexes from user space: musl's
 * pthreads (clone with CLONE_THREAD and friends), two threads writing one
 * address space, pthread_join woken by the kernel's CLONE_CHILD_CLEARTID
 * futex wake, a mutex and a condition of futex waits and wakes, getpid
 * the same in every thread and gettid not, the raw futex calls' errors,
 * and exit_group from a thread ending the whole process.  TAP; also runs
 * on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

/* Linux's include/uapi/linux/futex.h (musl has no kernel headers) */
#define FUTEX_WAIT		0
#define FUTEX_WAIT_PRIVATE	128
#define FUTEX_WAKE_PRIVATE	129

#define N 4096
static int *shared;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static volatile int word;
static pid_t thread_pid, thread_tid;

static void *writer(void *arg)
{
	long half = (long)arg;

	thread_pid = getpid();
	thread_tid = syscall(SYS_gettid);
	for (int i = 0; i < N / 2; i++)
		shared[half * N / 2 + i] = i + 1000 * half;
	for (int i = 0; i < 10000; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return (void *)(half + 40);
}

static void *waker(void *arg)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	(void)arg;
	nanosleep(&ts, NULL);
	word = 1;
	syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	return NULL;
}

static void *exits_all(void *arg)
{
	(void)arg;
	_exit(9);		/* exit_group: the main thread goes too */
}

static long futex(volatile int *addr, int op, int val, const struct timespec *ts)
{
	return syscall(SYS_futex, addr, op, val, ts, NULL, 0) ? -errno : 0;
}

int main(void)
{
	pthread_t t[2];
	void *ret[2];
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	long bad = 0;
	int status = -1;
	pid_t pid;

	printf("TAP version 13\n");
	shared = mmap(NULL, N * sizeof(int), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		      -1, 0);
	EXPECT("pthread_create 1", pthread_create(&t[0], NULL, writer, (void *)0), 0);
	EXPECT("pthread_create 2", pthread_create(&t[1], NULL, writer, (void *)1), 0);
	EXPECT("pthread_join 1", pthread_join(t[0], &ret[0]), 0);
	EXPECT("pthread_join 2", pthread_join(t[1], &ret[1]), 0);
	EXPECT("the threads' return values", (long)ret[0] + (long)ret[1], 81);
	for (int i = 0; i < N; i++)
		bad += shared[i] != i % (N / 2) + 1000 * (i / (N / 2));
	EXPECT("both threads wrote the one address space", bad, 0);
	EXPECT("a mutex kept 20000 increments", counter, 20000);
	EXPECT("getpid is the process's in a thread", thread_pid, getpid());
	TRUE("gettid is the thread's own", thread_tid != getpid() && thread_tid > 0);
	EXPECT("futex WAIT: the word changed already: EAGAIN", futex(&word, FUTEX_WAIT_PRIVATE, 1, NULL),
	       -EAGAIN);
	EXPECT("futex WAIT with a 10 ms timeout: ETIMEDOUT",
	       futex(&word, FUTEX_WAIT_PRIVATE, 0, &ts), -ETIMEDOUT);
	EXPECT("futex WAIT misaligned: EINVAL", futex((int *)((char *)&word + 1), FUTEX_WAIT, 0, NULL),
	       -EINVAL);
	EXPECT("futex WAKE with nobody waiting: 0", futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL), 0);
	pthread_create(&t[0], NULL, waker, NULL);
	EXPECT("futex WAIT woken by another thread's WAKE", futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL), 0);
	EXPECT("the waker set the word first", word, 1);
	pthread_join(t[0], NULL);
	pid = fork();
	if (pid == 0) {
		pthread_t x;

		pthread_create(&x, NULL, exits_all, NULL);
		for (;;)
			pause();
	}
	waitpid(pid, &status, 0);
	TRUE("exit_group in a thread ends the process with its status",
	     WIFEXITED(status) && WEXITSTATUS(status) == 9);
	return tap_finish("thread_test");
}
