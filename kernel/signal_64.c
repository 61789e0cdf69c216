/*
 * kernel/signal_64.c - entering a signal handler and coming back: the
 * x86-64 signal frame, rt_sigreturn, and restarting an interrupted
 * system call.
 *
 * The frame goes on the user stack below the red zone: the FPU/SSE state
 * (an FXSAVE image, 64-byte aligned), then struct rt_sigframe - the
 * return address (sa_restorer: musl's __restore_rt, which calls
 * rt_sigreturn), the ucontext with every register as it was, and the
 * siginfo - placed so that rsp + 8 is 16-byte aligned at the handler's
 * first instruction, as after a call.  rt_sigreturn reads the ucontext
 * back.  Linux: arch/x86/kernel/signal.c, signal_64.c,
 * arch/x86/include/uapi/asm/sigcontext.h.
 */
#include <kernel/signal.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <mm/uaccess.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/fpu.h>

bool get_signal(int *sig, struct kernel_siginfo *info, struct k_sigaction *ka);

/* Linux's struct sigcontext (x86-64): 256 bytes. */
struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;			/* user address of the FXSAVE image */
	u64 reserved1[8];
};

struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	struct { void __user *ss_sp; int ss_flags; size_t ss_size; } uc_stack;
	struct sigcontext_64 uc_mcontext;
	unsigned long uc_sigmask;
};

struct rt_sigframe {
	void __user *pretcode;
	struct ucontext uc;
	u8 info[128];			/* siginfo_t */
};

_Static_assert(sizeof(struct ucontext) == 304, "Linux's ucontext is 304 bytes");
_Static_assert(sizeof(struct kernel_siginfo) <= 128, "siginfo is 128 bytes");

#define UC_SIGCONTEXT_SS	0x2
#define UC_STRICT_RESTORE_SS	0x4
#define SS_DISABLE		2
/* The flags a handler may change in its frame (Linux: FIX_EFLAGS). */
#define FIX_EFLAGS	(X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | \
			 X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | \
			 X86_EFLAGS_CF | X86_EFLAGS_RF)

static void regs_to_sigcontext(struct sigcontext_64 *sc, const struct pt_regs *regs)
{
	*sc = (struct sigcontext_64){
		.r8 = regs->r8, .r9 = regs->r9, .r10 = regs->r10, .r11 = regs->r11,
		.r12 = regs->r12, .r13 = regs->r13, .r14 = regs->r14, .r15 = regs->r15,
		.di = regs->di, .si = regs->si, .bp = regs->bp, .bx = regs->bx,
		.dx = regs->dx, .ax = regs->ax, .cx = regs->cx, .sp = regs->sp,
		.ip = regs->ip, .flags = regs->flags, .cs = regs->cs, .ss = regs->ss,
		.err = current->thread.error_code, .trapno = current->thread.trap_nr,
		.cr2 = current->thread.cr2,
	};
}

static void sigcontext_to_regs(struct pt_regs *regs, const struct sigcontext_64 *sc)
{
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->di = sc->di; regs->si = sc->si; regs->bp = sc->bp; regs->bx = sc->bx;
	regs->dx = sc->dx; regs->ax = sc->ax; regs->cx = sc->cx; regs->sp = sc->sp;
	regs->ip = sc->ip;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS);
	regs->cs = __USER_CS;		/* whatever the frame says: user mode */
	regs->ss = __USER_DS;
	regs->orig_ax = -1;		/* not a system call any more: no restart */
}

/* The mask the handler's return restores: rt_sigsuspend's caller's, if it waits in one. */
static unsigned long sigmask_to_save(void)
{
	return current->restore_sigmask ? current->saved_sigmask : current->blocked;
}

/* Builds the frame; false if the stack cannot take it.  Linux: setup_rt_frame(). */
static bool setup_rt_frame(int sig, struct kernel_siginfo *info, struct k_sigaction *ka,
			   struct pt_regs *regs)
{
	unsigned long sp = regs->sp - 128;	/* the red zone stays the function's */
	unsigned long fp = (sp - sizeof(struct fxregs_state)) & ~63UL;
	struct rt_sigframe __user *frame;
	struct rt_sigframe f;

	frame = (void __user *)(((fp - sizeof(f)) & ~15UL) - 8);
	memset(&f, 0, sizeof(f));
	f.pretcode = ka->restorer;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f.uc.uc_stack.ss_flags = SS_DISABLE;
	regs_to_sigcontext(&f.uc.uc_mcontext, regs);
	f.uc.uc_mcontext.fpstate = fp;
	f.uc.uc_mcontext.oldmask = sigmask_to_save();
	f.uc.uc_sigmask = sigmask_to_save();
	memcpy(f.info, info, sizeof(*info));
	save_fpregs_to_fpstate(&current->thread.fpu);
	if (copy_to_user((void __user *)fp, &current->thread.fpu.fpstate.regs.fxsave,
			 sizeof(struct fxregs_state)) || copy_to_user(frame, &f, sizeof(f)))
		return false;
	regs->ip = (unsigned long)ka->handler;
	regs->sp = (unsigned long)frame;
	regs->di = sig;
	regs->si = (unsigned long)&frame->info;
	regs->dx = (unsigned long)&frame->uc;
	regs->ax = 0;
	regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	return true;
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *uregs = task_pt_regs(current);	/* writable: what iretq restores */
	struct rt_sigframe __user *frame = (void __user *)(uregs->sp - 8);
	struct fxregs_state fx;
	struct ucontext uc;

	if (copy_from_user(&uc, &frame->uc, sizeof(uc)) ||
	    (uc.uc_mcontext.fpstate &&
	     ((uc.uc_mcontext.fpstate & 15) ||
	      copy_from_user(&fx, (void __user *)uc.uc_mcontext.fpstate, sizeof(fx)) ||
	      (fx.mxcsr & ~mxcsr_feature_mask)))) {
		/*
		 * Linux: signal_fault().  Its fxrstor from the user's fpstate
		 * faults on a pointer not 16-byte aligned or a reserved MXCSR bit.
		 */
		force_sig(SIGSEGV);
		return 0;
	}
	sigcontext_to_regs(uregs, &uc.uc_mcontext);
	current->blocked = uc.uc_sigmask & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	if (uc.uc_mcontext.fpstate)
		current->thread.fpu.fpstate.regs.fxsave = fx;
	else		/* no FPU state in the frame: a clean one (fpu__clear_user_states) */
		fpstate_init_user(&current->thread.fpu.fpstate);
	restore_fpregs_from_fpstate(&current->thread.fpu.fpstate);
	return uregs->ax;		/* as it was: the dispatcher stores it back */
}

/*
 * A system call a signal interrupted: with a handler, -EINTR unless the
 * handler has SA_RESTART (-ERESTARTSYS); without one, silently again.
 * Linux: handle_signal()'s switch and arch_do_signal_or_restart() (not
 * Linux's restart_syscall(), which asks for a restart from kernel code).
 */
static void handle_syscall_restart(struct pt_regs *regs, struct k_sigaction *ka)
{
	long ret = (long)regs->ax;

	if ((long)regs->orig_ax < 0)
		return;				/* not in a system call */
	if (ret != -ERESTARTSYS && ret != -ERESTARTNOHAND)
		return;
	if (ka && (ret == -ERESTARTNOHAND || !(ka->flags & SA_RESTART))) {
		regs->ax = -EINTR;
		return;
	}
	regs->ax = regs->orig_ax;		/* the number, and back over the syscall */
	regs->ip -= 2;
}

/* Runs the handler for sig.  Linux: handle_signal(). */
static void handle_signal(int sig, struct kernel_siginfo *info, struct k_sigaction *ka,
			  struct pt_regs *regs)
{
	handle_syscall_restart(regs, ka);
	if (!(ka->flags & SA_RESTORER) || !setup_rt_frame(sig, info, ka, regs)) {
		pr_info("%s[%d]: cannot enter the handler of signal %d: SIGSEGV\n",
			current->comm, current->pid, sig);
		do_group_exit(SIGSEGV);	/* Linux: force_sigsegv() - the whole process */
	}
	current->restore_sigmask = false;	/* the frame has the mask to go back to */
	/* the handler starts with a clean FPU (Linux: fpu__clear_user_states) */
	fpstate_init_user(&current->thread.fpu.fpstate);
	restore_fpregs_from_fpstate(&current->thread.fpu.fpstate);
	current->blocked |= ka->mask | ((ka->flags & SA_NODEFER) ? 0 : sigmask(sig));
	current->blocked &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
}

void exit_to_user_mode(struct pt_regs *regs)
{
	struct kernel_siginfo info;
	struct k_sigaction ka;
	int sig;

	/* one frame for each signal ready, nested: the last one's handler runs first */
	if (get_signal(&sig, &info, &ka)) {
		do
			handle_signal(sig, &info, &ka, regs);
		while (get_signal(&sig, &info, &ka));
		return;
	}
	handle_syscall_restart(regs, NULL);
	if (current->restore_sigmask) {		/* Linux: restore_saved_sigmask() */
		current->restore_sigmask = false;
		current->blocked = current->saved_sigmask;
	}
}
