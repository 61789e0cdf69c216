/*
 * tests/host/signal_kunit.c - the kernel's signal code on the host's one
 * task (tests/host/exit.c): which signal is taken first.  A fault's signal
 * goes before others that are ready, so its handler's frame holds the
 * faulting context (Linux: next_signal, SYNCHRONOUS_MASK); SIGKILL goes
 * before everything.  Host only: the kernel's KUnit runs in a kernel
 * thread, which takes no signals.
 */
#include <kunit/test.h>
#include <kernel/signal.h>
#include <kernel/sched.h>

bool get_signal(int *sig, struct kernel_siginfo *info, struct k_sigaction *ka);

static const struct k_sigaction handled = {
	.handler = (void __user *)0x401000, .flags = SA_SIGINFO | SA_RESTORER,
	.restorer = (void __user *)0x401800,
};

/* The signals get_signal() hands out, in order, until none is ready. */
static int take_all(int *order, int max)
{
	struct kernel_siginfo info;
	struct k_sigaction ka;
	int n = 0, sig;

	while (n < max && get_signal(&sig, &info, &ka))
		order[n++] = sig;
	return n;
}

static void fault_signal_first(struct kunit *test)
{
	struct k_sigaction saved[3] = {
		current->sighand->action[SIGUSR1 - 1], current->sighand->action[SIGSEGV - 1],
		current->sighand->action[SIGTERM - 1],
	};
	unsigned long blocked = current->blocked;
	int order[4];

	current->blocked = 0;
	current->sighand->action[SIGUSR1 - 1] = handled;
	current->sighand->action[SIGSEGV - 1] = handled;
	current->sighand->action[SIGTERM - 1] = handled;
	KUNIT_ASSERT_EQ(test, send_sig(SIGUSR1, current, 0), 0);
	KUNIT_ASSERT_EQ(test, send_sig(SIGTERM, current, 0), 0);
	force_sig_fault(SIGSEGV, SEGV_MAPERR, (void __user *)16);
	KUNIT_EXPECT_EQ(test, take_all(order, 4), 3);
	KUNIT_EXPECT_EQ(test, order[0], SIGSEGV);	/* the fault's, though SIGUSR1 is lower */
	KUNIT_EXPECT_EQ(test, order[1], SIGUSR1);
	KUNIT_EXPECT_EQ(test, order[2], SIGTERM);
	KUNIT_EXPECT_FALSE(test, signal_pending(current));
	current->sighand->action[SIGUSR1 - 1] = saved[0];
	current->sighand->action[SIGSEGV - 1] = saved[1];
	current->sighand->action[SIGTERM - 1] = saved[2];
	current->blocked = blocked;
}

static struct kunit_case signal_cases[] = {
	KUNIT_CASE(fault_signal_first),
	{}
};

static struct kunit_suite signal_suite = {
	.name = "signal",
	.test_cases = signal_cases,
};
kunit_test_suite(signal_suite);
