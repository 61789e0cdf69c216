/*
 * kernel/entry_64.S - system calls, and the way into and out of user mode.
 *
 * entry_SYSCALL_64 is where `syscall` lands (MSR_LSTAR): ring 0, CS/SS
 * from MSR_STAR, the user's RIP in %rcx and RFLAGS in %r11, IF cleared by
 * MSR_SYSCALL_MASK, but %rsp still the user's - the CPU switches no stack.
 * Linux first runs `swapgs` to reach per-CPU data through %gs; mmlab's
 * kernel never uses %gs (one CPU: plain globals do), so there is no swapgs
 * here or on the way out, and the user's GS base stays loaded.  The user
 * %rsp goes to a scratch slot (TSS.sp2, unused by the CPU - Linux uses the
 * same slot), %rsp becomes TSS.sp0, the task's kernel stack top, and the
 * pushes build a struct pt_regs exactly as the CPU and entry.S build one
 * for an exception from ring 3.  do_syscall_64(regs, nr) runs the call;
 * sysretq returns unless do_syscall_64 says it is unsafe (then iretq, the
 * path exceptions use).  Linux: arch/x86/entry/entry_64.S.
 *
 * enter_user_mode / __exit_to_kernel bracket one stay in user mode of the
 * current task (kernel/process_64.c): like setjmp/longjmp, the first saves
 * the kernel's callee-saved registers and %rsp and drops to ring 3, the
 * second (from do_exit) jumps back there.
 */
#include <asm/segment.h>
#include <asm/desc.h>
#include <asm/ptrace.h>
#include <asm/calling.h>

#define ENOSYS	38

	.text
	.globl	entry_SYSCALL_64
entry_SYSCALL_64:
	movq	%rsp, cpu_tss_rw+TSS_sp2(%rip)	/* the user's stack pointer */
	movq	cpu_tss_rw+TSS_sp0(%rip), %rsp	/* the task's kernel stack */

	pushq	$__USER_DS			/* pt_regs->ss */
	pushq	cpu_tss_rw+TSS_sp2(%rip)	/* pt_regs->sp */
	pushq	%r11				/* pt_regs->flags */
	pushq	$__USER_CS			/* pt_regs->cs */
	pushq	%rcx				/* pt_regs->ip */
	pushq	%rax				/* pt_regs->orig_ax: the number */
	pushq	%rdi
	PUSH_REGS_AFTER_DI rax=$-ENOSYS	/* pt_regs->ax: the result so far */
	xorl	%ebp, %ebp			/* a backtrace stops here */

	movq	%rsp, %rdi			/* struct pt_regs * */
	movslq	%eax, %rsi			/* nr: an int, as in Linux */
	call	do_syscall_64
	testb	%al, %al
	jz	restore_regs_and_iret		/* entry.S: pops pt_regs, iretq */

	/*
	 * sysretq: RIP from %rcx, RFLAGS from %r11 (do_syscall_64 checked
	 * that they equal regs->ip and regs->flags), CS/SS from MSR_STAR.
	 */
	POP_REGS
	/*
	 * Now at orig_ax; the user's %rsp is 4 words up.  IF is still 0, so
	 * nothing runs on the user's stack.  (AMD CPUs keep the old SS's
	 * hidden attributes across sysretq: once tasks switch, a task that
	 * entered by an exception - SS null - must not sysretq another one
	 * out.  Like Linux, __switch_to (kernel/sched/core.c) reloads SS.)
	 */
	movq	4*8(%rsp), %rsp
	sysretq

/*
 * int enter_user_mode(unsigned long *kernel_sp, unsigned long ip, unsigned long sp)
 *
 * Saves the callee-saved registers, stores %rsp in *kernel_sp, and makes the
 * 16-byte aligned stack below them the top of the kernel stack for user
 * mode: prepare_user_entry(top, ip, sp) fills the pt_regs just below it and
 * loads TSS.sp0, the FPU and FS base; then the exception exit path "returns"
 * to ring 3.  Returns (through __exit_to_kernel) the task's wait status.
 */
	.globl	enter_user_mode
enter_user_mode:
	PUSH_CALLEE_SAVED
	movq	%rsp, (%rdi)
	andq	$-16, %rsp
	movq	%rsp, %rdi			/* top */
	subq	$PTREGS_SIZE, %rsp		/* the user's pt_regs go here */
	call	prepare_user_entry		/* (top, ip, sp) */
	jmp	restore_regs_and_iret

/* void __exit_to_kernel(unsigned long kernel_sp, int status): never returns. */
	.globl	__exit_to_kernel
__exit_to_kernel:
	movq	%rdi, %rsp
	movl	%esi, %eax
	POP_CALLEE_SAVED
	ret					/* from enter_user_mode */

	.section .note.GNU-stack, "", @progbits
