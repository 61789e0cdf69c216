/*
 * kernel/fs/proc/array.c - /proc/PID/status: "Field:\tvalue" lines about a
 * task, and the memory figures of its mm (task_mem) in kB.  mmlab has one
 * thread per process, user and group 0, and only anonymous memory, so
 * those lines say so.  Linux: fs/proc/array.c (proc_pid_status),
 * fs/proc/task_mmu.c (task_mem).
 */
#include <kernel/proc_fs.h>
#include <kernel/seq_file.h>
#include <kernel/sched.h>
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
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		total_vm += vma->vm_end - vma->vm_start;
	seq_put_kb(m, "VmSize:", total_vm);
	seq_put_kb(m, "VmRSS:", anon);
	seq_put_kb(m, "RssAnon:", anon);
	seq_put_kb(m, "RssFile:", 0);
	seq_put_kb(m, "RssShmem:", 0);
	seq_put_kb(m, "VmPTE:", mm->pgtables_bytes);
	seq_put_kb(m, "VmSwap:", 0);
}

int proc_pid_status(struct seq_file *m, void *v)
{
	struct task_struct *task = m->private;

	seq_printf(m, "Name:\t%s\n", task->comm);
	seq_puts(m, "State:\tR (running)\n");
	seq_printf(m, "Tgid:\t%d\nPid:\t%d\nPPid:\t%d\n", task->pid, task->pid, 0);
	seq_puts(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
	if (task->mm)
		task_mem(m, task->mm);
	seq_puts(m, "Threads:\t1\n");
	return 0;
}
