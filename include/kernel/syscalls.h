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

/*
 * write(2) without the VFS: fds 0-2 are the console, as /dev/console is
 * for Linux's init.  The VFS replaces this function (fs/read_write.c in
 * Linux); the system call itself stays.
 */
long ksys_write(unsigned int fd, const char __user *buf, size_t count);

#endif
