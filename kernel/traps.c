/*
 * kernel/traps.c - what happens when the CPU raises an exception.
 *
 * do_trap() is called from entry.S with the saved registers.  In order:
 * page faults are first offered to the mm (demand paging, once it exists);
 * then the exception table may say the fault was expected (a user copy or a
 * probe) and where to resume; anything else is a kernel bug: print an oops
 * (vector name, error code, RIP with symbol, CR2 and decoded #PF bits,
 * registers, backtrace) and die.  An exception from user mode (ring 3) is
 * never the kernel's bug: a page fault the mm cannot resolve, an invalid
 * opcode, a divide error... kill the task with the signal Linux sends, after
 * one line saying why.  Linux: arch/x86/kernel/traps.c, dumpstack.c,
 * arch/x86/mm/fault.c.
 */
#include <asm/traps.h>
#include <asm/asm.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/fpu.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/time.h>
#include <mm/mmap.h>

struct trap_info last_trap;
int (*page_fault_hook)(struct pt_regs *regs, unsigned long address);
void (*page_fault_oops_hook)(unsigned long address);

static const char *const trap_names[NR_EXCEPTION_VECTORS][2] = {
	[0] = { "#DE", "divide error" },
	[1] = { "#DB", "debug" },
	[2] = { "NMI", "non-maskable interrupt" },
	[3] = { "#BP", "breakpoint (int3)" },
	[4] = { "#OF", "overflow" },
	[5] = { "#BR", "bound range exceeded" },
	[6] = { "#UD", "invalid opcode" },
	[7] = { "#NM", "device not available" },
	[8] = { "#DF", "double fault" },
	[9] = { "#CSO", "coprocessor segment overrun" },
	[10] = { "#TS", "invalid TSS" },
	[11] = { "#NP", "segment not present" },
	[12] = { "#SS", "stack-segment fault" },
	[13] = { "#GP", "general protection fault" },
	[14] = { "#PF", "page fault" },
	[15] = { "#15", "reserved vector 15" },
	[16] = { "#MF", "x87 floating-point error" },
	[17] = { "#AC", "alignment check" },
	[18] = { "#MC", "machine check" },
	[19] = { "#XM", "SIMD floating-point exception" },
	[20] = { "#VE", "virtualization exception" },
	[21] = { "#CP", "control protection" },
	[22] = { "#22", "reserved vector 22" },
	[23] = { "#23", "reserved vector 23" },
	[24] = { "#24", "reserved vector 24" },
	[25] = { "#25", "reserved vector 25" },
	[26] = { "#26", "reserved vector 26" },
	[27] = { "#27", "reserved vector 27" },
	[28] = { "#HV", "hypervisor injection" },
	[29] = { "#VC", "VMM communication" },
	[30] = { "#SX", "security exception" },
	[31] = { "#31", "reserved vector 31" },
};

const char *trap_name(int trapnr)
{
	if (trapnr < 0 || trapnr >= NR_EXCEPTION_VECTORS)
		return "#??";
	return trap_names[trapnr][0];
}

const char *trap_description(int trapnr)
{
	if (trapnr < 0 || trapnr >= NR_EXCEPTION_VECTORS)
		return "unknown vector";
	return trap_names[trapnr][1];
}

int format_pf_error(char *buf, size_t size, unsigned long err)
{
	return scnprintf(buf, size, "%s %s %s%s%s",
			 err & X86_PF_PROT ? "protection-violation" : "not-present",
			 err & X86_PF_WRITE ? "write" : "read",
			 err & X86_PF_USER ? "user-mode" : "kernel-mode",
			 err & X86_PF_RSVD ? " reserved-bit" : "",
			 err & X86_PF_INSTR ? " instruction-fetch" : "");
}

int format_trap(char *buf, size_t size, int trapnr, unsigned long error_code,
		unsigned long cr2)
{
	char bits[96];
	int n = scnprintf(buf, size, "%s %s, error code 0x%lx", trap_name(trapnr),
			  trap_description(trapnr), error_code);

	if (trapnr == X86_TRAP_PF) {
		format_pf_error(bits, sizeof(bits), error_code);
		n += scnprintf(buf + n, size - n, " [%s] at address 0x%lx", bits, cr2);
	}
	return n;
}

static void show_regs(const struct pt_regs *r)
{
	printk(KERN_EMERG "RIP: %016lx %pS\n", r->ip, (void *)r->ip);
	printk(KERN_EMERG "RSP: %016lx RFLAGS: %08lx CS: %04lx SS: %04lx\n",
	       r->sp, r->flags, r->cs, r->ss);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", r->ax, r->bx, r->cx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", r->dx, r->si, r->di);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", r->bp, r->r8, r->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

/* The signal Linux sends for an exception in user mode (traps.c, fault.c). */
static int trap_signal(int trapnr)
{
	switch (trapnr) {
	case X86_TRAP_DE: case X86_TRAP_MF: case X86_TRAP_XF:
		return SIGFPE;
	case X86_TRAP_DB: case X86_TRAP_BP:
		return SIGTRAP;
	case X86_TRAP_UD:
		return SIGILL;
	case X86_TRAP_NP: case X86_TRAP_SS: case X86_TRAP_AC:
		return SIGBUS;
	default:			/* #GP, #PF, #OF, #BR, #TS, ... */
		return SIGSEGV;
	}
}

/* Linux: show_signal_msg (fault.c) and do_trap's message (traps.c). */
static void show_signal_msg(const struct pt_regs *regs, int trapnr, unsigned long cr2)
{
	struct task_struct *tsk = current;
	/* As in Linux: init dying is an emergency, any other task's fault is not. */
	const char *loglvl = task_pid_nr(tsk) > 1 ? KERN_INFO : KERN_EMERG;

	if (trapnr == X86_TRAP_PF)
		printk("%s%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n", loglvl,
		       tsk->comm, task_pid_nr(tsk), cr2, regs->ip, regs->sp, regs->orig_ax);
	else
		printk("%straps: %s[%d] trap %s ip:%lx sp:%lx error:%lx\n", loglvl, tsk->comm,
		       task_pid_nr(tsk), trap_description(trapnr), regs->ip, regs->sp,
		       regs->orig_ax);
}

/*
 * An x87 or SIMD exception's si_code from the saved FPU state: the first
 * flagged exception that is not masked, 0 if none.  Linux:
 * fpu__exception_code().
 */
static int fpu_exception_code(int trapnr)
{
	struct fxregs_state *fx = &current->thread.fpu.fpstate.regs.fxsave;
	unsigned int err;

	save_fpregs_to_fpstate(&current->thread.fpu);
	if (trapnr == X86_TRAP_MF)
		err = fx->swd & ~fx->cwd;
	else
		err = ~(fx->mxcsr >> 7) & fx->mxcsr;
	if (err & 0x001)
		return FPE_FLTINV;
	if (err & 0x004)
		return FPE_FLTDIV;
	if (err & 0x008)
		return FPE_FLTOVF;
	if (err & 0x012)
		return FPE_FLTUND;
	if (err & 0x020)
		return FPE_FLTRES;
	return 0;
}

static unsigned long read_dr6(void)
{
	unsigned long v;

	__asm__ __volatile__("mov %%db6, %0" : "=r"(v));
	return v;
}

/*
 * The signal's si_code and si_addr, as Linux's handlers fill them: a page
 * fault is SEGV_ACCERR where a VMA covers the address (it refused the
 * access), SEGV_MAPERR where none does (bad_area_access_error,
 * bad_area_nosemaphore), BUS_ADRERR for what the mm could not back
 * (do_sigbus); #DE, #UD, #MF, #XM and #DB name the instruction
 * (do_error_trap, math_error, send_sigtrap); the others are a plain
 * force_sig() (SI_KERNEL, no address).  -1: no signal (an FPU exception
 * whose cause is masked, as Linux's math_error).
 */
static int trap_si_code(int trapnr, int mm_said, unsigned long cr2, const struct pt_regs *regs,
			unsigned long *addr)
{
	*addr = regs->ip;
	switch (trapnr) {
	case X86_TRAP_PF:
		*addr = cr2;
		if (mm_said)
			return mm_said == -SIGBUS ? BUS_ADRERR : SEGV_MAPERR;
		return current->mm && vma_lookup(current->mm, cr2) ? SEGV_ACCERR : SEGV_MAPERR;
	case X86_TRAP_DE:
		return FPE_INTDIV;
	case X86_TRAP_UD:
		return ILL_ILLOPN;
	case X86_TRAP_MF: case X86_TRAP_XF:
		return fpu_exception_code(trapnr) ? : -1;
	case X86_TRAP_DB:
		return read_dr6() & (1UL << 14) ? TRAP_TRACE : TRAP_BRKPT;
	case X86_TRAP_AC:
		*addr = 0;
		return BUS_ADRALN;
	default:
		*addr = 0;
		return SI_KERNEL;
	}
}

/* An exception in ring 3: resolved (demand paging), or the task gets a signal. */
static void do_user_trap(struct pt_regs *regs, int trapnr, unsigned long cr2)
{
	int sig = trap_signal(trapnr), mm_said = 0, code;
	unsigned long addr;

	if (trapnr == X86_TRAP_PF && page_fault_hook) {
		mm_said = page_fault_hook(regs, cr2);
		if (mm_said > 0)
			return;
	}
	if (trapnr == X86_TRAP_NMI)
		return;			/* not the task's doing */
	if (mm_said == -SIGBUS)
		sig = SIGBUS;
	code = trap_si_code(trapnr, mm_said, cr2, regs, &addr);
	if (code < 0)
		return;
	if (sig != SIGBUS && unhandled_signal(sig))	/* Linux: show_unhandled_signals */
		show_signal_msg(regs, trapnr, cr2);
	current->thread.trap_nr = trapnr;	/* the handler's sigcontext reports them */
	current->thread.error_code = regs->orig_ax;
	current->thread.cr2 = trapnr == X86_TRAP_PF ? cr2 : 0;
	force_sig_fault(sig, code, (void __user *)addr);
}

/* The iretq frame (ip, cs, flags, sp, ss) at frame could not be returned to. */
void __noreturn bad_iret_kill(const unsigned long *frame)
{
	struct pt_regs regs = {
		.ip = frame[0], .cs = frame[1], .flags = frame[2], .sp = frame[3], .ss = frame[4],
	};

	BUG_ON(!user_mode(&regs));	/* returning to the kernel never goes wrong */
	do_user_trap(&regs, X86_TRAP_GP, 0);	/* the console line, the signal's fields */
	/*
	 * The user registers are gone (popped for the iretq), so no handler
	 * can be entered: the process ends with the SIGSEGV.  Linux rebuilds
	 * the frame (fixup_bad_iret) and a handler may catch it.
	 */
	do_group_exit(SIGSEGV);
}

void do_trap(struct pt_regs *regs, int trapnr)
{
	unsigned long cr2 = trapnr == X86_TRAP_PF ? read_cr2() : 0;
	char line[192];

	if (trapnr == TIMER_VECTOR) {	/* an interrupt, not an exception */
		timer_interrupt(regs);
		goto out;
	}
	last_trap.trapnr = trapnr;
	last_trap.error_code = regs->orig_ax;
	last_trap.ip = regs->ip;
	last_trap.cr2 = cr2;
	last_trap.count++;

	/* #DF and #MC mean the machine or the kernel is in trouble, whoever ran. */
	if (user_mode(regs) && trapnr != X86_TRAP_DF && trapnr != X86_TRAP_MC) {
		do_user_trap(regs, trapnr, cr2);
		goto out;
	}
	if (trapnr == X86_TRAP_PF && page_fault_hook && page_fault_hook(regs, cr2))
		return;
	if (fixup_exception(regs, trapnr))
		return;

	format_trap(line, sizeof(line), trapnr, regs->orig_ax, cr2);
	printk(KERN_EMERG "mmlab: oops: %s\n", line);
	if (trapnr == X86_TRAP_PF && page_fault_oops_hook)
		page_fault_oops_hook(cr2);
	show_regs(regs);
	show_backtrace(regs->bp, regs->ip);
	die(line);
out:
	if (user_mode(regs)) {
		regs->orig_ax = -1;	/* not a system call: nothing to restart (Linux too) */
		exit_to_user_mode(regs);
	}
}

void trap_init(void)
{
	cpu_init_descriptors();
}
