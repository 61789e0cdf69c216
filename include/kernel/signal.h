/*
 * include/kernel/signal.h - signals: numbers and flags (Linux's x86-64
 * values), the handlers a process installs (rt_sigaction), the signals
 * waiting for a task, and how they are sent and delivered.
 *
 * Sending (kill, tkill, a fault, the interval timer, a child's exit) marks
 * the signal pending in the target - for kill, the process's leader, or a
 * live thread if the leader exited - and wakes it from an interruptible
 * sleep; a signal whose action is "ignore" is dropped at once.  On every
 * way back to user mode (exit_to_user_mode) a pending, unblocked signal is
 * taken: its default action (terminate, or ignore), or its handler, entered
 * on a Linux-layout signal frame that rt_sigreturn undoes.  Linux:
 * include/linux/signal.h, include/linux/sched/signal.h, kernel/signal.c,
 * arch/x86/kernel/signal.c, signal_64.c.
 */
#ifndef _KERNEL_SIGNAL_H
#define _KERNEL_SIGNAL_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define _NSIG		64
#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGWINCH	28
#define SIGSYS		31

#define sigmask(sig)	(1UL << ((sig) - 1))

/* sa_flags (Linux: include/uapi/asm-generic/signal-defs.h, x86's SA_RESTORER) */
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SA_UNSUPPORTED	0x00000400	/* never kept: a program tests for flag support with it */
#define SA_EXPOSE_TAGBITS 0x00000800
/* The bits rt_sigaction keeps; the rest are cleared (Linux: UAPI_SA_FLAGS, x86). */
#define UAPI_SA_FLAGS	(SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | \
			 SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | SA_RESTORER)

#define SIG_DFL		((void __user *)0)
#define SIG_IGN		((void __user *)1)

/* si_code values */
#define SI_USER		0
#define SI_KERNEL	0x80
/* si_code of a SIGSEGV from a page fault (Linux: include/uapi/asm-generic/siginfo.h) */
#define SEGV_MAPERR	1	/* no mapping at the address */
#define SEGV_ACCERR	2	/* a mapping that does not allow the access */
#define FPE_INTDIV	1	/* SIGFPE: integer divide by zero (#DE) */
#define FPE_FLTDIV	3	/* SIGFPE: x87/SSE divide by zero */
#define FPE_FLTOVF	4	/* ... overflow */
#define FPE_FLTUND	5	/* ... underflow (or a denormal operand) */
#define FPE_FLTRES	6	/* ... inexact result */
#define FPE_FLTINV	7	/* ... invalid operation */
#define ILL_ILLOPN	2	/* SIGILL: illegal operand (#UD) */
#define BUS_ADRALN	1	/* SIGBUS: misaligned (#AC) */
#define BUS_ADRERR	2	/* SIGBUS: a mapped address the mm cannot back (VM_FAULT_SIGBUS) */
#define TRAP_BRKPT	1	/* SIGTRAP: a debug breakpoint (#DB) */
#define TRAP_TRACE	2	/* SIGTRAP: a single step (#DB with DR6.BS) */
#define SI_TKILL	(-6)
#define CLD_EXITED	1
#define CLD_KILLED	2

/* A blocking call a signal interrupted: restart it or -EINTR (Linux: include/linux/errno.h). */
#define ERESTARTSYS	512
#define ERESTARTNOHAND	514

/* rt_sigaction's struct, as the system call passes it (musl's struct k_sigaction). */
struct k_sigaction {
	void __user *handler;		/* SIG_DFL, SIG_IGN or the function */
	unsigned long flags;		/* SA_* */
	void __user *restorer;		/* where the handler returns: calls rt_sigreturn */
	unsigned long mask;		/* blocked while the handler runs */
};

/* What a handler's siginfo says (the first fields of Linux's 128-byte siginfo_t). */
struct kernel_siginfo {
	int si_signo, si_errno, si_code, __pad;
	union {
		struct { int pid, uid, status, __pad; long utime, stime; } chld;
		struct { int pid, uid; } kill;
		void __user *addr;	/* faults */
	};
};

/*
 * The handlers of a process, shared by its threads (CLONE_SIGHAND): a
 * thread's sighand points at its leader's own_sighand.
 */
struct sighand_struct {
	struct k_sigaction action[_NSIG];
};

/* Signals sent and not yet taken: at most one of each (no real-time queue). */
struct sigpending {
	unsigned long signal;
	struct kernel_siginfo info[_NSIG];
};

struct task_struct;
struct pt_regs;

/* Sends sig (with info, or a plain SI_KERNEL one if NULL) to p; 0 or -errno. */
int send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p);
int send_sig(int sig, struct task_struct *p, int priv);
/*
 * A fault's signal to current: sent even if blocked or ignored (then its
 * default action kills), delivered on the way back to user mode.
 */
void force_sig(int sig);
void force_sig_fault(int sig, int code, void __user *addr);
/* Would a fault's sig kill current, no handler catching it?  (Linux: unhandled_signal) */
bool unhandled_signal(int sig);
/* A signal waits for p, not blocked: interruptible sleeps end. */
int signal_pending(struct task_struct *p);
/* SIGKILL waits for p. */
int fatal_signal_pending(struct task_struct *p);
/* On every return to user mode: take pending signals, restart system calls. */
void exit_to_user_mode(struct pt_regs *regs);
/* fork: the child's signal state from the parent's; exec: handlers back to SIG_DFL. */
void copy_signal_state(struct task_struct *p, struct task_struct *parent);
void flush_signal_handlers(struct task_struct *p);
/* The ITIMER_REAL timers that have expired send SIGALRM (kernel/itimer.c). */
void run_itimers(void);
bool itimers_armed(void);

#endif
