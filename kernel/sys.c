/*
 * kernel/sys.c - the small system calls: who am I, what system is this.
 *
 * mmlab has one user, root: every uid and gid is 0.  uname says "mmlab",
 * not "Linux": the system calls are Linux's, but a program that asks what
 * it runs on should get a true answer (docs/userspace.md).  Linux:
 * kernel/sys.c; sched_yield is kernel/sched/syscalls.c and set_tid_address
 * kernel/fork.c there.
 */
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/string.h>
#include <mm/uaccess.h>

/* Linux: include/uapi/linux/utsname.h */
#define __NEW_UTS_LEN	64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

static const struct new_utsname init_uts_ns = {
	.sysname = "mmlab",
	.nodename = "mmlab",
	.release = "6.19.0-mmlab",	/* the Linux whose ABI and mm it follows */
	.version = "#1 mmlab teaching kernel",
	.machine = "x86_64",
	.domainname = "(none)",
};

SYSCALL_DEFINE1(uname, struct new_utsname __user *, name)
{
	return copy_to_user(name, &init_uts_ns, sizeof(*name)) ? -EFAULT : 0;
}

SYSCALL_DEFINE0(getpid)
{
	return current->tgid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE0(getppid)
{
	return current->real_parent ? current->real_parent->tgid : 0;
}

SYSCALL_DEFINE0(getuid)
{
	return 0;
}

SYSCALL_DEFINE0(geteuid)
{
	return 0;
}

SYSCALL_DEFINE0(getgid)
{
	return 0;
}

SYSCALL_DEFINE0(getegid)
{
	return 0;
}

/* Every other runnable task gets a turn first (Linux: do_sched_yield). */
SYSCALL_DEFINE0(sched_yield)
{
	schedule();
	return 0;
}

/* Remembers where to write 0 at exit; returns the caller's tid (musl keeps it). */
SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

/* ---- process groups and sessions (Linux: kernel/sys.c) ------------------- */

static struct task_struct *process_by_pid(int pid)
{
	struct task_struct *p = pid ? find_task_by_vpid(pid) : current;

	return p && p != &init_task && p->pid == p->tgid ? p : NULL;
}

/* Is there a process in group pgrp of session sid? */
static bool pgrp_in_session(int pgrp, int sid)
{
	struct task_struct *p;

	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->pgrp == pgrp && p->session == sid && !p->exit_state)
			return true;
	return false;
}

/*
 * Linux's rules: the target is the caller or its child (else -ESRCH), in
 * the caller's session and no session leader (-EPERM), and a group to join
 * must exist in that session (-EPERM).  Not checked: -EACCES for a child
 * that has already called execve (mmlab does not record it).
 */
SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct task_struct *p;

	if (pgid < 0)
		return -EINVAL;
	p = process_by_pid(pid);
	if (!p || (p != current && p->real_parent != current))
		return -ESRCH;
	if (!pgid)
		pgid = p->pid;
	if (p->session != current->session || p->session == p->pid)
		return -EPERM;
	if (pgid != p->pid && !pgrp_in_session(pgid, current->session))
		return -EPERM;
	p->pgrp = pgid;
	return 0;
}

SYSCALL_DEFINE1(getpgid, int, pid)
{
	struct task_struct *p = process_by_pid(pid);

	return p ? p->pgrp : -ESRCH;
}

SYSCALL_DEFINE0(getpgrp)
{
	return current->pgrp;
}

SYSCALL_DEFINE1(getsid, int, pid)
{
	struct task_struct *p = process_by_pid(pid);

	return p ? p->session : -ESRCH;
}

/* A new session and group led by the caller, unless it leads a group already. */
SYSCALL_DEFINE0(setsid)
{
	struct task_struct *p;

	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->pgrp == current->pid && !p->exit_state)
			return -EPERM;
	current->pgrp = current->session = current->pid;
	return current->pid;
}
