/*
 * kernel/time.c - the clocks user programs read and sleep on:
 * clock_gettime, clock_getres, gettimeofday, time, nanosleep and
 * clock_nanosleep.
 *
 * Every clock is the TSC (local_clock(): ns since kernel_main).
 * CLOCK_REALTIME adds the wall time the CMOS clock said at the first
 * call (rtc_seconds(), UTC as QEMU gives it).  There is no CPU-time
 * accounting yet, so the CPU-time clocks are approximations: they read
 * the monotonic clock.  A sleeper stays runnable and yields until the TSC
 * says its time has come (no timer interrupt reaches the kernel).  Linux: kernel/time/posix-timers.c,
 * kernel/time/time.c, kernel/time/hrtimer.c (hrtimer_nanosleep),
 * include/uapi/linux/time.h.
 */
#include <kernel/syscalls.h>
#include <kernel/errno.h>
#include <kernel/time.h>
#include <kernel/signal.h>
#include <kernel/sched.h>
#include <mm/uaccess.h>
#include <asm/io.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define CLOCK_TAI		11
#define TIMER_ABSTIME		0x01
#define S64_MAX			((s64)(~0ULL >> 1))
#define COARSE_RES_NS		(NSEC_PER_SEC / 100)	/* one tick, as AT_CLKTCK 100 */

struct __kernel_timespec {
	s64 tv_sec;
	long tv_nsec;
};

struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};

/* ---- the CMOS real-time clock, read once (Linux: mc146818_get_time) ---- */

static unsigned int cmos_read(unsigned int reg)
{
	outb(reg, 0x70);
	return inb(0x71);
}

static unsigned int bcd(unsigned int v, bool binary)
{
	return binary ? v : (v & 15) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (Linux: mktime64, in another form). */
static s64 days_from_civil(s64 y, unsigned int m, unsigned int d)
{
	s64 era, yoe, doy;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static s64 rtc_seconds(void)
{
	unsigned int sec, min, hour, day, mon, year, b;
	bool binary;

	while (cmos_read(0x0a) & 0x80)
		;			/* an update is in progress */
	sec = cmos_read(0), min = cmos_read(2), hour = cmos_read(4);
	day = cmos_read(7), mon = cmos_read(8), year = cmos_read(9);
	b = cmos_read(0x0b);
	binary = b & 0x04;
	if (b & 0x02)			/* 24-hour mode (QEMU's) */
		hour = bcd(hour, binary);
	else				/* 12-hour: bit 7 is PM */
		hour = bcd(hour & 0x7f, binary) % 12 + (hour & 0x80 ? 12 : 0);
	return days_from_civil(2000 + bcd(year, binary), bcd(mon, binary), bcd(day, binary)) *
	       86400 + hour * 3600 + bcd(min, binary) * 60 + bcd(sec, binary);
}

/* Wall-clock ns at local_clock() == 0. */
static u64 realtime_offset_ns(void)
{
	static u64 offset;

	if (!offset)
		offset = rtc_seconds() * NSEC_PER_SEC - local_clock();
	return offset;
}

/* The clock's time in ns, or -EINVAL for a clock mmlab does not have. */
static s64 clock_ns(int which)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:			/* TAI offset 0, as before NTP sets one */
		return realtime_offset_ns() + local_clock();
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:		/* nothing suspends */
	case CLOCK_PROCESS_CPUTIME_ID:	/* approximations: no CPU-time accounting */
	case CLOCK_THREAD_CPUTIME_ID:
		return local_clock();
	default:
		return -EINVAL;
	}
}

static int put_timespec(s64 ns, struct __kernel_timespec __user *tp)
{
	struct __kernel_timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_gettime, int, which_clock, struct __kernel_timespec __user *, tp)
{
	s64 ns = clock_ns(which_clock);

	return ns < 0 ? ns : put_timespec(ns, tp);
}

SYSCALL_DEFINE2(clock_getres, int, which_clock, struct __kernel_timespec __user *, tp)
{
	bool coarse = which_clock == CLOCK_REALTIME_COARSE ||
		      which_clock == CLOCK_MONOTONIC_COARSE;

	if (clock_ns(which_clock) < 0)
		return -EINVAL;
	return tp ? put_timespec(coarse ? COARSE_RES_NS : 1, tp) : 0;
}

SYSCALL_DEFINE2(gettimeofday, struct __kernel_old_timeval __user *, tv, void __user *, tz)
{
	s64 ns = clock_ns(CLOCK_REALTIME);
	struct __kernel_old_timeval t = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / NSEC_PER_USEC };
	int zone[2] = { 0, 0 };		/* struct timezone: UTC, no DST */

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user(tz, zone, sizeof(zone)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(time, long __user *, tloc)
{
	long t = clock_ns(CLOCK_REALTIME) / NSEC_PER_SEC;

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

/* Copies in a sleep request; -EFAULT, or -EINVAL as timespec64_valid. */
static int get_sleep(const struct __kernel_timespec __user *rqtp, s64 *ns)
{
	struct __kernel_timespec ts;

	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	*ns = ts.tv_sec > (s64)(S64_MAX / NSEC_PER_SEC) - 1 ? S64_MAX :
	      ts.tv_sec * (s64)NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

/*
 * Waits until clock which reads until_ns, giving the CPU to any other
 * runnable task meanwhile.  The kernel takes no interrupts, so no timer can
 * wake a sleeper: the task stays runnable and checks the clock each time
 * its turn comes (Linux sleeps on an hrtimer).
 */
static int sleep_until(int which, s64 until_ns)
{
	while (clock_ns(which) < until_ns) {
		run_itimers();		/* the kernel takes no tick: look for due SIGALRMs here */
		if (signal_pending(current))
			return -EINTR;	/* a handler will run (Linux: via restart_block) */
		schedule();
	}
	return 0;
}

SYSCALL_DEFINE2(nanosleep, struct __kernel_timespec __user *, rqtp,
		struct __kernel_timespec __user *, rmtp)
{
	s64 ns;
	int err = get_sleep(rqtp, &ns);

	if (!err)
		err = sleep_until(CLOCK_MONOTONIC, local_clock() + ns);
	return err;		/* rmtp is not written on -EINTR (differs from Linux) */
}

/* Linux: the clocks with an nsleep; the others (the thread's CPU clock too) -EOPNOTSUPP. */
static int nsleep_check(int which)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
	case CLOCK_PROCESS_CPUTIME_ID:
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE4(clock_nanosleep, int, which_clock, int, flags,
		const struct __kernel_timespec __user *, rqtp,
		struct __kernel_timespec __user *, rmtp)
{
	int err = nsleep_check(which_clock);
	s64 ns;

	if (!err)
		err = get_sleep(rqtp, &ns);
	if (err)
		return err;
	return sleep_until(which_clock, flags & TIMER_ABSTIME ? ns : clock_ns(which_clock) + ns);
}
