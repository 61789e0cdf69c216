/*
 * kernel/itimer.c - setitimer/getitimer(ITIMER_REAL) and alarm: SIGALRM
 * after a time, once or at an interval.
 *
 * A task's timer is the local_clock() time it is due.  Expired timers are
 * looked for on each timer tick and while the CPU idles waiting for one
 * (schedule()), so a task asleep in wait4 is woken by its SIGALRM - the
 * kselftest harness's 30-second test timeout.  ITIMER_VIRTUAL and
 * ITIMER_PROF are not modelled (-EINVAL).  Linux: kernel/time/itimer.c,
 * where the timer is an hrtimer in the signal_struct.
 */
#include <kernel/signal.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/errno.h>
#include <kernel/time.h>
#include <mm/uaccess.h>

#define ITIMER_REAL	0
#define USEC_PER_SEC	1000000L

struct old_timeval {
	long tv_sec, tv_usec;
};

struct itimerval {
	struct old_timeval it_interval, it_value;
};

static u64 tv_to_ns(const struct old_timeval *tv)
{
	return (u64)tv->tv_sec * USEC_PER_SEC * NSEC_PER_USEC + (u64)tv->tv_usec * NSEC_PER_USEC;
}

static struct old_timeval ns_to_tv(u64 ns)
{
	u64 us = (ns + NSEC_PER_USEC - 1) / NSEC_PER_USEC;

	return (struct old_timeval){ us / USEC_PER_SEC, us % USEC_PER_SEC };
}

static void get_itimer(struct task_struct *p, struct itimerval *v)
{
	u64 now = local_clock();

	v->it_interval = ns_to_tv(p->it_real_incr);
	v->it_value = ns_to_tv(p->it_real_expires > now ? p->it_real_expires - now :
			       p->it_real_expires ? 1 : 0);
}

static bool tv_valid(const struct old_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < USEC_PER_SEC;
}

static int do_setitimer(struct itimerval *new, struct itimerval *old)
{
	if (!tv_valid(&new->it_value) || !tv_valid(&new->it_interval))
		return -EINVAL;
	if (old)
		get_itimer(current, old);
	current->it_real_expires = tv_to_ns(&new->it_value);
	/* Linux: a timer disarmed by value 0 keeps no interval either */
	current->it_real_incr = current->it_real_expires ? tv_to_ns(&new->it_interval) : 0;
	if (current->it_real_expires)
		current->it_real_expires += local_clock();
	return 0;
}

SYSCALL_DEFINE3(setitimer, int, which, struct itimerval __user *, value,
		struct itimerval __user *, ovalue)
{
	struct itimerval new = { 0 }, old;
	int err;

	if (which != ITIMER_REAL)
		return -EINVAL;
	if (value && copy_from_user(&new, value, sizeof(new)))
		return -EFAULT;		/* NULL: disarm, as Linux still allows */
	err = do_setitimer(&new, &old);
	if (!err && ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return err;
}

SYSCALL_DEFINE2(getitimer, int, which, struct itimerval __user *, value)
{
	struct itimerval v;

	if (which != ITIMER_REAL)
		return -EINVAL;
	get_itimer(current, &v);
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

/* Seconds left of the old timer, rounded as Linux's alarm_setitimer() does. */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct itimerval new = { .it_value = { seconds, 0 } }, old;

	do_setitimer(&new, &old);
	if ((!old.it_value.tv_sec && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}

void run_itimers(void)
{
	u64 now = local_clock();
	struct task_struct *p;

	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (!p->it_real_expires || p->it_real_expires > now || p->exit_state)
			continue;
		p->it_real_expires = p->it_real_incr ? now + p->it_real_incr : 0;
		send_sig(SIGALRM, p, 1);
	}
}

bool itimers_armed(void)
{
	struct task_struct *p;

	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->it_real_expires && !p->exit_state)
			return true;
	return false;
}
