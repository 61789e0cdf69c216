/*
 * kernel/signal.c - sending a signal to the current task.
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

void force_sig(int sig)
{
	do_exit(sig);
}
