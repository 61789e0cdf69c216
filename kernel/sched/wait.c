/*
 * kernel/sched/wait.c - putting a task on a wait queue and waking it.
 *
 * prepare_to_wait() queues the entry once (a task looping in wait_event
 * calls it after every wake-up) and sets the task's state; finish_wait()
 * makes it TASK_RUNNING and takes the entry off.  wake_up() wakes all the
 * waiters but leaves them queued: each takes itself off when its condition
 * holds, as in Linux.  Linux: kernel/sched/wait.c.
 */
#include <kernel/wait.h>

void prepare_to_wait(wait_queue_head_t *wq_head, struct wait_queue_entry *wq_entry,
		     unsigned int state)
{
	if (list_empty(&wq_entry->entry))
		list_add_tail(&wq_entry->entry, &wq_head->head);
	current->__state = state;
}

void finish_wait(wait_queue_head_t *wq_head, struct wait_queue_entry *wq_entry)
{
	(void)wq_head;
	current->__state = TASK_RUNNING;
	list_del_init(&wq_entry->entry);
}

int wake_up(wait_queue_head_t *wq_head)
{
	struct wait_queue_entry *wq_entry;
	int woken = 0;

	list_for_each_entry(wq_entry, &wq_head->head, entry)
		woken += wake_up_process(wq_entry->private);
	return woken;
}
