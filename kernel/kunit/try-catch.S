/*
 * kernel/kunit/try-catch.S - setjmp/longjmp for ending a test case early.
 *
 * Linux KUnit runs each case in a kthread and ends it with kthread_exit on
 * a failed assertion.  mmlab has a single thread, so the runner saves its
 * callee-saved registers and stack pointer (kunit_setjmp) and a failed
 * assertion jumps back to them (kunit_longjmp).  Layout: struct kunit_jmp_buf.
 */
	.text
	.globl	kunit_setjmp
kunit_setjmp:				/* int kunit_setjmp(struct kunit_jmp_buf *) */
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	leaq	8(%rsp), %rdx		/* the caller's %rsp after we return */
	movq	%rdx, 48(%rdi)
	movq	(%rsp), %rdx		/* our return address */
	movq	%rdx, 56(%rdi)
	xorl	%eax, %eax
	ret

	.globl	kunit_longjmp
kunit_longjmp:				/* void kunit_longjmp(struct kunit_jmp_buf *, int) */
	movq	0(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %r15
	movq	48(%rdi), %rsp
	movl	%esi, %eax		/* kunit_setjmp "returns" this */
	jmp	*56(%rdi)

	.section .note.GNU-stack, "", @progbits
