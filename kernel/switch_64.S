/*
 * kernel/switch_64.S - the stack switch at the heart of a context switch,
 * and the first instructions of a new kernel thread.
 *
 * __switch_to_asm(&prev->switch_sp, next->switch_sp) pushes the registers
 * the C ABI says a callee must keep (%rbp %rbx %r12-%r15), saves %rsp in
 * prev, loads next's %rsp and pops next's: the `ret` then returns into
 * whatever next was doing when it last called __switch_to_asm - schedule()
 * for an old task, ret_from_kthread for a new one.  Everything else (%rip
 * included) is already on the stacks.  This is xv6's swtch; Linux's
 * __switch_to_asm (arch/x86/entry/entry_64.S) also jumps to __switch_to,
 * which mmlab calls from C before the switch (kernel/sched/core.c).
 */
#include <asm/calling.h>

	.text
	.globl	__switch_to_asm
__switch_to_asm:
	PUSH_CALLEE_SAVED
	movq	%rsp, (%rdi)		/* prev->switch_sp */
	movq	%rsi, %rsp		/* next's stack from here on */
	POP_CALLEE_SAVED
	ret

/*
 * A new kernel thread's first `ret` lands here, with its function in %rbx
 * and the argument in %r12 (copy_thread put them in the popped frame).
 */
	.globl	ret_from_kthread
ret_from_kthread:
	andq	$-16, %rsp		/* the ABI's alignment for the call */
	movq	%r12, %rdi
	call	*%rbx
	movl	%eax, %edi
	call	kthread_exit		/* does not return */
	ud2

/*
 * A new user task's first `ret` lands here with %rsp at its pt_regs (the
 * frame was just below them).  A clone child (%rbx 0) goes straight to
 * ring 3 with the registers copy_process gave it; a user-mode thread
 * (process 1) first calls %rbx(%r12), which returns once kernel_execve
 * has filled pt_regs with the program's start.  Linux: ret_from_fork.
 */
	.globl	ret_from_fork
ret_from_fork:
	subq	$8, %rsp		/* pt_regs is 8 mod 16: align the call */
	call	schedule_tail
	addq	$8, %rsp
	testq	%rbx, %rbx
	jz	1f
	subq	$8, %rsp		/* pt_regs is 8 mod 16: align the call */
	movq	%r12, %rdi
	call	*%rbx
	addq	$8, %rsp
1:	jmp	restore_regs_and_iret

	.section .note.GNU-stack, "", @progbits
