/*
 * include/kernel/syscalls.h - the system calls mmlab implements, and the
 * table that finds them by number (kernel/syscall_64.c).
 *
 * Each __x64_sys_<name> is defined with SYSCALL_DEFINEn in the file where
 * Linux has it (kernel/sys.c, kernel/exit.c, ...).  Linux:
 * include/linux/syscalls.h.
 */
#ifndef _KERNEL_SYSCALLS_H
#define _KERNEL_SYSCALLS_H

#include <kernel/types.h>
#include <kernel/compiler.h>
#include <asm/ptrace.h>
#include <asm/syscall_wrapper.h>

#define NR_syscalls	470	/* one past the highest number named in asm/unistd_64.h */

typedef long (*sys_call_ptr_t)(const struct pt_regs *regs);

/* Called from entry_SYSCALL_64; true if sysretq may return (else iretq). */
bool do_syscall_64(struct pt_regs *regs, int nr);
/* Linux's name for number nr, or NULL. */
const char *syscall_name(unsigned long nr);

#define __SYSCALL_DECL(name) long __x64_sys_##name(const struct pt_regs *regs)
__SYSCALL_DECL(write);
__SYSCALL_DECL(sched_yield);
__SYSCALL_DECL(getpid);
__SYSCALL_DECL(exit);
__SYSCALL_DECL(uname);
__SYSCALL_DECL(getuid);
__SYSCALL_DECL(getgid);
__SYSCALL_DECL(geteuid);
__SYSCALL_DECL(getegid);
__SYSCALL_DECL(getppid);
__SYSCALL_DECL(arch_prctl);
__SYSCALL_DECL(gettid);
__SYSCALL_DECL(set_tid_address);
__SYSCALL_DECL(exit_group);
/* processes: kernel/fork.c, kernel/exec.c, kernel/exit.c */
__SYSCALL_DECL(clone);
__SYSCALL_DECL(fork);
__SYSCALL_DECL(pause);
__SYSCALL_DECL(futex);
__SYSCALL_DECL(rt_sigaction);
__SYSCALL_DECL(rt_sigreturn);
__SYSCALL_DECL(getitimer);
__SYSCALL_DECL(alarm);
__SYSCALL_DECL(setitimer);
__SYSCALL_DECL(kill);
__SYSCALL_DECL(setpgid);
__SYSCALL_DECL(getpgrp);
__SYSCALL_DECL(setsid);
__SYSCALL_DECL(getpgid);
__SYSCALL_DECL(getsid);
__SYSCALL_DECL(rt_sigpending);
__SYSCALL_DECL(tkill);
__SYSCALL_DECL(tgkill);
__SYSCALL_DECL(vfork);
__SYSCALL_DECL(execve);
__SYSCALL_DECL(wait4);
__SYSCALL_DECL(pipe);
__SYSCALL_DECL(pipe2);
__SYSCALL_DECL(rt_sigprocmask);
__SYSCALL_DECL(rt_sigsuspend);
/* files: kernel/sys_read_write.c, kernel/sys_open.c, kernel/sys_fcntl.c */
__SYSCALL_DECL(read);
__SYSCALL_DECL(open);
__SYSCALL_DECL(close);
__SYSCALL_DECL(stat);
__SYSCALL_DECL(fstat);
__SYSCALL_DECL(lstat);
__SYSCALL_DECL(lseek);
__SYSCALL_DECL(ioctl);
__SYSCALL_DECL(pread64);
__SYSCALL_DECL(pwrite64);
__SYSCALL_DECL(readv);
__SYSCALL_DECL(writev);
__SYSCALL_DECL(dup);
__SYSCALL_DECL(dup2);
__SYSCALL_DECL(fcntl);
__SYSCALL_DECL(mkdir);
__SYSCALL_DECL(rmdir);
__SYSCALL_DECL(creat);
__SYSCALL_DECL(unlink);
__SYSCALL_DECL(chmod);
__SYSCALL_DECL(fchmod);
__SYSCALL_DECL(fchmodat);
__SYSCALL_DECL(getdents64);
__SYSCALL_DECL(openat);
__SYSCALL_DECL(mkdirat);
__SYSCALL_DECL(newfstatat);
__SYSCALL_DECL(access);
__SYSCALL_DECL(faccessat);
__SYSCALL_DECL(faccessat2);
__SYSCALL_DECL(unlinkat);
__SYSCALL_DECL(dup3);
__SYSCALL_DECL(chdir);
__SYSCALL_DECL(fchdir);
__SYSCALL_DECL(getcwd);

/* memory: kernel/sys_mm.c; time: kernel/time.c; getrandom: kernel/sys_random.c */
__SYSCALL_DECL(mmap);
__SYSCALL_DECL(munmap);
__SYSCALL_DECL(mprotect);
__SYSCALL_DECL(madvise);
__SYSCALL_DECL(mremap);
__SYSCALL_DECL(brk);
__SYSCALL_DECL(clock_gettime);
__SYSCALL_DECL(clock_getres);
__SYSCALL_DECL(gettimeofday);
__SYSCALL_DECL(time);
__SYSCALL_DECL(nanosleep);
__SYSCALL_DECL(clock_nanosleep);
__SYSCALL_DECL(getrandom);

/* read(2)/write(2) on current->files, for the kernel's own callers too. */
long ksys_read(unsigned int fd, char __user *buf, size_t count);
long ksys_write(unsigned int fd, const char __user *buf, size_t count);

#endif
