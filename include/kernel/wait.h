/*
 * include/kernel/wait.h - wait queues: sleeping until something happens.
 *
 * A task that must wait for a condition puts itself on a wait queue with
 * its state set to TASK_UNINTERRUPTIBLE (or _INTERRUPTIBLE), tests the
 * condition once more, and calls schedule(); whoever makes the condition
 * true calls wake_up() on the queue, which makes every waiter TASK_RUNNING
 * again.  Setting the state before the last test is what keeps a wake-up
 * from being lost (on one CPU with no preemption in the kernel nothing can
 * come between them today, but the order is Linux's and stays right when
 * interrupts can wake tasks).  Linux: include/linux/wait.h,
 * kernel/sched/wait.c.  Differences: no exclusive waiters, no wake
 * functions, no lock (one CPU, kernel code is not preempted).
 */
#ifndef _KERNEL_WAIT_H
#define _KERNEL_WAIT_H

#include <kernel/list.h>
#include <kernel/sched.h>

struct wait_queue_entry {
	struct task_struct *private;	/* the sleeper (Linux's name) */
	struct list_head entry;
};

typedef struct wait_queue_head {
	struct list_head head;
} wait_queue_head_t;

#define DECLARE_WAIT_QUEUE_HEAD(name) \
	wait_queue_head_t name = { { &(name).head, &(name).head } }

static inline void init_waitqueue_head(wait_queue_head_t *wq_head)
{
	INIT_LIST_HEAD(&wq_head->head);
}

/* An entry for current, not on any queue yet (Linux: init_wait_entry). */
static inline void init_wait_entry(struct wait_queue_entry *wq_entry)
{
	wq_entry->private = current;
	INIT_LIST_HEAD(&wq_entry->entry);
}

void prepare_to_wait(wait_queue_head_t *wq_head, struct wait_queue_entry *wq_entry,
		     unsigned int state);
void finish_wait(wait_queue_head_t *wq_head, struct wait_queue_entry *wq_entry);
/* Wakes every task on the queue; returns how many were asleep. */
int wake_up(wait_queue_head_t *wq_head);

/* Sleeps until condition is true (checked again after every wake-up). */
#define wait_event(wq_head, condition)					\
do {									\
	struct wait_queue_entry __wq_entry;				\
									\
	init_wait_entry(&__wq_entry);					\
	for (;;) {							\
		prepare_to_wait(&(wq_head), &__wq_entry, TASK_UNINTERRUPTIBLE); \
		if (condition)						\
			break;						\
		schedule();						\
	}								\
	finish_wait(&(wq_head), &__wq_entry);				\
} while (0)

#endif
