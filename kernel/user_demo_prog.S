/*
 * kernel/user_demo_prog.S - the user program of the "user" boot demo
 * (kernel/user_demo.c): it says hello through write(1, ...) and then reads
 * address 0, where nothing is mapped.  Position-independent, so it runs
 * wherever the demo copies it.
 */
#include <asm/unistd_64.h>

	.section .rodata
	.globl	user_demo_prog, user_demo_prog_end
user_demo_prog:
	movl	$1, %edi			/* fd: stdout, the console */
	leaq	1f(%rip), %rsi			/* buf */
	movl	$2f - 1f, %edx			/* count */
	movl	$__NR_write, %eax
	syscall
	movq	0, %rax				/* NULL dereference: SIGSEGV */
	ud2
1:	.ascii	"  hello from ring 3, through write(1, ...)\n"
2:
user_demo_prog_end:

	.section .note.GNU-stack, "", @progbits
