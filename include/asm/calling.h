/*
 * include/asm/calling.h - saving and restoring the general registers of a
 * struct pt_regs (asm/ptrace.h) on kernel entry and exit, shared by the
 * exception stubs (entry.S) and the system-call entry (entry_64.S); and
 * the callee-saved registers a stack switch keeps (entry_64.S, switch_64.S).
 * Linux: arch/x86/entry/calling.h (PUSH_REGS, POP_REGS).
 */
#ifndef _ASM_CALLING_H
#define _ASM_CALLING_H

/* pt_regs->si down to ->r15; ->di is pushed first by the caller. */
.macro PUSH_REGS_AFTER_DI rax=%rax
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	\rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
.endm

/* pt_regs->r15 up to ->di: %rsp then points at orig_ax. */
.macro POP_REGS
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
.endm

/* The registers the C ABI makes a callee keep; the frame a stack switch leaves. */
.macro PUSH_CALLEE_SAVED
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
.endm

.macro POP_CALLEE_SAVED
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
.endm

#endif
