/*
 * kernel/signal.c - sending signals, taking them, and the system calls
 * that install handlers and block signals (see include/kernel/signal.h).
 *
 * A task's pending set holds each signal once; sending one that is already
 * pending does nothing, as for Linux's non-real-time signals.  Taking one
 * (get_signal, on the way back to user mode) gives the lowest unblocked
 * signal, SIGKILL first; its action is the handler (set up by
 * arch/signal_64.c's code in kernel/signal_64.c), "ignore", or "terminate"
 * - mmlab writes no core dumps and has no stopped state, so "core" is
 * terminate and "stop" is ignore (docs/userspace.md).  Linux:
 * kernel/signal.c.
 */
#include <kernel/signal.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <mm/uaccess.h>

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* Ignored when their action is SIG_DFL (Linux: SIG_KERNEL_IGNORE_MASK; stop ones too here). */
#define SIG_DEFAULT_IGNORE	(sigmask(SIGCHLD) | sigmask(SIGURG) | sigmask(SIGWINCH) | \
				 sigmask(SIGCONT) | sigmask(SIGSTOP) | sigmask(SIGTSTP) | \
				 sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define UNBLOCKABLE		(sigmask(SIGKILL) | sigmask(SIGSTOP))
/* A fault's signals go first, so a handler sees the fault's context (Linux: next_signal). */
#define SYNCHRONOUS_MASK	(sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
				 sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

static bool valid_signal(int sig)
{
	return sig >= 1 && sig <= _NSIG;
}

static struct k_sigaction *sig_action(struct task_struct *p, int sig)
{
	return &p->sighand->action[sig - 1];
}

/* Would sig be thrown away by p at once?  Linux: sig_ignored(). */
/* The handler ignores sig, blocked or not.  Linux: sig_handler_ignored(). */
static bool sig_handler_ignored(struct task_struct *p, int sig)
{
	void __user *handler = sig_action(p, sig)->handler;

	return handler == SIG_IGN || (handler == SIG_DFL && (SIG_DEFAULT_IGNORE & sigmask(sig)));
}

static bool sig_ignored(struct task_struct *p, int sig)
{
	if (sig == SIGKILL)
		return false;
	if (p->blocked & sigmask(sig))
		return false;	/* it may be unblocked after a handler is installed */
	return sig_handler_ignored(p, sig);
}

int signal_pending(struct task_struct *p)
{
	return !!(p->pending.signal & ~p->blocked);
}

int fatal_signal_pending(struct task_struct *p)
{
	return !!(p->pending.signal & sigmask(SIGKILL));
}

int send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p)
{
	struct kernel_siginfo kinfo = { .si_signo = sig, .si_code = SI_KERNEL };

	if (!valid_signal(sig))
		return -EINVAL;
	if (p->exit_state || (p->flags & PF_KTHREAD) || !p->sighand || sig_ignored(p, sig))
		return 0;	/* a zombie or a kernel thread takes no signals */
	if (p->pending.signal & sigmask(sig))
		return 0;	/* already pending: one of each */
	p->pending.signal |= sigmask(sig);
	p->pending.info[sig - 1] = info ? *info : kinfo;
	p->pending.info[sig - 1].si_signo = sig;
	/* Linux: signal_wake_up() - an interruptible sleep ends; so does SIGKILL's target's */
	if (p->__state == TASK_INTERRUPTIBLE && (sig == SIGKILL || !(p->blocked & sigmask(sig))))
		wake_up_process(p);
	return 0;
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	struct kernel_siginfo info = {
		.si_signo = sig, .si_code = priv ? SI_KERNEL : SI_USER,
		.kill = { .pid = priv ? 0 : current->tgid, .uid = 0 },
	};

	return send_sig_info(sig, &info, p);
}

void force_sig_fault(int sig, int code, void __user *addr)
{
	struct k_sigaction *ka = sig_action(current, sig);
	struct kernel_siginfo info = { .si_signo = sig, .si_code = code, .addr = addr };

	/* A fault cannot be blocked or ignored away: then it kills (Linux: force_sig_info_to_task). */
	if ((current->blocked & sigmask(sig)) || ka->handler == SIG_IGN) {
		current->blocked &= ~sigmask(sig);
		ka->handler = SIG_DFL;
	}
	/* straight in: also a kernel thread running user code (run_user_thread) */
	current->pending.signal |= sigmask(sig);
	current->pending.info[sig - 1] = info;
}

void force_sig(int sig)
{
	force_sig_fault(sig, SI_KERNEL, NULL);
}

bool unhandled_signal(int sig)
{
	void __user *handler = sig_action(current, sig)->handler;

	return handler == SIG_DFL || handler == SIG_IGN || (current->blocked & sigmask(sig));
}

void copy_signal_state(struct task_struct *p, struct task_struct *parent)
{
	p->blocked = parent->blocked;
	if (parent->sighand)
		*p->sighand = *parent->sighand;	/* pending and timers are not inherited */
}

void flush_signal_handlers(struct task_struct *p)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &p->sighand->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;	/* the handler's code is gone with the old mm */
		ka->flags = 0;
		ka->restorer = NULL;
		ka->mask = 0;
	}
}

/*
 * Takes the next signal to act on: SIGKILL first (Linux ends the process
 * when it is sent), then a fault's (SYNCHRONOUS_MASK), then the lowest number.
 * Default actions happen here ("terminate" does not return; "ignore" goes
 * on to the next); true with *sig and *info set when a handler must run.
 * Linux: get_signal(), dequeue_signal().
 */
bool get_signal(int *sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	for (;;) {
		unsigned long ready = current->pending.signal & ~current->blocked;
		int s;

		if (!ready)
			return false;
		if (ready & SYNCHRONOUS_MASK)
			ready &= SYNCHRONOUS_MASK | sigmask(SIGKILL);
		s = (ready & sigmask(SIGKILL)) ? SIGKILL : __builtin_ctzl(ready) + 1;
		current->pending.signal &= ~sigmask(s);
		*info = current->pending.info[s - 1];
		*ka = *sig_action(current, s);
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler != SIG_DFL) {
			if (ka->flags & SA_RESETHAND)
				sig_action(current, s)->handler = SIG_DFL;
			*sig = s;
			return true;
		}
		if (SIG_DEFAULT_IGNORE & sigmask(s))
			continue;
		/* terminate: the wait status is the signal (no core bit); every thread goes */
		do_group_exit(s);
	}
}

/* ---- system calls ------------------------------------------------------- */

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct k_sigaction __user *, act,
		struct k_sigaction __user *, oact, size_t, sigsetsize)
{
	struct k_sigaction new, old;

	if (sigsetsize != sizeof(unsigned long) || !valid_signal(sig))
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	old = *sig_action(current, sig);
	if (act) {
		new.mask &= ~UNBLOCKABLE;
		new.flags &= UAPI_SA_FLAGS;	/* unknown bits go, so a program can tell */
		*sig_action(current, sig) = new;
		if (sig_handler_ignored(current, sig) && sig != SIGKILL) {
			struct task_struct *t;	/* Linux: a pending one goes, from every thread */

			list_for_each_entry(t, &init_task.tasks, tasks)
				if (t->tgid == current->tgid)
					t->pending.signal &= ~sigmask(sig);
		}
	}
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* The blocked mask; SIGKILL and SIGSTOP can never be blocked.  Linux: sigprocmask. */
SYSCALL_DEFINE4(rt_sigprocmask, int, how, unsigned long __user *, nset,
		unsigned long __user *, oset, size_t, sigsetsize)
{
	unsigned long old = current->blocked, set;

	if (sigsetsize != sizeof(unsigned long))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&set, nset, sizeof(set)))
			return -EFAULT;
		set &= ~UNBLOCKABLE;
		switch (how) {
		case SIG_BLOCK:
			current->blocked |= set;
			break;
		case SIG_UNBLOCK:
			current->blocked &= ~set;
			break;
		case SIG_SETMASK:
			current->blocked = set;
			break;
		default:
			return -EINVAL;
		}
	}
	/* Linux applies the new mask first: it stays even if oset is bad */
	return oset && copy_to_user(oset, &old, sizeof(old)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(rt_sigpending, unsigned long __user *, uset, size_t, sigsetsize)
{
	unsigned long set = current->pending.signal & current->blocked;

	if (sigsetsize > sizeof(unsigned long))
		return -EINVAL;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

/* kill's targets: a user process (not a kernel thread, not pid 0). */
static bool is_user_process(struct task_struct *p)
{
	return p != &init_task && !(p->flags & PF_KTHREAD) && p->pid == p->tgid;
}

/*
 * A signal for a whole process: a live thread takes it, so a process whose
 * main thread exited can still be killed.  Linux: group_send_sig_info()
 * (there the signal waits in the process's shared pending set).
 */
static int group_send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p)
{
	struct task_struct *t = find_alive_thread(p->group_leader);

	return t ? send_sig_info(sig, info, t) : 0;
}

/* Every process of group pgrp (or, pgrp -1, every one but init and current). */
static int kill_group(int pgrp, int sig, struct kernel_siginfo *info)
{
	struct task_struct *p;
	int found = 0, err = 0;

	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (!is_user_process(p) || !find_alive_thread(p))
			continue;
		if (pgrp == -1 ? (p->pid == 1 || p->tgid == current->tgid) : p->pgrp != pgrp)
			continue;
		found++;
		if (sig)
			err = group_send_sig_info(sig, info, p);
	}
	return found ? err : -ESRCH;
}

/* Linux: kill_something_info(). */
SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	struct kernel_siginfo info = {
		.si_signo = sig, .si_code = SI_USER, .kill = { .pid = current->tgid },
	};
	struct task_struct *p;

	if (sig && !valid_signal(sig))
		return -EINVAL;
	if (pid > 0) {
		p = find_task_by_vpid(pid);	/* any thread's id names its process */
		if (!p || !is_user_process(p->group_leader))
			return -ESRCH;
		return sig ? group_send_sig_info(sig, &info, p) : 0;
	}
	if (pid == (int)0x80000000)
		return -ESRCH;
	return kill_group(pid == 0 ? current->pgrp : pid == -1 ? -1 : -pid, sig, &info);
}

static long do_tkill(int tgid, int tid, int sig)
{
	struct kernel_siginfo info = {
		.si_signo = sig, .si_code = SI_TKILL, .kill = { .pid = current->tgid },
	};
	struct task_struct *p = find_task_by_vpid(tid);

	/* an exited thread waiting to be freed is gone already in Linux */
	if (!p || p == &init_task || (p->flags & PF_KTHREAD) || (tgid > 0 && p->tgid != tgid) ||
	    p->exit_state == EXIT_DEAD)
		return -ESRCH;
	return sig ? send_sig_info(sig, &info, p) : 0;
}

SYSCALL_DEFINE2(tkill, int, tid, int, sig)
{
	if (tid <= 0 || (sig && !valid_signal(sig)))
		return -EINVAL;
	return do_tkill(0, tid, sig);
}

SYSCALL_DEFINE3(tgkill, int, tgid, int, tid, int, sig)
{
	if (tid <= 0 || tgid <= 0 || (sig && !valid_signal(sig)))
		return -EINVAL;
	return do_tkill(tgid, tid, sig);
}

/*
 * Waits with the mask set instead of the caller's; the caller's comes back
 * once the handler returns (its frame saves it), or at once if no handler
 * ran.  Always -EINTR.  Linux: sys_rt_sigsuspend, sigsuspend().
 */
SYSCALL_DEFINE2(rt_sigsuspend, unsigned long __user *, unewset, size_t, sigsetsize)
{
	unsigned long set;

	if (sigsetsize != sizeof(unsigned long))
		return -EINVAL;
	if (copy_from_user(&set, unewset, sizeof(set)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	current->blocked = set & ~UNBLOCKABLE;
	while (!signal_pending(current)) {
		current->__state = TASK_INTERRUPTIBLE;
		schedule();
	}
	current->__state = TASK_RUNNING;
	return -ERESTARTNOHAND;
}

/* Sleeps until a signal is taken; a handler's return gives -EINTR.  Linux: sys_pause. */
SYSCALL_DEFINE0(pause)
{
	while (!signal_pending(current)) {
		current->__state = TASK_INTERRUPTIBLE;
		schedule();
	}
	current->__state = TASK_RUNNING;
	return -ERESTARTNOHAND;
}
