/*
 * kernel/umh.c - running a user program from the kernel and waiting for
 * it: call_usermodehelper().
 *
 * The program runs as a real process, a child of the calling task: a
 * user-mode thread (ret_from_fork) whose first kernel code takes a copy of
 * the caller's file table and calls kernel_execve(); when that works, the
 * return to ring 3 starts the program.  The caller sleeps in wait4 until
 * it exits, then gets its wait status.  Process 1 starts the same way
 * (kernel/init_process.c).  The kernel tests run user/tests/ programs with
 * it.  Linux's helper inherits kthreadd's files, not the caller's: mmlab's
 * tests point fd 1 at a file and let the program inherit it.
 * Linux: kernel/umh.c (call_usermodehelper, call_usermodehelper_exec_async).
 */
#include <kernel/sched.h>
#include <kernel/fdtable.h>
#include <kernel/errno.h>
#include <kernel/umh.h>

struct subprocess_info {
	const char *path;
	const char *const *argv;
	const char *const *envp;
	struct files_struct *files;	/* the caller's: copied by the child */
	int retval;			/* kernel_execve's error, if any */
};

/* The child's first code, before user mode (Linux: call_usermodehelper_exec_async). */
static int call_usermodehelper_exec_async(void *data)
{
	struct subprocess_info *sub_info = data;

	current->files = sub_info->files ? dup_fd(sub_info->files) : files_alloc();
	sub_info->retval = current->files ? kernel_execve(sub_info->path, sub_info->argv,
							  sub_info->envp) : -ENOMEM;
	if (sub_info->retval)
		do_exit(0xff << 8);	/* Linux's helper: exit(-retval), seen as status 255 */
	return 0;			/* ret_from_fork: into the program */
}

/*
 * A user-mode thread: a task that will enter user mode when fn(arg)
 * returns (fn must have exec'd).  Asleep until wake_up_process().
 * Linux: user_mode_thread() in kernel/fork.c.
 */
struct task_struct *user_mode_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = alloc_task(name);

	if (p)
		copy_thread(p, ret_from_fork, fn, arg);
	return p;
}

int call_usermodehelper(const char *path, const char *const *argv, const char *const *envp,
			int wait)
{
	struct subprocess_info sub_info = {
		.path = path, .argv = argv, .envp = envp, .files = current->files,
	};
	struct task_struct *p;
	int status = 0;
	long pid;

	/* sub_info lives on this stack: the child may use it only while we wait */
	if (wait != UMH_WAIT_PROC)
		return -EINVAL;
	p = user_mode_thread(call_usermodehelper_exec_async, &sub_info, "umh");
	if (!p)
		return -ENOMEM;
	pid = p->pid;
	wake_up_process(p);
	if (kernel_wait4(pid, &status, 0, NULL) != pid)
		return -ECHILD;
	return sub_info.retval ? sub_info.retval : status;
}
