/*
 * include/kernel/umh.h - running user programs from the kernel
 * (kernel/umh.c), and the pieces of process life the kernel calls itself.
 * Linux: include/linux/umh.h, include/linux/sched/task.h.
 */
#ifndef _KERNEL_UMH_H
#define _KERNEL_UMH_H

struct task_struct;

#define UMH_NO_WAIT	0x00	/* don't wait at all */
#define UMH_WAIT_PROC	0x04	/* wait for the process to complete */

/*
 * Runs path (argv, envp) as a child of current with a copy of its files
 * and returns its wait status (exit code << 8, or the signal), or -errno
 * if it could not be started or exec'd.  Only UMH_WAIT_PROC is taken
 * (-EINVAL otherwise): Linux's UMH_NO_WAIT needs the request on the heap.
 */
int call_usermodehelper(const char *path, const char *const *argv, const char *const *envp,
			int wait);

/* A task that enters user mode when fn(arg) returns, having exec'd (kernel/umh.c). */
struct task_struct *user_mode_thread(int (*fn)(void *), void *arg, const char *name);

/* Exec path in current, from kernel strings; 0 or -errno (kernel/exec.c). */
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);

/* wait4 for kernel callers: pid reaped, 0 (WNOHANG) or -errno; utime may be NULL (kernel/exit.c). */
long kernel_wait4(int pid, int *status, int options, unsigned long *utime);

#endif
