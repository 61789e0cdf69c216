/*
 * tests/sched_kunit.c - tasks and the context switch: kernel threads that
 * take turns through schedule(), see their own `current`, return a value
 * their creator collects, and leave no page or kmalloc object behind.
 */
#include "mm_check.h"
#include <kernel/sched.h>
#include <kernel/wait.h>
#include <mm/slab.h>

#define ROUNDS	5

struct turns {
	char log[4 * ROUNDS + 1];
	int len;
};

struct turn_arg {
	struct turns *t;
	char mark;
	struct task_struct *self;	/* what current must be */
};

/* Write a mark, give up the CPU, ROUNDS times: the log shows the order. */
static int take_turns(void *data)
{
	struct turn_arg *a = data;

	for (int i = 0; i < ROUNDS; i++) {
		if (current != a->self)
			return -1;
		a->t->log[a->t->len++] = a->mark;
		schedule();
	}
	return a->mark;
}

/* Yield until p is a zombie; return its exit code and free it. */
static int reap(struct task_struct *p)
{
	int code;

	while (p->exit_state != EXIT_ZOMBIE)
		schedule();
	code = p->exit_code;
	release_task(p);
	return code;
}

static void two_kthreads_alternate(struct kunit *test)
{
	unsigned long pages = nr_free_pages_drained(), objs = kmalloc_live_objects();
	unsigned long tasks = nr_tasks();
	struct turns t = { .len = 0 };
	struct turn_arg a = { &t, 'A', NULL }, b = { &t, 'B', NULL };
	struct task_struct *pa, *pb;

	pa = kthread_create(take_turns, &a, "turn-a");
	pb = kthread_create(take_turns, &b, "turn-b");
	KUNIT_ASSERT_TRUE(test, pa && pb);
	a.self = pa;
	b.self = pb;
	KUNIT_EXPECT_EQ(test, nr_tasks(), tasks + 2);
	KUNIT_EXPECT_GT(test, pb->pid, pa->pid);
	KUNIT_EXPECT_TRUE(test, pa->real_parent == current);

	schedule();			/* both asleep: nothing else runs */
	KUNIT_EXPECT_EQ(test, t.len, 0);

	KUNIT_EXPECT_EQ(test, wake_up_process(pa), 1);
	KUNIT_EXPECT_EQ(test, wake_up_process(pb), 1);
	KUNIT_EXPECT_EQ(test, wake_up_process(pb), 0);
	KUNIT_EXPECT_EQ(test, reap(pa), 'A');
	KUNIT_EXPECT_EQ(test, reap(pb), 'B');
	t.log[t.len] = '\0';
	KUNIT_EXPECT_STREQ(test, t.log, "ABABABABAB");
	KUNIT_EXPECT_EQ(test, current->pid, 1);	/* back in the test's own task */
	KUNIT_EXPECT_EQ(test, nr_tasks(), tasks);
	KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), pages);
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), objs);
}

static int record_stack(void *data)
{
	unsigned long sp;

	__asm__ __volatile__("mov %%rsp, %0" : "=r"(sp));
	*(unsigned long *)data = sp;
	return 0;
}

/* A thread runs on its own kernel stack, which the TSS names for ring 3. */
static void kthread_runs_on_its_own_stack(struct kunit *test)
{
	unsigned long sp = 0, lo, hi;
	struct task_struct *p = kthread_create(record_stack, &sp, "stack");

	KUNIT_ASSERT_TRUE(test, p != NULL);
	lo = (unsigned long)p->stack;
	hi = p->thread.sp0;
	KUNIT_EXPECT_EQ(test, hi - lo, 16384);
	wake_up_process(p);
	KUNIT_EXPECT_EQ(test, reap(p), 0);
	KUNIT_EXPECT_TRUE(test, sp > lo && sp < hi);
}

struct mailbox {
	wait_queue_head_t wq;
	int value;			/* 0: empty */
	int got[ROUNDS];
};

/* Sleeps on the queue until a value arrives, ROUNDS times. */
static int consume(void *data)
{
	struct mailbox *mb = data;

	for (int i = 0; i < ROUNDS; i++) {
		wait_event(mb->wq, mb->value != 0);
		mb->got[i] = mb->value;
		mb->value = 0;
	}
	return 0;
}

/* A sleeper stays off the CPU until wake_up, and sees every value. */
static void wait_event_sleeps_until_woken(struct kunit *test)
{
	unsigned long objs = kmalloc_live_objects();
	struct mailbox mb = { .value = 0 };
	struct task_struct *p;

	init_waitqueue_head(&mb.wq);
	p = kthread_create(consume, &mb, "consumer");
	KUNIT_ASSERT_TRUE(test, p != NULL);
	wake_up_process(p);
	for (int i = 0; i < ROUNDS; i++) {
		schedule();		/* the consumer runs and goes to sleep */
		KUNIT_EXPECT_EQ(test, p->__state, TASK_UNINTERRUPTIBLE);
		/* A wake-up with the mailbox still empty: it sleeps again. */
		KUNIT_EXPECT_EQ(test, wake_up(&mb.wq), 1);
		KUNIT_EXPECT_EQ(test, p->__state, TASK_RUNNING);
		schedule();
		KUNIT_EXPECT_EQ(test, p->__state, TASK_UNINTERRUPTIBLE);
		KUNIT_EXPECT_EQ(test, mb.got[i], 0);
		mb.value = 100 + i;
		KUNIT_EXPECT_EQ(test, wake_up(&mb.wq), 1);
	}
	KUNIT_EXPECT_EQ(test, reap(p), 0);
	for (int i = 0; i < ROUNDS; i++)
		KUNIT_EXPECT_EQ(test, mb.got[i], 100 + i);
	KUNIT_EXPECT_TRUE(test, list_empty(&mb.wq.head));
	KUNIT_EXPECT_EQ(test, wake_up(&mb.wq), 0);
	KUNIT_EXPECT_EQ(test, kmalloc_live_objects(), objs);
}

static struct kunit_case sched_cases[] = {
	KUNIT_CASE(two_kthreads_alternate),
	KUNIT_CASE(kthread_runs_on_its_own_stack),
	KUNIT_CASE(wait_event_sleeps_until_woken),
	{}
};

static struct kunit_suite sched_suite = {
	.name = "sched",
	.test_cases = sched_cases,
};
kunit_test_suite(sched_suite);
