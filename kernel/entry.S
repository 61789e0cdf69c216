/*
 * kernel/entry.S - the first instructions run on an exception.
 *
 * Each of the 32 vectors has a stub that makes the stack look the same:
 * the CPU pushed ss, rsp, rflags, cs, rip (and for some vectors an error
 * code); the stub pushes a 0 error code where the CPU did not, saves %rdi
 * and puts the vector number in it.  common_exception saves the other
 * general registers so the stack holds a struct pt_regs in Linux's layout
 * (include/asm/ptrace.h; the error code sits in orig_ax), calls
 * do_trap(regs, vector), and undoes it all.  From ring 3 the CPU has
 * already switched to TSS.sp0, the task's kernel stack, so the pt_regs of
 * a user fault sit where task_pt_regs() finds them - where
 * entry_SYSCALL_64 (entry_64.S) puts them too.  Linux:
 * arch/x86/entry/entry_64.S, idtentry.h.
 */
#include <asm/calling.h>
#include <asm/asm.h>

	.text

.macro TRAP_STUB vec, has_error_code
	.globl	trap_stub_\vec
trap_stub_\vec:
	.if \has_error_code == 0
	pushq	$0
	.endif
	pushq	%rdi
	movl	$\vec, %edi
	jmp	common_exception
.endm

TRAP_STUB 0, 0
TRAP_STUB 1, 0
TRAP_STUB 2, 0
TRAP_STUB 3, 0
TRAP_STUB 4, 0
TRAP_STUB 5, 0
TRAP_STUB 6, 0
TRAP_STUB 7, 0
TRAP_STUB 8, 1
TRAP_STUB 9, 0
TRAP_STUB 10, 1
TRAP_STUB 11, 1
TRAP_STUB 12, 1
TRAP_STUB 13, 1
TRAP_STUB 14, 1
TRAP_STUB 15, 0
TRAP_STUB 16, 0
TRAP_STUB 17, 1
TRAP_STUB 18, 0
TRAP_STUB 19, 0
TRAP_STUB 20, 0
TRAP_STUB 21, 1
TRAP_STUB 22, 0
TRAP_STUB 23, 0
TRAP_STUB 24, 0
TRAP_STUB 25, 0
TRAP_STUB 26, 0
TRAP_STUB 27, 0
TRAP_STUB 28, 0
TRAP_STUB 29, 1
TRAP_STUB 30, 1
TRAP_STUB 31, 0
TRAP_STUB 32, 0			/* IRQ 0, the PIT (kernel/time.c) */

common_exception:
	PUSH_REGS_AFTER_DI
	cld
	movl	%edi, %esi		/* the vector */
	movq	%rsp, %rdi		/* struct pt_regs * */
	call	do_trap

/* Also the way back to ring 3 after a system call that cannot use sysretq. */
	.globl	restore_regs_and_iret
restore_regs_and_iret:
	POP_REGS
	addq	$8, %rsp		/* orig_ax: the error code */
1:	iretq
	_ASM_EXTABLE(1b, bad_iret)

/*
 * iretq itself faulted (#GP in ring 0): the frame it was given - a user
 * ip or sp that is not canonical, say an execve of a bad entry point -
 * cannot be returned to.  %rsp points at that frame; the task dies as if
 * the #GP had come from user mode, as in Linux (fixup_bad_iret).
 */
bad_iret:
	movq	%rsp, %rdi
	call	bad_iret_kill		/* never returns */

	.section .rodata
	.balign 8
	.globl	trap_stubs
trap_stubs:
	.irp vec, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32
	.quad	trap_stub_\vec
	.endr

	.section .note.GNU-stack, "", @progbits
