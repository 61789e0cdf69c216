/*
 * kernel/signal.c - sending a signal to the current task, and the mask
 * of blocked signals.
 *
 * Without rt_sigaction there are no handlers, and every signal the kernel
 * raises for a fault (SIGSEGV, SIGILL, SIGFPE, SIGBUS, SIGTRAP) has
 * "terminate" (with a core dump, which mmlab does not write) as its default
 * action: the task exits and its wait status is the signal number, as
 * WIFSIGNALED/WTERMSIG read it.  Linux: kernel/signal.c (force_sig,
 * get_signal), kernel/exit.c (do_group_exit).
 */
#include <kernel/signal.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/errno.h>
#include <mm/uaccess.h>

void force_sig(int sig)
{
	do_exit(sig);
}

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2
#define SIGSTOP		19
#define sigmask(sig)	(1UL << ((sig) - 1))

/*
 * The blocked mask is kept as Linux keeps it (SIGKILL and SIGSTOP can
 * never be blocked) though nothing is delivered yet: musl's posix_spawn
 * and abort() block and restore signals around their work, and programs
 * read the mask back.  Linux: kernel/signal.c (sigprocmask).
 */
SYSCALL_DEFINE4(rt_sigprocmask, int, how, unsigned long __user *, nset,
		unsigned long __user *, oset, size_t, sigsetsize)
{
	unsigned long old = current->blocked, set;

	if (sigsetsize != sizeof(unsigned long))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&set, nset, sizeof(set)))
			return -EFAULT;
		set &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
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
