/*
 * kernel/syscall_64.c - from a system-call number to its C function.
 *
 * entry_SYSCALL_64 calls do_syscall_64(regs, nr) with the user's registers
 * saved in regs: the number was in %rax, the arguments in %rdi %rsi %rdx
 * %r10 %r8 %r9 (r10, not rcx: `syscall` overwrites rcx with the return
 * address).  sys_call_table is indexed by Linux's numbers; a number with no
 * entry (or past the table) returns -ENOSYS and is reported once, by its
 * Linux name, so that a student sees what a program asked for.  The result
 * goes back in %rax: a value, or -errno (-4095..-1).  Linux:
 * arch/x86/entry/syscall_64.c.
 */
#include <kernel/syscalls.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <asm/unistd_64.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <mm/mmap.h>

static const sys_call_ptr_t sys_call_table[NR_syscalls] = {
	[__NR_write]		= __x64_sys_write,
	[__NR_read]		= __x64_sys_read,
	[__NR_open]		= __x64_sys_open,
	[__NR_close]		= __x64_sys_close,
	[__NR_stat]		= __x64_sys_stat,
	[__NR_fstat]		= __x64_sys_fstat,
	[__NR_lstat]		= __x64_sys_lstat,
	[__NR_lseek]		= __x64_sys_lseek,
	[__NR_ioctl]		= __x64_sys_ioctl,
	[__NR_pread64]		= __x64_sys_pread64,
	[__NR_pwrite64]		= __x64_sys_pwrite64,
	[__NR_readv]		= __x64_sys_readv,
	[__NR_writev]		= __x64_sys_writev,
	[__NR_dup]		= __x64_sys_dup,
	[__NR_dup2]		= __x64_sys_dup2,
	[__NR_fcntl]		= __x64_sys_fcntl,
	[__NR_mkdir]		= __x64_sys_mkdir,
	[__NR_rmdir]		= __x64_sys_rmdir,
	[__NR_creat]		= __x64_sys_creat,
	[__NR_unlink]		= __x64_sys_unlink,
	[__NR_chmod]		= __x64_sys_chmod,
	[__NR_fchmod]		= __x64_sys_fchmod,
	[__NR_fchmodat]		= __x64_sys_fchmodat,
	[__NR_getdents64]	= __x64_sys_getdents64,
	[__NR_openat]		= __x64_sys_openat,
	[__NR_mkdirat]		= __x64_sys_mkdirat,
	[__NR_newfstatat]	= __x64_sys_newfstatat,
	[__NR_access]		= __x64_sys_access,
	[__NR_faccessat]	= __x64_sys_faccessat,
	[__NR_faccessat2]	= __x64_sys_faccessat2,
	[__NR_unlinkat]		= __x64_sys_unlinkat,
	[__NR_dup3]		= __x64_sys_dup3,
	[__NR_chdir]		= __x64_sys_chdir,
	[__NR_fchdir]		= __x64_sys_fchdir,
	[__NR_getcwd]		= __x64_sys_getcwd,
	[__NR_mmap]		= __x64_sys_mmap,
	[__NR_munmap]		= __x64_sys_munmap,
	[__NR_mprotect]		= __x64_sys_mprotect,
	[__NR_madvise]		= __x64_sys_madvise,
	[__NR_mremap]		= __x64_sys_mremap,
	[__NR_brk]		= __x64_sys_brk,
	[__NR_clock_gettime]	= __x64_sys_clock_gettime,
	[__NR_clock_getres]	= __x64_sys_clock_getres,
	[__NR_gettimeofday]	= __x64_sys_gettimeofday,
	[__NR_time]		= __x64_sys_time,
	[__NR_nanosleep]	= __x64_sys_nanosleep,
	[__NR_clock_nanosleep]	= __x64_sys_clock_nanosleep,
	[__NR_getrandom]	= __x64_sys_getrandom,
	[__NR_sched_yield]	= __x64_sys_sched_yield,
	[__NR_getpid]		= __x64_sys_getpid,
	[__NR_clone]		= __x64_sys_clone,
	[__NR_fork]		= __x64_sys_fork,
	[__NR_pause]		= __x64_sys_pause,
	[__NR_rt_sigsuspend]	= __x64_sys_rt_sigsuspend,
	[__NR_futex]		= __x64_sys_futex,
	[__NR_rt_sigaction]		= __x64_sys_rt_sigaction,
	[__NR_rt_sigreturn]		= __x64_sys_rt_sigreturn,
	[__NR_getitimer]		= __x64_sys_getitimer,
	[__NR_alarm]		= __x64_sys_alarm,
	[__NR_setitimer]		= __x64_sys_setitimer,
	[__NR_kill]		= __x64_sys_kill,
	[__NR_setpgid]		= __x64_sys_setpgid,
	[__NR_getpgrp]		= __x64_sys_getpgrp,
	[__NR_setsid]		= __x64_sys_setsid,
	[__NR_getpgid]		= __x64_sys_getpgid,
	[__NR_getsid]		= __x64_sys_getsid,
	[__NR_rt_sigpending]		= __x64_sys_rt_sigpending,
	[__NR_tkill]		= __x64_sys_tkill,
	[__NR_tgkill]		= __x64_sys_tgkill,
	[__NR_vfork]		= __x64_sys_vfork,
	[__NR_execve]		= __x64_sys_execve,
	[__NR_exit]		= __x64_sys_exit,
	[__NR_wait4]		= __x64_sys_wait4,
	[__NR_pipe]		= __x64_sys_pipe,
	[__NR_pipe2]		= __x64_sys_pipe2,
	[__NR_rt_sigprocmask]	= __x64_sys_rt_sigprocmask,
	[__NR_uname]		= __x64_sys_uname,
	[__NR_getuid]		= __x64_sys_getuid,
	[__NR_getgid]		= __x64_sys_getgid,
	[__NR_geteuid]		= __x64_sys_geteuid,
	[__NR_getegid]		= __x64_sys_getegid,
	[__NR_getppid]		= __x64_sys_getppid,
	[__NR_arch_prctl]	= __x64_sys_arch_prctl,
	[__NR_gettid]		= __x64_sys_gettid,
	[__NR_set_tid_address]	= __x64_sys_set_tid_address,
	[__NR_exit_group]	= __x64_sys_exit_group,
};

/* Numbers below this are reported once each; above it, only the first. */
#define NI_REPORTED_MAX		1024
static unsigned long ni_reported[NI_REPORTED_MAX / 64];
static bool ni_reported_high;

static bool ni_first_time(unsigned long nr)
{
	bool first;

	if (nr >= NI_REPORTED_MAX) {
		first = !ni_reported_high;
		ni_reported_high = true;
		return first;
	}
	first = !(ni_reported[nr / 64] & (1UL << (nr % 64)));
	ni_reported[nr / 64] |= 1UL << (nr % 64);
	return first;
}

/* Linux: sys_ni_syscall, plus the report. */
static long sys_ni_syscall(int nr)
{
	const char *name = syscall_name((unsigned int)nr);

	if (ni_first_time((unsigned int)nr))
		pr_warn("%s[%d]: system call %d%s%s%s not implemented: -ENOSYS\n",
			current->comm, task_pid_nr(current), nr, name ? " (" : "",
			name ? name : "", name ? ")" : "");
	return -ENOSYS;
}

/*
 * sysretq is only safe when it restores exactly what iretq would:
 * rcx/r11 must still be ip/flags, the selectors the user ones, RF/TF clear,
 * and ip a user address - Intel CPUs raise #GP *in ring 0, on the user's
 * stack* for a non-canonical one (CVE-2012-0217).  TASK_SIZE_MAX leaves the
 * last canonical page unmapped, so no syscall instruction can sit at its end.
 */
static bool syscall_can_sysret(const struct pt_regs *regs)
{
	if (regs->cx != regs->ip || regs->r11 != regs->flags)
		return false;
	if (regs->cs != __USER_CS || regs->ss != __USER_DS)
		return false;
	if (regs->ip >= TASK_SIZE_MAX)
		return false;
	return !(regs->flags & (X86_EFLAGS_RF | X86_EFLAGS_TF));
}

bool do_syscall_64(struct pt_regs *regs, int nr)
{
	unsigned int unr = nr;

	if (unr < NR_syscalls && sys_call_table[unr])
		regs->ax = sys_call_table[unr](regs);
	else
		regs->ax = sys_ni_syscall(nr);
	exit_to_user_mode(regs);	/* signals: a handler's frame, or a restart */
	return syscall_can_sysret(regs);
}
