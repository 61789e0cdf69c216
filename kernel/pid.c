/*
 * kernel/pid.c - from a pid number to its task.
 *
 * find_task_by_vpid(nr) walks the task list (init_task and every task
 * linked after it) and returns the task whose pid is nr, or NULL (also for
 * an exited thread mmlab has not freed yet: Linux releases it at once).  The
 * result is only good while that task cannot be released: mmlab's kernel
 * is not preemptible, so until the caller sleeps (schedule(), a wait
 * queue) no release_task() can run.  Linux looks the number up in the pid
 * namespace's IDR under RCU (kernel/pid.c: find_task_by_vpid,
 * find_task_by_pid_ns) and pins the task with get_task_struct(); mmlab
 * has one namespace, a list, and no task reference counts.
 */
#include <kernel/sched.h>

struct task_struct *find_task_by_vpid(int nr)
{
	struct task_struct *p = &init_task;

	if (nr <= 0)
		return NULL;
	do {
		if (p->pid == nr && p->exit_state != EXIT_DEAD)
			return p;	/* an exited thread waiting to be freed is gone, as in Linux */
		p = list_entry(p->tasks.next, struct task_struct, tasks);
	} while (p != &init_task);
	return NULL;
}
