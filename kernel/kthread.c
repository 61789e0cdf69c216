/*
 * kernel/kthread.c - kernel threads: the boot thread init_task, creating
 * more (kthread_create), and lending a thread an address space.
 *
 * A new thread gets a task_struct from kmalloc, a 16 KiB kernel stack from
 * the page allocator and the next pid (pids are not reused yet: a counter,
 * where Linux has an IDR that recycles them).  Its stack starts with the
 * frame __switch_to_asm pops, so that the first switch to it "returns"
 * into ret_from_kthread, which calls threadfn (Linux: copy_thread and
 * ret_from_fork).  When threadfn returns the thread is a zombie; it cannot
 * free the stack it runs on, so release_task() by someone else does.
 *
 * kthread_use_mm(mm) loads mm's page tables into CR3 and makes it
 * current->mm: the thread can now touch mm's user addresses directly, and
 * faults there are resolved against mm's VMAs.  kthread_unuse_mm() goes
 * back to the kernel's own page tables.  Linux: kernel/kthread.c.
 */
#include <kernel/sched.h>
#include <kernel/panic.h>
#include <mm/mm_types.h>
#include <mm/direct_map.h>
#include <asm/processor.h>
#include <asm/page.h>
#include <asm/boot.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <kernel/string.h>
#include <kernel/proc_fs.h>

extern char boot_stack[];

/* pid 1, like the first task of Linux's user space; no parent. */
struct task_struct init_task = {
	.pid = 1, .tgid = 1, .comm = "mmlab", .stack = boot_stack,
	.tasks = { &init_task.tasks, &init_task.tasks },
};
struct task_struct *current_task = &init_task;

#define THREAD_SIZE_ORDER	2	/* 16 KiB, as the boot stack */
#define THREAD_SIZE		(PAGE_SIZE << THREAD_SIZE_ORDER)
_Static_assert(THREAD_SIZE == BOOT_STACK_SIZE, "kernel stacks are the boot stack's size");

static int last_pid = 1;

void ret_from_kthread(void);

/* The frame __switch_to_asm pops: r15 r14 r13 r12 rbx rbp, then the return address. */
struct inactive_task_frame {
	unsigned long r15, r14, r13, r12, bx, bp, ret_addr;
};

static void copy_thread(struct task_struct *p)
{
	unsigned long top = (unsigned long)p->stack + THREAD_SIZE;
	struct inactive_task_frame *frame = (void *)(top - 16 - sizeof(*frame));

	memset(frame, 0, sizeof(*frame));
	frame->bx = (unsigned long)p->threadfn;
	frame->r12 = (unsigned long)p->threadfn_data;
	frame->ret_addr = (unsigned long)ret_from_kthread;
	p->switch_sp = (unsigned long)frame;
	p->thread.sp0 = top;
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *name)
{
	struct task_struct *p = kmalloc(sizeof(*p), GFP_KERNEL);
	struct page *stack;

	if (!p)
		return NULL;
	stack = alloc_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!stack) {
		kfree(p);
		return NULL;
	}
	memset(p, 0, sizeof(*p));
	p->stack = page_address(stack);
	p->__state = TASK_UNINTERRUPTIBLE;	/* until wake_up_process() */
	p->pid = p->tgid = ++last_pid;
	p->real_parent = current;
	p->threadfn = threadfn;
	p->threadfn_data = data;
	strscpy(p->comm, name, sizeof(p->comm));
	copy_thread(p);
	list_add_tail(&p->tasks, &init_task.tasks);
	proc_pid_create(p);
	return p;
}

/* threadfn returned (ret_from_kthread): a zombie until release_task(). */
void __noreturn kthread_exit(int result)
{
	struct task_struct *tsk = current;

	tsk->exit_code = result;
	tsk->exit_state = EXIT_ZOMBIE;
	if (tsk->real_parent)
		wake_up_process(tsk->real_parent);
	schedule();
	BUG();				/* a zombie is never picked again */
}

void release_task(struct task_struct *p)
{
	BUG_ON(p == current || p == &init_task);
	BUG_ON(p->exit_state != EXIT_ZOMBIE);
	proc_pid_remove(p);
	list_del(&p->tasks);
	__free_pages(virt_to_page(p->stack), THREAD_SIZE_ORDER);
	kfree(p);
}

unsigned long nr_tasks(void)
{
	struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, &init_task.tasks)
		n++;
	return n + 1;			/* the head, init_task, is a task too */
}

void kthread_use_mm(struct mm_struct *mm)
{
	BUG_ON(current->mm);		/* one at a time, as in Linux */
	current->mm = mm;
	current->active_mm = mm;
	write_cr3(__pa(mm->pgd));
}

void kthread_unuse_mm(struct mm_struct *mm)
{
	BUG_ON(current->mm != mm);
	current->mm = NULL;
	current->active_mm = NULL;
	write_cr3(init_top_pgt_phys);
}
