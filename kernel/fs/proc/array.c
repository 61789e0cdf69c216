/*
 * kernel/fs/proc/array.c - /proc/PID/status: "Field:\tvalue" lines about a
 * task, and the memory figures of its mm (task_mem) in kB; /proc/PID/stat:
 * the same task on one line of 52 space-separated fields, in the order
 * Linux's do_task_stat() prints them, 0 for what mmlab does not keep.
 * mmlab has one thread per process, user and group 0, and only anonymous
 * memory, so those lines say so.  Linux: fs/proc/array.c (proc_pid_status,
 * do_task_stat, task_state_array), fs/proc/task_mmu.c (task_mem).
 */
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <mm/mmap.h>
#include <mm/mm_types.h>

static void seq_put_kb(struct seq_file *m, const char *label, unsigned long bytes)
{
	seq_printf(m, "%s\t%8lu kB\n", label, bytes >> 10);
}

/* The memory lines: virtual size, resident anonymous memory, page tables. */
static void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long total_vm = 0, anon = get_mm_counter(mm, MM_ANONPAGES) << PAGE_SHIFT;
	unsigned long shmem = get_mm_counter(mm, MM_SHMEMPAGES) << PAGE_SHIFT;
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		total_vm += vma->vm_end - vma->vm_start;
	seq_put_kb(m, "VmSize:", total_vm);
	seq_put_kb(m, "VmRSS:", anon + shmem);
	seq_put_kb(m, "RssAnon:", anon);
	seq_put_kb(m, "RssFile:", 0);
	seq_put_kb(m, "RssShmem:", shmem);
	seq_put_kb(m, "VmPTE:", mm->pgtables_bytes);
	seq_put_kb(m, "VmSwap:", 0);
}

/*
 * Linux's task_state_array: the letter and word for the highest bit of
 * __state | exit_state (TASK_INTERRUPTIBLE 1 is S, TASK_UNINTERRUPTIBLE 2
 * is D, EXIT_DEAD 0x10 X, EXIT_ZOMBIE 0x20 Z; none set is R).
 */
static const char *const task_state_array[] = {
	"R (running)",		/* 0x00 */
	"S (sleeping)",		/* 0x01 */
	"D (disk sleep)",	/* 0x02 */
	"T (stopped)",		/* 0x04 */
	"t (tracing stop)",	/* 0x08 */
	"X (dead)",		/* 0x10 */
	"Z (zombie)",		/* 0x20 */
	"P (parked)",		/* 0x40 */
};

#define TASK_REPORT	0x7f

static const char *get_task_state(const struct task_struct *tsk)
{
	unsigned int state = (tsk->__state | tsk->exit_state) & TASK_REPORT, i = 0;

	while (state) {			/* fls() */
		state >>= 1;
		i++;
	}
	return task_state_array[i];
}

/*
 * The parent's tgid, 0 for none.  mmlab does not reparent a task whose
 * parent was released (Linux gives it to init in exit_notify), so the
 * parent is trusted only while it is still on the task list.
 */
static int task_ppid_nr(const struct task_struct *tsk)
{
	struct task_struct *parent = tsk->real_parent;

	if (!parent || find_task_by_vpid(parent->pid) != parent)
		return 0;
	return parent->tgid;
}

int proc_pid_status(struct seq_file *m, void *v)
{
	struct task_struct *task = m->private;

	seq_printf(m, "Name:\t%s\n", task->comm);
	seq_printf(m, "State:\t%s\n", get_task_state(task));
	seq_printf(m, "Tgid:\t%d\nPid:\t%d\nPPid:\t%d\n", task->tgid, task->pid,
		   task_ppid_nr(task));
	seq_puts(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
	if (task->mm)
		task_mem(m, task->mm);
	seq_puts(m, "Threads:\t1\n");
	return 0;
}

#define DEFAULT_PRIO_SHOWN 20		/* Linux: task_prio() of a nice-0 SCHED_NORMAL task */
#define RLIM_INFINITY	(~0UL)		/* rsslim: no RLIMIT_RSS */

/*
 * Linux: do_task_stat(), field by field (proc(5) numbers them from 1).
 * A kernel thread has no mm: its memory fields are 0, as in Linux.
 */
int proc_pid_stat(struct seq_file *m, void *v)
{
	struct task_struct *task = m->private;
	struct mm_struct *mm = task->mm;
	unsigned long vsize = 0, rss = 0;
	struct vm_area_struct *vma;

	if (mm) {
		list_for_each_entry(vma, &mm->mmap, vm_list)
			vsize += vma->vm_end - vma->vm_start;
		rss = get_mm_counter(mm, MM_ANONPAGES);
	}
	/* 1 pid, 2 (comm), 3 state, 4 ppid, 5 pgrp, 6 session, 7 tty_nr, 8 tpgid */
	seq_printf(m, "%d (%s) %c %d 0 0 0 -1", task->pid, task->comm,
		   get_task_state(task)[0], task_ppid_nr(task));
	/* 9 flags, 10-13 minflt cminflt majflt cmajflt, 14 utime, 15 stime, 16-17 cutime cstime */
	seq_printf(m, " %u 0 0 0 0 %lu 0 0 0", task->flags, task->utime);
	/* 18 priority, 19 nice, 20 num_threads, 21 itrealvalue, 22 starttime */
	seq_printf(m, " %d 0 1 0 0", DEFAULT_PRIO_SHOWN);
	/* 23 vsize (bytes), 24 rss (pages), 25 rsslim (RLIM_INFINITY) */
	seq_printf(m, " %lu %lu %lu", vsize, rss, RLIM_INFINITY);
	/* 26 startcode, 27 endcode, 28 startstack, 29 kstkesp, 30 kstkeip */
	seq_printf(m, " %lu %lu %lu 0 0", mm ? mm->start_code : 0, mm ? mm->end_code : 0,
		   mm ? mm->start_stack : 0);
	/* 31-34 signal blocked sigignore sigcatch, 35 wchan (1: asleep), 36-37 nswap cnswap */
	seq_printf(m, " 0 %lu 0 0 %d 0 0", task->blocked, task->__state != TASK_RUNNING);
	/* 38 exit_signal, 39 processor, 40 rt_priority, 41 policy, 42 blkio ticks, 43-44 guest */
	seq_printf(m, " %d 0 0 0 0 0 0", SIGCHLD);
	/* 45 start_data, 46 end_data, 47 start_brk, 48-49 arg_start/end, 50-51 env_start/end */
	if (mm)
		seq_printf(m, " %lu %lu %lu %lu %lu %lu %lu", mm->start_data, mm->end_data,
			   mm->start_brk, mm->arg_start, mm->arg_end, mm->env_start, mm->env_end);
	else
		seq_puts(m, " 0 0 0 0 0 0 0");
	/* 52 exit_code */
	seq_printf(m, " %d\n", task->exit_code);
	return 0;
}
