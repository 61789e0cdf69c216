/*
 * kernel/futex.c - FUTEX_WAIT and FUTEX_WAKE (see include/kernel/futex.h).
 *
 * A waiter is queued with the mm and address of its futex word - Linux's
 * key for a private futex; mmlab keys shared ones the same way, so a futex
 * in MAP_SHARED memory only works between threads of one process (a
 * documented difference).  "Compare the word, then sleep" needs no lock
 * here: one CPU and a kernel that is not preempted mean nothing runs in
 * between.  A wait with a timeout stays runnable and checks the clock when
 * its turn comes (mmlab's sleeps have no timer, as nanosleep's).  Linux:
 * kernel/futex/waitwake.c (futex_wait, futex_wake), core.c (get_futex_key).
 */
#include <kernel/futex.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/syscalls.h>
#include <kernel/errno.h>
#include <kernel/time.h>
#include <kernel/list.h>
#include <mm/uaccess.h>

struct futex_q {
	struct list_head list;
	struct task_struct *task;
	struct mm_struct *mm;		/* the key: mm and address */
	unsigned long uaddr;
	u32 bitset;
	bool woken;
};

/* Linux hashes the keys into many queues; one list is enough for a few tasks. */
static LIST_HEAD(futex_queue);

int futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset)
{
	struct futex_q *q, *n;
	int woken = 0;

	(void)flags;
	if ((unsigned long)uaddr & 3)
		return -EINVAL;
	if (!bitset)
		return -EINVAL;
	/* Linux tests the count after a wake-up: nr_wake 0 (or less) wakes one */
	nr_wake = nr_wake > 0 ? nr_wake : 1;
	list_for_each_entry_safe(q, n, &futex_queue, list) {
		if (woken >= nr_wake)
			break;
		if (q->mm != current->mm || q->uaddr != (unsigned long)uaddr || !(q->bitset & bitset))
			continue;
		list_del_init(&q->list);
		q->woken = true;
		wake_up_process(q->task);
		woken++;
	}
	return woken;
}

/* Sleeps until woken, a signal, or local_clock() passes deadline (0: none). */
static int futex_sleep(struct futex_q *q, u64 deadline)
{
	for (;;) {
		if (q->woken)
			return 0;
		if (signal_pending(current))
			return -ERESTARTSYS;
		if (deadline && local_clock() >= deadline)
			return -ETIMEDOUT;
		current->__state = deadline ? TASK_RUNNING : TASK_INTERRUPTIBLE;
		if (deadline)
			run_itimers();	/* polling: let SIGALRM come too */
		schedule();
	}
}

static int futex_wait(u32 __user *uaddr, u32 val, u64 deadline, u32 bitset)
{
	struct futex_q q = { .task = current, .mm = current->mm, .uaddr = (unsigned long)uaddr,
			     .bitset = bitset };
	u32 cur;
	int ret;

	if ((unsigned long)uaddr & 3 || !bitset)
		return -EINVAL;
	if (get_user(cur, uaddr))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;		/* it changed already: no sleep */
	list_add_tail(&q.list, &futex_queue);
	ret = futex_sleep(&q, deadline);
	list_del_init(&q.list);
	current->__state = TASK_RUNNING;
	return ret;
}

struct futex_timespec {
	long tv_sec, tv_nsec;
};

/* The deadline in local_clock() ns: relative for FUTEX_WAIT, absolute for _BITSET. */
static int futex_deadline(const struct futex_timespec __user *utime, int cmd, u64 *deadline)
{
	struct futex_timespec ts;
	u64 ns;

	*deadline = 0;
	if (!utime)
		return 0;
	if (copy_from_user(&ts, utime, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	ns = (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	/* an absolute CLOCK_MONOTONIC time is local_clock()'s; REALTIME is taken the same */
	*deadline = cmd == FUTEX_WAIT ? local_clock() + ns : ns;
	if (!*deadline)
		*deadline = 1;
	return 0;
}

SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		const struct futex_timespec __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	u64 deadline;
	int err;

	(void)uaddr2;
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;		/* Linux: only the bitset wait takes the clock flag */
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		fallthrough;
	case FUTEX_WAIT_BITSET:
		err = futex_deadline(utime, cmd, &deadline);
		return err ? err : futex_wait(uaddr, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		fallthrough;
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, op, (int)val, val3);
	default:
		return -ENOSYS;		/* requeue, PI, waitv: not modelled */
	}
}
