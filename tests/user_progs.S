/*
 * tests/user_progs.S - small user programs, written by hand, for
 * tests/user_entry_kunit.c.  They run in ring 3 and only reach the kernel
 * through `syscall` (nr in %rax; args in %rdi %rsi %rdx %r10 %r8 %r9; the
 * result in %rax) or by faulting.  Addresses: tests/user_progs.h.  Data
 * they report is stored at USER_DATA + offset, noted as [offset].
 */
#include <asm/unistd_64.h>
#include "user_progs.h"

#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003

.macro PROG name
	.globl	\name, \name\()_end
\name:
.endm

.macro END name
\name\()_end:
.endm

/* syscall nr with up to three arguments (immediates or registers) */
.macro SYS nr, a1=, a2=, a3=
	.ifnb \a1
	movq	\a1, %rdi
	.endif
	.ifnb \a2
	movq	\a2, %rsi
	.endif
	.ifnb \a3
	movq	\a3, %rdx
	.endif
	movq	$\nr, %rax
	syscall
.endm

.macro STORE off
	movq	%rax, USER_DATA + \off
.endm

.macro EXIT_GROUP code
	SYS	__NR_exit_group, $\code
	ud2				/* never reached */
.endm

	.section .rodata, "a"

/* write(1, "hello\n", 6) [0]; exit_group(7). */
PROG user_hello
	leaq	1f(%rip), %rsi
	SYS	__NR_write, $1, %rsi, $6
	STORE	0
	EXIT_GROUP 7
1:	.ascii	"hello\n"
END user_hello

/* The identity calls [0..64], uname at [0x200]; set_tid_address([0x100]); exit(3). */
PROG user_ids
	SYS	__NR_getpid
	STORE	0
	SYS	__NR_gettid
	STORE	8
	SYS	__NR_getppid
	STORE	16
	SYS	__NR_getuid
	STORE	24
	SYS	__NR_geteuid
	STORE	32
	SYS	__NR_getgid
	STORE	40
	SYS	__NR_getegid
	STORE	48
	SYS	__NR_sched_yield
	STORE	56
	movl	$0xdeadbeef, USER_DATA + 0x100	/* exit writes 0 here */
	SYS	__NR_set_tid_address, $USER_DATA + 0x100
	STORE	64
	SYS	__NR_uname, $USER_DATA + 0x200
	STORE	72
	SYS	__NR_exit, $3
	ud2
END user_ids

/* Bad arguments: each result stored, then exit_group(0). */
PROG user_bad_pointers
	SYS	__NR_write, $1, $0, $5			/* NULL */
	STORE	0
	movabsq	$0xffff888000100000, %rsi		/* the kernel's direct map */
	SYS	__NR_write, $1, %rsi, $5
	STORE	8
	SYS	__NR_write, $1, $USER_UNMAPPED, $5	/* no VMA */
	STORE	16
	leaq	user_bad_pointers(%rip), %rsi
	SYS	__NR_write, $9, %rsi, $1		/* fd 9 is not open */
	STORE	24
	SYS	__NR_uname, $0
	STORE	32
	SYS	__NR_arch_prctl, $ARCH_GET_FS, $USER_UNMAPPED
	STORE	40
	SYS	__NR_write, $1, %rsi, $0		/* nothing to write: 0 */
	STORE	48
	/* "ok\n" in the last 3 bytes of the data, then 7 bytes of nothing */
	movl	$USER_DATA + USER_DATA_PAGES * 4096 - 3, %esi
	movw	$0x6b6f, (%rsi)
	movb	$0x0a, 2(%rsi)
	SYS	__NR_write, $1, %rsi, $10		/* 3: stops at the hole */
	STORE	56
	movq	$-1, %rdx
	SYS	__NR_write, $1, %rsi			/* count past user space */
	STORE	64
	EXIT_GROUP 0
END user_bad_pointers

/* Numbers with no system call behind them [0..32]. */
PROG user_enosys
	SYS	__NR_vserver		/* named in Linux's table, never implemented */
	STORE	0
	SYS	__NR_vserver		/* reported only once */
	STORE	8
	SYS	1000			/* past the table */
	STORE	16
	SYS	-1			/* negative */
	STORE	24
	SYS	512			/* x32's rt_sigaction: not on x86-64 */
	STORE	32
	EXIT_GROUP 0
END user_enosys

/*
 * Registers across a system call: all but rax, rcx and r11 are kept
 * [0..88]; rsp [96], rcx = the next instruction [104], r11 = rflags [112].
 * Then a syscall with a kernel address in rsp must work too [120], [128].
 */
PROG user_regs
	movabsq	$0x1111111111111111, %rbx
	movabsq	$0x2222222222222222, %rbp
	movabsq	$0x3333333333333333, %r12
	movabsq	$0x4444444444444444, %r13
	movabsq	$0x5555555555555555, %r14
	movabsq	$0x6666666666666666, %r15
	movabsq	$0x7777777777777777, %rdi
	movabsq	$0x8888888888888888, %rsi
	movabsq	$0x9999999999999999, %rdx
	movabsq	$0xaaaaaaaaaaaaaaaa, %r10
	movabsq	$0xbbbbbbbbbbbbbbbb, %r8
	movabsq	$0xcccccccccccccccc, %r9
	movq	$__NR_getpid, %rax
	syscall
	.globl	user_regs_after_syscall
user_regs_after_syscall:
	movq	%rbx, USER_DATA + 0
	movq	%rbp, USER_DATA + 8
	movq	%r12, USER_DATA + 16
	movq	%r13, USER_DATA + 24
	movq	%r14, USER_DATA + 32
	movq	%r15, USER_DATA + 40
	movq	%rdi, USER_DATA + 48
	movq	%rsi, USER_DATA + 56
	movq	%rdx, USER_DATA + 64
	movq	%r10, USER_DATA + 72
	movq	%r8, USER_DATA + 80
	movq	%r9, USER_DATA + 88
	movq	%rsp, USER_DATA + 96
	movq	%rcx, USER_DATA + 104
	movq	%r11, USER_DATA + 112
	movq	%rsp, %r12
	movabsq	$0xffff888000000000, %rsp	/* the kernel never uses the user's rsp */
	movq	$__NR_getpid, %rax
	syscall
	movq	%rsp, %r13
	movq	%r12, %rsp
	STORE	120
	movq	%r13, USER_DATA + 128
	EXIT_GROUP 0
END user_regs

/*
 * SSE state across kernel entries: xmm0-15 get bytes 0..255 and MXCSR
 * 0x1fc0 (DAZ set); then system calls (one that faults in the kernel, one
 * unknown) and a demand-paging fault; then xmm0-15 [0..255], MXCSR [256].
 */
PROG user_sse
	leaq	2f(%rip), %rax
	.irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movdqu	\r*16(%rax), %xmm\r
	.endr
	movl	$0x1fc0, USER_DATA + 0x300
	ldmxcsr	USER_DATA + 0x300
	SYS	__NR_getpid
	SYS	__NR_write, $1, $0, $1		/* -EFAULT: a fixup in the kernel */
	SYS	__NR_vserver
	movq	$1, USER_DATA + 4096		/* first touch of page 2: #PF, resolved */
	.irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	movdqu	%xmm\r, USER_DATA + \r*16
	.endr
	stmxcsr	USER_DATA + 256
	EXIT_GROUP 0
2:	.set	i, 0
	.rept	256
	.byte	i
	.set	i, i + 1
	.endr
END user_sse

/* What a new thread starts with: xmm0 [0], xmm15 [16], MXCSR [32], x87 FCW [40]. */
PROG user_fpu_fresh
	movdqu	%xmm0, USER_DATA + 0
	movdqu	%xmm15, USER_DATA + 16
	stmxcsr	USER_DATA + 32
	fnstcw	USER_DATA + 40
	EXIT_GROUP 0
END user_fpu_fresh

/*
 * arch_prctl: SET_FS to USER_DATA + 0x100 [0], a %fs:0 load [8], GET_FS
 * into [0x180] returns [16], the load again after a syscall [24], SET_FS to
 * a kernel address [32], an unknown option [40].
 */
PROG user_fsbase
	movabsq	$0x0123456789abcdef, %rax
	movq	%rax, USER_DATA + 0x100
	SYS	__NR_arch_prctl, $ARCH_SET_FS, $USER_DATA + 0x100
	STORE	0
	movq	%fs:0, %rax
	STORE	8
	SYS	__NR_arch_prctl, $ARCH_GET_FS, $USER_DATA + 0x180
	STORE	16
	SYS	__NR_getpid
	movq	%fs:0, %rax
	STORE	24
	movabsq	$0xffff888000000000, %rsi
	SYS	__NR_arch_prctl, $ARCH_SET_FS, %rsi
	STORE	32
	SYS	__NR_arch_prctl, $0x9999, $0
	STORE	40
	EXIT_GROUP 0
END user_fsbase

/*
 * Random system calls: USER_FUZZ_CALLS of them, numbers from the table
 * below, arguments from a xorshift64 generator - any value, small values
 * (fds, codes) or addresses in the data page.  write() only ever gets a
 * bad buffer (bit 63 set, or below 1 MiB), so nothing reaches the console.
 * [0] counts the calls made, [8] the ones that returned -EFAULT.
 */
PROG user_syscall_fuzz
	movabsq	$0x9e3779b97f4a7c15, %r12	/* the generator's state */
	movl	$USER_FUZZ_CALLS, %r13d
	xorl	%r14d, %r14d			/* -EFAULT count */
1:	call	9f
	xorl	%edx, %edx
	movq	%r12, %rax
	movl	$(8f - 7f) / 2, %ecx
	divq	%rcx				/* rdx := rand % the table's size */
	leaq	7f(%rip), %rax
	movzwl	(%rax, %rdx, 2), %r15d		/* the number */
	call	9f
	movq	%r12, %rdi
	call	9f
	movq	%r12, %rsi
	call	9f
	movq	%r12, %rdx
	call	9f
	movq	%r12, %r10
	movq	%r12, %r8
	movq	%r12, %r9
	/* half the time: small first argument; a quarter: rsi in the data page */
	testb	$1, %r12b
	jz	2f
	andl	$0x100f, %edi			/* fds 0-15, ARCH_SET_FS... */
	orl	$0x1000, %edi
	testb	$2, %r12b
	jz	2f
	andl	$0xfff, %edi
2:	testb	$4, %r12b
	jz	3f
	andl	$0xff8, %esi
	addl	$USER_DATA, %esi
3:	cmpl	$__NR_write, %r15d		/* write: always a bad buffer */
	jne	4f
	andl	$0xfffff, %esi
	testb	$8, %r12b
	jz	4f
	btsq	$63, %rsi
4:	movl	%r15d, %eax
	syscall
	cmpq	$-14, %rax			/* -EFAULT */
	jne	5f
	incq	%r14
5:	decl	%r13d
	jnz	1b
	movq	$USER_FUZZ_CALLS, USER_DATA
	movq	%r14, USER_DATA + 8
	EXIT_GROUP 0

9:	movq	%r12, %rax			/* xorshift64: r12 = next(r12) */
	shlq	$13, %rax
	xorq	%rax, %r12
	movq	%r12, %rax
	shrq	$7, %rax
	xorq	%rax, %r12
	movq	%r12, %rax
	shlq	$17, %rax
	xorq	%rax, %r12
	ret

	/*
	 * Implemented calls but exit and exit_group, and two unknown ones.
	 * Left out: those that wait (read, readv from the console; the
	 * sleeps), print (writev), create files (open, mkdir, ...), or unmap
	 * or change this program's own pages (mmap with MAP_POPULATE, munmap,
	 * mprotect, madvise, mremap: the mm's tables and fuzzer cover them).
	 */
7:	.short	__NR_write, __NR_sched_yield, __NR_getpid, __NR_uname, __NR_getuid
	.short	__NR_getgid, __NR_geteuid, __NR_getegid, __NR_getppid
	.short	__NR_arch_prctl, __NR_gettid, __NR_set_tid_address, __NR_vserver, 1000
	.short	__NR_close, __NR_dup, __NR_dup2, __NR_dup3, __NR_fcntl, __NR_lseek
	.short	__NR_pread64, __NR_fstat, __NR_newfstatat, __NR_getdents64, __NR_ioctl
	.short	__NR_brk, __NR_clock_gettime, __NR_clock_getres, __NR_gettimeofday
	.short	__NR_time, __NR_getrandom
8:
END user_syscall_fuzz

/* One system call: number [ROW_NR], arguments [ROW_ARGS...], result [ROW_RET]. */
PROG user_syscall_row
	movq	USER_DATA + ROW_NR, %rax
	movq	USER_DATA + ROW_ARGS + 0, %rdi
	movq	USER_DATA + ROW_ARGS + 8, %rsi
	movq	USER_DATA + ROW_ARGS + 16, %rdx
	movq	USER_DATA + ROW_ARGS + 24, %r10
	movq	USER_DATA + ROW_ARGS + 32, %r8
	movq	USER_DATA + ROW_ARGS + 40, %r9
	syscall
	STORE	ROW_RET
	EXIT_GROUP 0
END user_syscall_row

/* Programs that die: each fault is the first instruction that matters. */
PROG user_load_unmapped
	movq	USER_UNMAPPED, %rax
	EXIT_GROUP 0
END user_load_unmapped

PROG user_store_data			/* the case maps USER_DATA read-only */
	movq	$1, USER_DATA
	EXIT_GROUP 0
END user_store_data

PROG user_store_code			/* code is read + exec, not write */
	leaq	user_store_code(%rip), %rax
	movb	$0x90, (%rax)
	EXIT_GROUP 0
END user_store_code

PROG user_read_kernel
	movabsq	$0xffff888000100000, %rax	/* mapped, but not for ring 3 */
	movq	(%rax), %rax
	EXIT_GROUP 0
END user_read_kernel

PROG user_exec_data			/* the data page is not executable */
	movb	$0xc3, USER_DATA
	movq	$USER_DATA, %rax
	call	*%rax
	EXIT_GROUP 0
END user_exec_data

PROG user_ud2
	ud2
END user_ud2

PROG user_int3
	int3
	EXIT_GROUP 0
END user_int3

PROG user_div0
	xorl	%ecx, %ecx
	movl	$1, %eax
	xorl	%edx, %edx
	divl	%ecx
	EXIT_GROUP 0
END user_div0

PROG user_hlt				/* privileged: #GP in ring 3 */
	hlt
	EXIT_GROUP 0
END user_hlt

PROG user_int80				/* no gate for ring 3: #GP */
	int	$0x80
	EXIT_GROUP 0
END user_int80

PROG user_simd_div0			/* divide-by-zero unmasked in MXCSR: #XM */
	movl	$0x1d80, USER_DATA
	ldmxcsr	USER_DATA
	movl	$0x3f800000, %eax		/* 1.0f */
	movd	%eax, %xmm0
	xorps	%xmm1, %xmm1
	divss	%xmm1, %xmm0
	stmxcsr	USER_DATA + 8			/* only if no #XM: ZE (bit 2) set */
	EXIT_GROUP 0
END user_simd_div0

PROG user_x87_div0			/* ZE unmasked in the x87 control word: #MF */
	movw	$0x037b, USER_DATA
	fldcw	USER_DATA
	movl	$0, USER_DATA + 8		/* 0.0f */
	fld1
	fdivs	USER_DATA + 8			/* 1 / 0: reported at the next x87 insn */
	fwait
	EXIT_GROUP 0
END user_x87_div0

/*
 * RFLAGS as user mode sees it [0]; then spin through USER_SPIN_LOOPS
 * iterations without entering the kernel: only the timer can take the CPU
 * away; exit_group(0).
 */
PROG user_spin
	pushfq
	popq	%rax
	STORE	0
	movq	$USER_SPIN_LOOPS, %rcx
1:	decq	%rcx
	jnz	1b
	SYS	__NR_exit_group, $0
END user_spin

	.section .note.GNU-stack, "", @progbits
