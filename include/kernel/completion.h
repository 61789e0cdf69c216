/*
 * include/kernel/completion.h - "wait until that is done", once.
 *
 * A completion is a flag and a wait queue: wait_for_completion() sleeps
 * until someone calls complete().  vfork uses one: the parent sleeps on it
 * until the child has called execve or exited (mm_release), because until
 * then the child runs on the parent's memory.  Linux counts completions
 * (complete() twice lets two waiters through); mmlab's is a plain flag.
 * Linux: include/linux/completion.h, kernel/sched/completion.c.
 */
#ifndef _KERNEL_COMPLETION_H
#define _KERNEL_COMPLETION_H

#include <kernel/wait.h>

struct completion {
	unsigned int done;
	wait_queue_head_t wait;
};

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

static inline void complete(struct completion *x)
{
	x->done = 1;
	wake_up(&x->wait);
}

static inline void wait_for_completion(struct completion *x)
{
	wait_event(x->wait, x->done);
}

#endif
