/*
 * tests/user_entry_kunit.c - ring 3 and system calls: hand-written user
 * programs (tests/user_progs.S) run in a fresh mm, call the kernel with
 * `syscall`, fault, and exit; the cases check what they got back, their
 * wait status, the console, and that every page and kmalloc object comes
 * back (the fixture, tests/user_check.h).
 */
#include "user_check.h"
#include <kernel/signal.h>
#include <kernel/time.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/ptrace.h>

static void write_and_exit_group(struct kunit *test)
{
	size_t mark = log_next;

	KUNIT_EXPECT_EQ(test, RUN(test, user_hello, RW), EXITED(7));
	KUNIT_EXPECT_EQ(test, data_at(test, 0), 6);		/* bytes written */
	KUNIT_EXPECT_NOT_NULL(test, strstr(log_since(mark), "hello\n"));
	KUNIT_EXPECT_EQ(test, current->exit_state, 0);		/* reaped */
}

static void identity_calls(struct kunit *test)
{
	char uts[6 * 65];

	KUNIT_EXPECT_EQ(test, RUN(test, user_ids, RW), EXITED(3));
	KUNIT_EXPECT_EQ(test, data_at(test, 0), current->tgid);	/* getpid: 1 */
	KUNIT_EXPECT_EQ(test, data_at(test, 8), current->pid);	/* gettid */
	KUNIT_EXPECT_EQ(test, data_at(test, 16), 0);		/* getppid: no parent */
	for (int off = 24; off <= 56; off += 8)			/* uids, gids, sched_yield */
		KUNIT_EXPECT_EQ(test, data_at(test, off), 0);
	KUNIT_EXPECT_EQ(test, data_at(test, 64), current->pid);	/* set_tid_address */
	KUNIT_EXPECT_EQ(test, (int)data_at(test, 0x100), 0);	/* cleared at exit */
	KUNIT_EXPECT_EQ(test, data_at(test, 72), 0);		/* uname */
	KUNIT_ASSERT_EQ(test, copy_from_user(uts, (void __user *)(USER_DATA + 0x200),
					     sizeof(uts)), 0);
	KUNIT_EXPECT_STREQ(test, uts, "mmlab");			/* sysname */
	KUNIT_EXPECT_STREQ(test, uts + 2 * 65, "6.19.0-mmlab");	/* release */
	KUNIT_EXPECT_STREQ(test, uts + 4 * 65, "x86_64");		/* machine */
}

static void bad_pointers_are_efault(struct kunit *test)
{
	size_t mark = log_next;

	KUNIT_EXPECT_EQ(test, RUN(test, user_bad_pointers, RW), EXITED(0));
	KUNIT_EXPECT_EQ(test, data_at(test, 0), -EFAULT);	/* write(1, NULL, 5) */
	KUNIT_EXPECT_EQ(test, data_at(test, 8), -EFAULT);	/* a kernel address */
	KUNIT_EXPECT_EQ(test, data_at(test, 16), -EFAULT);	/* no VMA there */
	KUNIT_EXPECT_EQ(test, data_at(test, 24), -EBADF);	/* fd 9 */
	KUNIT_EXPECT_EQ(test, data_at(test, 32), -EFAULT);	/* uname(NULL) */
	KUNIT_EXPECT_EQ(test, data_at(test, 40), -EFAULT);	/* ARCH_GET_FS to nowhere */
	KUNIT_EXPECT_EQ(test, data_at(test, 48), 0);		/* count 0 */
	KUNIT_EXPECT_EQ(test, data_at(test, 56), 3);		/* up to the hole */
	KUNIT_EXPECT_EQ(test, data_at(test, 64), -EFAULT);	/* count past user space */
	KUNIT_EXPECT_NOT_NULL(test, strstr(log_since(mark), "ok\n"));
}

static void unknown_numbers_enosys_logged_once(struct kunit *test)
{
	size_t mark = log_next;
	const char *log;

	KUNIT_EXPECT_EQ(test, RUN(test, user_enosys, RW), EXITED(0));
	for (int off = 0; off <= 32; off += 8)
		KUNIT_EXPECT_EQ(test, data_at(test, off), -ENOSYS);
	log = log_since(mark);
	KUNIT_EXPECT_EQ(test, count_in(log, "system call 236 (vserver) not implemented"), 1);
	KUNIT_EXPECT_EQ(test, count_in(log, "system call 512 not implemented"), 1);

	mark = log_next;				/* again: nothing more logged */
	KUNIT_EXPECT_EQ(test, RUN(test, user_enosys, RW), EXITED(0));
	KUNIT_EXPECT_EQ(test, count_in(log_since(mark), "not implemented"), 0);
}

static void registers_survive_syscall(struct kunit *test)
{
	static const unsigned long kept[] = {
		0x1111111111111111, 0x2222222222222222, 0x3333333333333333,
		0x4444444444444444, 0x5555555555555555, 0x6666666666666666,
		0x7777777777777777, 0x8888888888888888, 0x9999999999999999,
		0xaaaaaaaaaaaaaaaa, 0xbbbbbbbbbbbbbbbb, 0xcccccccccccccccc,
	};
	const unsigned long arith = X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF |
				    X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_OF;

	KUNIT_EXPECT_EQ(test, RUN(test, user_regs, RW), EXITED(0));
	for (int i = 0; i < (int)ARRAY_SIZE(kept); i++)
		KUNIT_EXPECT_EQ(test, (unsigned long)data_at(test, i * 8), kept[i]);
	KUNIT_EXPECT_EQ(test, data_at(test, 96), USER_STACK_TOP);
	KUNIT_EXPECT_EQ(test, data_at(test, 104),		/* rcx: where syscall returned */
			USER_CODE + (user_regs_after_syscall - user_regs));
	KUNIT_EXPECT_EQ(test, data_at(test, 112) & ~arith, X86_EFLAGS_FIXED | X86_EFLAGS_IF);	/* r11 */
	KUNIT_EXPECT_EQ(test, data_at(test, 120), current->tgid);	/* with a kernel rsp */
	KUNIT_EXPECT_EQ(test, (unsigned long)data_at(test, 128), 0xffff888000000000UL);
}

static void sse_state_survives_kernel_entries(struct kunit *test)
{
	struct fxregs_state *fx = &current->thread.fpu.fpstate.regs.fxsave;
	u8 want[256], got[256];

	for (int i = 0; i < 256; i++)
		want[i] = i;
	KUNIT_EXPECT_EQ(test, RUN(test, user_sse, RW), EXITED(0));
	KUNIT_ASSERT_EQ(test, copy_from_user(got, (void __user *)USER_DATA, 256), 0);
	KUNIT_EXPECT_MEMEQ(test, got, want, 256);		/* xmm0-15 as loaded */
	KUNIT_EXPECT_EQ(test, data_at(test, 256) & 0xffffffff, 0x1fc0);	/* MXCSR */
	KUNIT_EXPECT_MEMEQ(test, fx->xmm_space, want, 256);	/* saved at exit */
	KUNIT_EXPECT_EQ(test, fx->mxcsr, 0x1fc0);

	/* The next thread starts from Linux's defaults, not from the last one. */
	KUNIT_EXPECT_EQ(test, RUN(test, user_fpu_fresh, RW), EXITED(0));
	KUNIT_EXPECT_EQ(test, data_at(test, 0) | data_at(test, 8), 0);		/* xmm0 */
	KUNIT_EXPECT_EQ(test, data_at(test, 16) | data_at(test, 24), 0);	/* xmm15 */
	KUNIT_EXPECT_EQ(test, data_at(test, 32) & 0xffffffff, MXCSR_DEFAULT);
	KUNIT_EXPECT_EQ(test, data_at(test, 40) & 0xffff, FCW_DEFAULT);
}

static void arch_prctl_sets_fs_base(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, RUN(test, user_fsbase, RW), EXITED(0));
	KUNIT_EXPECT_EQ(test, data_at(test, 0), 0);		/* ARCH_SET_FS */
	KUNIT_EXPECT_EQ(test, (unsigned long)data_at(test, 8), 0x0123456789abcdefUL);
	KUNIT_EXPECT_EQ(test, data_at(test, 16), 0);		/* ARCH_GET_FS */
	KUNIT_EXPECT_EQ(test, data_at(test, 0x180), USER_DATA + 0x100);
	KUNIT_EXPECT_EQ(test, (unsigned long)data_at(test, 24), 0x0123456789abcdefUL);
	KUNIT_EXPECT_EQ(test, data_at(test, 32), -EPERM);	/* a kernel address */
	KUNIT_EXPECT_EQ(test, data_at(test, 40), -EINVAL);	/* unknown option */
	KUNIT_EXPECT_EQ(test, rdmsr(MSR_FS_BASE), 0);		/* not left to the kernel */
}

/*
 * Bad input never hurts the kernel: thousands of random system calls from
 * ring 3, then the program must still exit normally.  arch_prctl and
 * set_tid_address get random values too: the FS base must be a user
 * address, and the tid pointer written at exit may be anything.
 */
static void random_syscalls_leave_the_kernel_alive(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, RUN(test, user_syscall_fuzz, RW), EXITED(0));
	KUNIT_EXPECT_EQ(test, data_at(test, 0), USER_FUZZ_CALLS);
	KUNIT_EXPECT_GT(test, data_at(test, 8), 0);		/* bad pointers were seen */
	kunit_info(test, "%d random system calls, %ld of them -EFAULT\n", USER_FUZZ_CALLS,
		   data_at(test, 8));
}

struct fatal_prog {
	const char *name;
	const char *start, *end;
	unsigned long data_prot;
	int status;			/* the signal */
	const char *line;		/* in the console line */
};

#define FATAL(prog, prot, sig, text) { #prog, prog, prog##_end, prot, sig, text }

static const struct fatal_prog fatal_progs[] = {
	FATAL(user_load_unmapped, RW, SIGSEGV,
	      "kunit[1]: segfault at 500000 ip 0000000000400000 sp 0000000000800000 error 4"),
	FATAL(user_store_data, PROT_READ, SIGSEGV,
	      "kunit[1]: segfault at 600000 ip 0000000000400000 sp 0000000000800000 error 6"),
	FATAL(user_store_code, RW, SIGSEGV, "kunit[1]: segfault at 400000 ip 0000000000400007"),
	FATAL(user_read_kernel, RW, SIGSEGV, "segfault at ffff888000100000 ip 000000000040000a"),
	FATAL(user_exec_data, RW, SIGSEGV, "segfault at 600000 ip 0000000000600000"),
	FATAL(user_ud2, RW, SIGILL, "traps: kunit[1] trap invalid opcode ip:400000 sp:800000"),
	FATAL(user_int3, RW, SIGTRAP, "trap breakpoint (int3) ip:400001"),
	FATAL(user_div0, RW, SIGFPE, "trap divide error ip:400009"),
	FATAL(user_hlt, RW, SIGSEGV, "trap general protection fault ip:400000"),
	FATAL(user_int80, RW, SIGSEGV, "trap general protection fault ip:400000"),
	FATAL(user_x87_div0, RW, SIGFPE, "trap x87 floating-point error"),
};

static void faults_kill_with_linux_signal(struct kunit *test)
{
	for (const struct fatal_prog *p = fatal_progs; p < fatal_progs + ARRAY_SIZE(fatal_progs);
	     p++) {
		size_t mark = log_next;
		int status = run_prog(test, p->start, p->end, p->data_prot);

		if (status != p->status)
			KUNIT_FAIL(test, "%s: wait status %d, expected %d", p->name, status,
				   p->status);
		if (!strstr(log_since(mark), p->line))
			KUNIT_FAIL(test, "%s: no \"%s\" in: %s", p->name, p->line, logged);
	}
}

/*
 * An unmasked SSE exception is #XM (CR4.OSXMMEXCPT), which kills with
 * SIGFPE.  QEMU's TCG does not raise it - the division just sets the flag
 * in MXCSR - so under TCG the case can only say so.
 */
static void simd_exception_kills_with_sigfpe(struct kunit *test)
{
	size_t mark = log_next;
	int status = RUN(test, user_simd_div0, RW);

	if (status == EXITED(0) && (data_at(test, 8) & 0x4))
		kunit_skip(test, "this CPU did not raise #XM (QEMU TCG does not emulate it)");
	KUNIT_EXPECT_EQ(test, status, SIGFPE);
	KUNIT_EXPECT_NOT_NULL(test, strstr(log_since(mark), "trap SIMD floating-point exception"));
}

/*
 * A start address no user code can run at: a kernel address is a user
 * page fault; a non-canonical one makes iretq itself fault in ring 0,
 * which must kill the task, not the kernel (entry.S bad_iret).
 */
static void bad_entry_point_kills_the_task(struct kunit *test)
{
	size_t mark = log_next;

	KUNIT_EXPECT_EQ(test, RUN(test, user_hello, RW), EXITED(7));	/* maps it all */
	KUNIT_EXPECT_EQ(test, run_user_thread(0x800000000000UL, USER_STACK_TOP), SIGSEGV);
	KUNIT_EXPECT_NOT_NULL(test, strstr(log_since(mark),
			"trap general protection fault ip:800000000000 sp:800000 error:0"));
	mark = log_next;
	KUNIT_EXPECT_EQ(test, run_user_thread(PAGE_OFFSET, USER_STACK_TOP), SIGSEGV);
	KUNIT_EXPECT_NOT_NULL(test, strstr(log_since(mark),
			"segfault at ffff888000000000 ip ffff888000000000"));
}

static void strncpy_from_user_stops_at_nul_count_or_fault(struct kunit *test)
{
	char __user *u = (char __user *)USER_DATA;
	char buf[16];

	map_fixed(test, USER_DATA, PAGE_SIZE, RW);	/* the next page stays unmapped */
	KUNIT_ASSERT_EQ(test, copy_to_user(u, "abc", 4), 0);
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, u, sizeof(buf)), 3);
	KUNIT_EXPECT_STREQ(test, buf, "abc");
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, u, 2), 2);	/* no NUL within count */
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, u, 0), 0);
	KUNIT_ASSERT_EQ(test, copy_to_user(u + PAGE_SIZE - 3, "xy", 3), 0);
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, u + PAGE_SIZE - 3, sizeof(buf)), 2);
	KUNIT_ASSERT_EQ(test, copy_to_user(u + PAGE_SIZE - 2, "zz", 2), 0);	/* no NUL */
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, u + PAGE_SIZE - 2, sizeof(buf)), -EFAULT);
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, u + PAGE_SIZE - 2, 2), 2);	/* stops first */
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, NULL, sizeof(buf)), -EFAULT);
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, (char __user *)PAGE_OFFSET, sizeof(buf)),
			-EFAULT);
}

extern char entry_SYSCALL_64[];

/* The machine state syscall_init() and fpu__init_cpu() set at boot. */
static void syscall_msrs_and_sse_are_set_up(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rdmsr(MSR_STAR), 0x0023001000000000UL);	/* Linux's value */
	KUNIT_EXPECT_EQ(test, rdmsr(MSR_LSTAR), (unsigned long)entry_SYSCALL_64);
	KUNIT_EXPECT_EQ(test, rdmsr(MSR_SYSCALL_MASK), 0x257fd5);	/* Linux's value */
	KUNIT_EXPECT_TRUE(test, rdmsr(MSR_EFER) & EFER_SCE);
	KUNIT_EXPECT_EQ(test, read_cr0() & (X86_CR0_EM | X86_CR0_TS | X86_CR0_MP), X86_CR0_MP);
	KUNIT_EXPECT_EQ(test, read_cr4() & (X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT),
			X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	KUNIT_EXPECT_EQ(test, __USER_CS, 0x33);
	KUNIT_EXPECT_EQ(test, __USER_DS, 0x2b);
	KUNIT_EXPECT_EQ(test, __builtin_offsetof(struct pt_regs, orig_ax), 15 * 8);
	KUNIT_EXPECT_EQ(test, sizeof(struct pt_regs), PTREGS_SIZE);
}

static int count_turn(void *data)
{
	(*(int *)data)++;
	return 0;
}

/*
 * A program that never enters the kernel still loses the CPU: the tick
 * interrupts ring 3 (IF is set there) and schedule() runs a kernel thread
 * that was waiting for its turn; then the program goes on to exit normally.
 */
static void timer_preempts_user_code(struct kunit *test)
{
	unsigned long j0 = jiffies, ticks0 = current->utime;
	int turns = 0;
	struct task_struct *p = kthread_create(count_turn, &turns, "turn");

	KUNIT_ASSERT_TRUE(test, p != NULL);
	wake_up_process(p);
	KUNIT_EXPECT_EQ(test, RUN(test, user_spin, RW), EXITED(0));
	KUNIT_EXPECT_TRUE(test, data_at(test, 0) & X86_EFLAGS_IF);
	KUNIT_EXPECT_EQ(test, turns, 1);	/* it ran while the program spun */
	KUNIT_EXPECT_EQ(test, p->exit_state, EXIT_ZOMBIE);
	release_task(p);
	KUNIT_EXPECT_GT(test, current->utime, ticks0);
	KUNIT_EXPECT_GE(test, jiffies - j0, current->utime - ticks0);
	kunit_info(test, "%lu ticks in user mode, %lu jiffies", current->utime - ticks0,
		   jiffies - j0);
}

static struct kunit_case user_entry_cases[] = {
	KUNIT_CASE(syscall_msrs_and_sse_are_set_up),
	KUNIT_CASE(write_and_exit_group),
	KUNIT_CASE(identity_calls),
	KUNIT_CASE(bad_pointers_are_efault),
	KUNIT_CASE(unknown_numbers_enosys_logged_once),
	KUNIT_CASE(registers_survive_syscall),
	KUNIT_CASE(sse_state_survives_kernel_entries),
	KUNIT_CASE(arch_prctl_sets_fs_base),
	KUNIT_CASE(random_syscalls_leave_the_kernel_alive),
	KUNIT_CASE(faults_kill_with_linux_signal),
	KUNIT_CASE(simd_exception_kills_with_sigfpe),
	KUNIT_CASE(bad_entry_point_kills_the_task),
	KUNIT_CASE(strncpy_from_user_stops_at_nul_count_or_fault),
	KUNIT_CASE(timer_preempts_user_code),
	{}
};

static struct kunit_suite user_entry_suite = {
	.name = "user_entry",
	.init = user_case_init,
	.exit = user_case_exit,
	.test_cases = user_entry_cases,
};
kunit_test_suite(user_entry_suite);
