/*
 * tests/user_syscall_input_kunit.c - bad input to the system calls, from
 * ring 3, as a table: each row is one call made by the user program
 * user_syscall_row (its number and six registers as data) and the result
 * Linux 6.19 gives, read from the function named above each group.  Like
 * tests/bad_input_kunit.c (docs/bad-input.md), a row with .note expects
 * mmlab's documented difference (docs/userspace.md section 7) and says what
 * Linux does.  Kernel build only: ring 3 does not exist in the host build.
 */
#include "user_check.h"
#include <asm/unistd_64.h>
#include <kernel/fdtable.h>

#define P		PAGE_SIZE
#define DATA		USER_DATA		/* 2 pages read + write */
#define HOLE_END	(USER_DATA + 2 * P - 100)	/* 100 bytes, then nothing mapped */
#define RO		USER_RO			/* read-only */
#define KHALF		PAGE_OFFSET
#define TOP		TASK_SIZE_MAX
#define NONCANON	(1UL << 47)
#define HI32		(1UL << 32)		/* a bit an int argument drops */

/* In the read-only page: strings and a timespec the file and time rows name. */
#define STR_EMPTY	(RO + 0x000)		/* "" */
#define STR_MISSING	(RO + 0x010)		/* "/nonexistent" */
#define STR_RELATIVE	(RO + 0x020)		/* "null" */
#define STR_NEG_TS	(RO + 0x030)		/* { 0, -1 } */
#define AT_FDCWD_ARG	((unsigned long)(unsigned int)AT_FDCWD)

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_CPUID	0x1011

struct syscall_row {
	const char *label;
	long expect;
	const char *note;		/* set: mmlab's documented difference */
	unsigned long nr;		/* the whole of %rax */
	unsigned long args[6];
};

static const struct syscall_row rows[] = {
	/* do_syscall_64: the number is an int; past the table -ENOSYS */
	{ "nr 236 (vserver): never implemented", -ENOSYS, .nr = __NR_vserver },
	{ "nr 512 (x32 rt_sigaction) on x86-64", -ENOSYS, .nr = 512 },
	{ "nr with the x32 bit (0x40000000 | getpid)", -ENOSYS, .nr = 0x40000000 | __NR_getpid },
	{ "nr -1", -ENOSYS, .nr = -1UL },
	{ "nr getpid with bit 32 set: the low 32 bits count", 1, .nr = HI32 | __NR_getpid },
	{ "getpid ignores its registers", 1, .nr = __NR_getpid,
	  .args = { -1UL, KHALF, NONCANON, 1, 2, 3 } },
	/* ksys_write, vfs_write: the fd first, then access_ok, then the count */
	{ "write: fd 3 is not open", -EBADF, .nr = __NR_write, .args = { 3, DATA, 1 } },
	{ "write: fd -1", -EBADF, .nr = __NR_write, .args = { 0xffffffff, DATA, 1 } },
	{ "write: bad fd and NULL buffer: the fd first", -EBADF, .nr = __NR_write,
	  .args = { 9, 0, 1 } },
	{ "write: fd 1 | bit 32: the fd is an unsigned int", 0, .nr = __NR_write,
	  .args = { HI32 | 1, DATA, 0 } },
	{ "write: NULL buffer", -EFAULT, .nr = __NR_write, .args = { 1, 0, 1 } },
	{ "write: NULL buffer, count 0", 0, .nr = __NR_write, .args = { 1, 0, 0 } },
	{ "write: buffer in the kernel half", -EFAULT, .nr = __NR_write, .args = { 1, KHALF, 1 } },
	{ "write: kernel buffer, count 0: access_ok still fails", -EFAULT, .nr = __NR_write,
	  .args = { 2, KHALF, 0 } },
	{ "write: buffer at TASK_SIZE_MAX", -EFAULT, .nr = __NR_write, .args = { 1, TOP, 1 } },
	{ "write: non-canonical buffer", -EFAULT, .nr = __NR_write, .args = { 1, NONCANON, 1 } },
	{ "write: count past user space", -EFAULT, .nr = __NR_write, .args = { 1, DATA, -1UL } },
	{ "write: count 2^47 from the data page", -EFAULT, .nr = __NR_write,
	  .args = { 1, DATA, 1UL << 47 } },
	/* newuname: one copy_to_user of the whole struct */
	{ "uname: into the data page", 0, .nr = __NR_uname, .args = { DATA } },
	{ "uname: NULL", -EFAULT, .nr = __NR_uname, .args = { 0 } },
	{ "uname: a read-only page", -EFAULT, .nr = __NR_uname, .args = { RO } },
	{ "uname: 100 bytes before a hole", -EFAULT, .nr = __NR_uname, .args = { HOLE_END } },
	{ "uname: the kernel half", -EFAULT, .nr = __NR_uname, .args = { KHALF } },
	/* do_arch_prctl_64 */
	{ "arch_prctl: ARCH_SET_FS to the last user address", 0, .nr = __NR_arch_prctl,
	  .args = { ARCH_SET_FS, TOP - 1 } },
	{ "arch_prctl: ARCH_SET_FS to TASK_SIZE_MAX", -EPERM, .nr = __NR_arch_prctl,
	  .args = { ARCH_SET_FS, TOP } },
	{ "arch_prctl: ARCH_SET_GS to the kernel half", -EPERM, .nr = __NR_arch_prctl,
	  .args = { ARCH_SET_GS, KHALF } },
	{ "arch_prctl: option with bit 32 set is ARCH_SET_FS (an int)", 0,
	  .nr = __NR_arch_prctl, .args = { HI32 | ARCH_SET_FS, DATA } },
	{ "arch_prctl: ARCH_GET_FS to NULL", -EFAULT, .nr = __NR_arch_prctl,
	  .args = { ARCH_GET_FS, 0 } },
	{ "arch_prctl: ARCH_GET_FS to a read-only page", -EFAULT, .nr = __NR_arch_prctl,
	  .args = { ARCH_GET_FS, RO } },
	{ "arch_prctl: option 0", -EINVAL, .nr = __NR_arch_prctl, .args = { 0, DATA } },
	{ "arch_prctl: ARCH_GET_CPUID", -EINVAL, "Linux: 1 (CPUID does not fault)",
	  .nr = __NR_arch_prctl, .args = { ARCH_GET_CPUID } },
	/* set_tid_address: the pointer is only remembered */
	{ "set_tid_address: NULL", 1, .nr = __NR_set_tid_address, .args = { 0 } },
	{ "set_tid_address: a kernel address (ignored at exit)", 1,
	  .nr = __NR_set_tid_address, .args = { KHALF } },
	/* strings in the read-only page (set up by the case): see STR_* */
	/* ksys_read/vfs_read: the fd, then access_ok (a console read would wait: no good buffer) */
	{ "read: fd 99", -EBADF, .nr = __NR_read, .args = { 99, DATA, 1 } },
	{ "read: the console into the kernel half", -EFAULT, .nr = __NR_read, .args = { 2, KHALF, 1 } },
	{ "read: fd 99 into the kernel half: the fd first", -EBADF, .nr = __NR_read,
	  .args = { 99, KHALF, 1 } },
	/* vfs_readv/vfs_writev and import_iovec */
	{ "readv: fd 99", -EBADF, .nr = __NR_readv, .args = { 99, DATA, 1 } },
	{ "readv: the array at NULL", -EFAULT, .nr = __NR_readv, .args = { 2, 0, 1 } },
	{ "readv: 1025 segments", -EINVAL, .nr = __NR_readv, .args = { 2, DATA, 1025 } },
	{ "writev: 0 segments", 0, .nr = __NR_writev, .args = { 1, DATA, 0 } },
	{ "writev: the array in the kernel half", -EFAULT, .nr = __NR_writev,
	  .args = { 1, KHALF, 1 } },
	/* ksys_pread64: the position before the fd; a tty cannot seek */
	{ "pread64: position -1", -EINVAL, .nr = __NR_pread64, .args = { 99, DATA, 1, -1UL } },
	{ "pread64: fd 99", -EBADF, .nr = __NR_pread64, .args = { 99, DATA, 1, 0 } },
	{ "pread64: the console", -ESPIPE, .nr = __NR_pread64, .args = { 2, DATA, 1, 0 } },
	/* ksys_lseek */
	{ "lseek: fd 99", -EBADF, .nr = __NR_lseek, .args = { 99, 0, SEEK_SET } },
	{ "lseek: whence 7", -EINVAL, .nr = __NR_lseek, .args = { 2, 0, 7 } },
	{ "lseek: the console", -ESPIPE, .nr = __NR_lseek, .args = { 2, 0, SEEK_SET } },
	/* do_sys_openat2: getname, then the fd, then the lookup */
	{ "open: NULL", -EFAULT, .nr = __NR_open, .args = { 0, O_RDONLY } },
	{ "open: the kernel half", -EFAULT, .nr = __NR_open, .args = { KHALF, O_RDONLY } },
	{ "open: \"\"", -ENOENT, .nr = __NR_open, .args = { STR_EMPTY, O_RDONLY } },
	{ "open: a missing file", -ENOENT, .nr = __NR_open, .args = { STR_MISSING, O_RDONLY } },
	{ "openat: relative to fd 99", -EBADF, .nr = __NR_openat,
	  .args = { 99, STR_RELATIVE, O_RDONLY } },
	{ "openat: relative to the console (not a directory)", -ENOTDIR, .nr = __NR_openat,
	  .args = { 2, STR_RELATIVE, O_RDONLY } },
	{ "openat: NULL name, bad dirfd: the name first", -EFAULT, .nr = __NR_openat,
	  .args = { 99, 0, O_RDONLY } },
	/* close_fd */
	{ "close: fd 99", -EBADF, .nr = __NR_close, .args = { 99 } },
	{ "close: fd -1", -EBADF, .nr = __NR_close, .args = { 0xffffffff } },
	/* vfs_fstat, vfs_fstatat */
	{ "fstat: fd 99", -EBADF, .nr = __NR_fstat, .args = { 99, DATA } },
	{ "fstat: the console", 0, .nr = __NR_fstat, .args = { 2, DATA } },
	{ "fstat: into NULL", -EFAULT, .nr = __NR_fstat, .args = { 2, 0 } },
	{ "fstat: into a read-only page", -EFAULT, .nr = __NR_fstat, .args = { 2, RO } },
	{ "newfstatat: flag 0x8000", -EINVAL, .nr = __NR_newfstatat,
	  .args = { AT_FDCWD_ARG, STR_MISSING, DATA, 0x8000 } },
	{ "newfstatat: NULL name", -EFAULT, .nr = __NR_newfstatat,
	  .args = { AT_FDCWD_ARG, 0, DATA, 0 } },
	{ "newfstatat: \"\" without AT_EMPTY_PATH", -ENOENT, .nr = __NR_newfstatat,
	  .args = { 2, STR_EMPTY, DATA, 0 } },
	{ "newfstatat: \"\" with AT_EMPTY_PATH is fstat", 0, .nr = __NR_newfstatat,
	  .args = { 2, STR_EMPTY, DATA, AT_EMPTY_PATH } },
	{ "newfstatat: \"\" with AT_EMPTY_PATH and a bad flag: the flags first", -EINVAL,
	  .nr = __NR_newfstatat, .args = { 2, STR_EMPTY, DATA, AT_EMPTY_PATH | 0x8000 } },
	{ "newfstatat: a missing file", -ENOENT, .nr = __NR_newfstatat,
	  .args = { AT_FDCWD_ARG, STR_MISSING, DATA, 0 } },
	/* do_faccessat: mode, then flags, then the name */
	{ "access: mode 8", -EINVAL, .nr = __NR_access, .args = { 0, 8 } },
	{ "access: NULL name", -EFAULT, .nr = __NR_access, .args = { 0, 0 } },
	{ "access: a missing file", -ENOENT, .nr = __NR_access, .args = { STR_MISSING, 0 } },
	{ "faccessat2: flag 1", -EINVAL, .nr = __NR_faccessat2,
	  .args = { 99, 0, 0, 1 } },
	{ "faccessat: relative to fd 99", -EBADF, .nr = __NR_faccessat,
	  .args = { 99, STR_RELATIVE, 0 } },
	{ "faccessat2: \"\" with AT_EMPTY_PATH is the fd", 0, .nr = __NR_faccessat2,
	  .args = { 2, STR_EMPTY, 0, AT_EMPTY_PATH } },
	/* getdents64: iterate_dir says -ENOTDIR before the buffer is used */
	{ "getdents64: fd 99", -EBADF, .nr = __NR_getdents64, .args = { 99, DATA, 100 } },
	{ "getdents64: the console", -ENOTDIR, .nr = __NR_getdents64, .args = { 2, 0, 100 } },
	/* do_vfs_ioctl, then the file's */
	{ "ioctl: fd 99", -EBADF, .nr = __NR_ioctl, .args = { 99, 0x5401, DATA } },
	{ "ioctl: unknown command on the console", -ENOTTY, .nr = __NR_ioctl,
	  .args = { 2, 0x1234, 0 } },
	{ "ioctl: TCGETS on the console", -ENOTTY, "Linux: 0 (a tty answers termios)",
	  .nr = __NR_ioctl, .args = { 2, 0x5401, DATA } },
	{ "ioctl: FIONBIO from NULL", -EFAULT, .nr = __NR_ioctl, .args = { 2, 0x5421, 0 } },
	/* ksys_dup, ksys_dup3, do_fcntl */
	{ "dup: fd 99", -EBADF, .nr = __NR_dup, .args = { 99 } },
	{ "dup2: from fd 99", -EBADF, .nr = __NR_dup2, .args = { 99, 5 } },
	{ "dup2: to itself", 2, .nr = __NR_dup2, .args = { 2, 2 } },
	{ "dup2: to fd -1", -EBADF, .nr = __NR_dup2, .args = { 2, 0xffffffff } },
	{ "dup3: to itself", -EINVAL, .nr = __NR_dup3, .args = { 2, 2, 0 } },
	{ "dup3: flag 1", -EINVAL, .nr = __NR_dup3, .args = { 2, 5, 1 } },
	{ "fcntl: fd 99", -EBADF, .nr = __NR_fcntl, .args = { 99, F_GETFD } },
	{ "fcntl: command 9999", -EINVAL, .nr = __NR_fcntl, .args = { 2, 9999 } },
	{ "fcntl: F_DUPFD from 2^20", -EINVAL, .nr = __NR_fcntl, .args = { 2, F_DUPFD, 1 << 20 } },
	{ "fcntl: F_GETFD", 0, .nr = __NR_fcntl, .args = { 2, F_GETFD } },
	/* chdir, fchdir, getcwd (the cwd is / here) */
	{ "chdir: NULL", -EFAULT, .nr = __NR_chdir, .args = { 0 } },
	{ "chdir: a missing directory", -ENOENT, .nr = __NR_chdir, .args = { STR_MISSING } },
	{ "fchdir: fd 99", -EBADF, .nr = __NR_fchdir, .args = { 99 } },
	{ "fchdir: the console", -ENOTDIR, .nr = __NR_fchdir, .args = { 2 } },
	{ "getcwd: \"/\" into 1 byte", -ERANGE, .nr = __NR_getcwd, .args = { DATA, 1 } },
	{ "getcwd: into NULL", -EFAULT, .nr = __NR_getcwd, .args = { 0, 2 } },
	{ "getcwd: \"/\"", 2, .nr = __NR_getcwd, .args = { DATA, 100 } },
	/* sys_mmap, ksys_mmap_pgoff, do_mmap; the others the mm's own tables check */
	{ "mmap: length 0", -EINVAL, .nr = __NR_mmap,
	  .args = { 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1UL, 0 } },
	{ "mmap: offset 1", -EINVAL, .nr = __NR_mmap,
	  .args = { 0, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1UL, 1 } },
	{ "mmap: a file mapping of fd 99", -EBADF, .nr = __NR_mmap,
	  .args = { 0, P, PROT_READ, MAP_PRIVATE, 99, 0 } },
	{ "mmap: the console (no mmap operation)", -ENODEV, .nr = __NR_mmap,
	  .args = { 0, P, PROT_READ, MAP_PRIVATE, 2, 0 } },
	{ "munmap: unaligned", -EINVAL, .nr = __NR_munmap, .args = { DATA + 1, P } },
	{ "munmap: length 0", -EINVAL, .nr = __NR_munmap, .args = { DATA, 0 } },
	{ "mprotect: prot 0x100", -EINVAL, .nr = __NR_mprotect, .args = { DATA, P, 0x100 } },
	{ "mprotect: nothing mapped", -ENOMEM, .nr = __NR_mprotect,
	  .args = { USER_UNMAPPED, P, PROT_READ } },
	{ "madvise: advice 999", -EINVAL, .nr = __NR_madvise, .args = { DATA, P, 999 } },
	{ "mremap: flag 8", -EINVAL, .nr = __NR_mremap, .args = { DATA, P, 2 * P, 8, 0 } },
	/* brk: the current break (0 here: no ELF loaded) when it cannot move */
	{ "brk: 0", 0, .nr = __NR_brk, .args = { 0 } },
	{ "brk: into mmap_min_addr", 0, .nr = __NR_brk, .args = { 1 } },
	{ "brk: -1", 0, .nr = __NR_brk, .args = { -1UL } },
	/* the clocks: the clock first, then the pointer */
	{ "clock_gettime: clock 42", -EINVAL, .nr = __NR_clock_gettime, .args = { 42, DATA } },
	{ "clock_gettime: clock 42, NULL", -EINVAL, .nr = __NR_clock_gettime, .args = { 42, 0 } },
	{ "clock_gettime: into NULL", -EFAULT, .nr = __NR_clock_gettime, .args = { 1, 0 } },
	{ "clock_gettime: into a read-only page", -EFAULT, .nr = __NR_clock_gettime,
	  .args = { 1, RO } },
	{ "clock_getres: NULL", 0, .nr = __NR_clock_getres, .args = { 1, 0 } },
	{ "gettimeofday: NULL, NULL", 0, .nr = __NR_gettimeofday, .args = { 0, 0 } },
	{ "gettimeofday: the kernel half", -EFAULT, .nr = __NR_gettimeofday, .args = { KHALF, 0 } },
	{ "time: the kernel half", -EFAULT, .nr = __NR_time, .args = { KHALF } },
	{ "nanosleep: NULL", -EFAULT, .nr = __NR_nanosleep, .args = { 0, 0 } },
	{ "nanosleep: 0 s (the data page is zero)", 0, .nr = __NR_nanosleep, .args = { DATA, 0 } },
	{ "nanosleep: tv_nsec -1 (the string page)", -EINVAL, .nr = __NR_nanosleep,
	  .args = { STR_NEG_TS } },
	{ "clock_nanosleep: clock 42", -EINVAL, .nr = __NR_clock_nanosleep,
	  .args = { 42, 0, DATA, 0 } },
	{ "clock_nanosleep: NULL", -EFAULT, .nr = __NR_clock_nanosleep, .args = { 1, 0, 0, 0 } },
	/* getrandom: the flags, then the buffer */
	{ "getrandom: flag 8", -EINVAL, .nr = __NR_getrandom, .args = { 0, 16, 8 } },
	{ "getrandom: GRND_RANDOM | GRND_INSECURE", -EINVAL, .nr = __NR_getrandom,
	  .args = { DATA, 16, 6 } },
	{ "getrandom: NULL", -EFAULT, .nr = __NR_getrandom, .args = { 0, 16, 0 } },
	{ "getrandom: 16 bytes", 16, .nr = __NR_getrandom, .args = { DATA, 16, 0 } },
	{ "getrandom: 100 bytes before a hole: the bytes copied", 100, .nr = __NR_getrandom,
	  .args = { HOLE_END, 200, 0 } },
	/* signals (kernel/signal.c, signal_64.c, itimer.c) and process groups (sys.c) */
	{ "rt_sigaction: sigsetsize 4", -EINVAL, .nr = __NR_rt_sigaction, .args = { 10, 0, 0, 4 } },
	{ "rt_sigaction: signal 0", -EINVAL, .nr = __NR_rt_sigaction, .args = { 0, 0, 0, 8 } },
	{ "rt_sigaction: signal 65", -EINVAL, .nr = __NR_rt_sigaction, .args = { 65, 0, 0, 8 } },
	{ "rt_sigaction: SIGKILL with an action", -EINVAL, .nr = __NR_rt_sigaction,
	  .args = { 9, DATA, 0, 8 } },
	{ "rt_sigaction: SIGSTOP with an action", -EINVAL, .nr = __NR_rt_sigaction,
	  .args = { 19, DATA, 0, 8 } },
	{ "rt_sigaction: act in the kernel half", -EFAULT, .nr = __NR_rt_sigaction,
	  .args = { 10, KHALF, 0, 8 } },
	{ "rt_sigaction: oact in the kernel half", -EFAULT, .nr = __NR_rt_sigaction,
	  .args = { 10, 0, KHALF, 8 } },
	{ "rt_sigaction: SIGKILL, only reading", 0, .nr = __NR_rt_sigaction, .args = { 9, 0, DATA, 8 } },
	{ "rt_sigpending: sigsetsize 16", -EINVAL, .nr = __NR_rt_sigpending, .args = { DATA, 16 } },
	{ "rt_sigpending: the kernel half", -EFAULT, .nr = __NR_rt_sigpending, .args = { KHALF, 8 } },
	{ "kill: signal 65", -EINVAL, .nr = __NR_kill, .args = { 1, 65 } },
	{ "kill: signal -1", -EINVAL, .nr = __NR_kill, .args = { 1, -1UL } },
	{ "kill: no such process", -ESRCH, .nr = __NR_kill, .args = { 99999, 0 } },
	{ "kill: pid INT_MIN", -ESRCH, .nr = __NR_kill, .args = { 0x80000000, 0 } },
	{ "kill: a group with no process", -ESRCH, .nr = __NR_kill, .args = { -99999UL, 0 } },
	{ "tkill: tid 0", -EINVAL, .nr = __NR_tkill, .args = { 0, 0 } },
	{ "tkill: no such thread", -ESRCH, .nr = __NR_tkill, .args = { 99999, 0 } },
	{ "tgkill: tgid -1", -EINVAL, .nr = __NR_tgkill, .args = { -1UL, 1, 0 } },
	{ "tgkill: signal 100", -EINVAL, .nr = __NR_tgkill, .args = { 1, 1, 100 } },
	{ "setitimer: ITIMER_VIRTUAL", -EINVAL, "only ITIMER_REAL is modelled",
	  .nr = __NR_setitimer, .args = { 1, 0, 0 } },
	{ "setitimer: new value in the kernel half", -EFAULT, .nr = __NR_setitimer,
	  .args = { 0, KHALF, 0 } },
	{ "getitimer: which 5", -EINVAL, .nr = __NR_getitimer, .args = { 5, DATA } },
	{ "getitimer: the kernel half", -EFAULT, .nr = __NR_getitimer, .args = { 0, KHALF } },
	{ "setpgid: pgid -1", -EINVAL, .nr = __NR_setpgid, .args = { 0, -1UL } },
	{ "setpgid: not my child", -ESRCH, .nr = __NR_setpgid, .args = { 99999, 0 } },
	{ "getpgid: no such process", -ESRCH, .nr = __NR_getpgid, .args = { 99999 } },
	{ "getsid: no such process", -ESRCH, .nr = __NR_getsid, .args = { 99999 } },
	/* processes (kernel/fork.c, exec.c, exit.c): Linux's checks, in its order */
	{ "wait4: no children", -ECHILD, .nr = __NR_wait4, .args = { -1UL, DATA, 0, 0 } },
	{ "wait4: WNOHANG, no children", -ECHILD, .nr = __NR_wait4, .args = { -1UL, 0, 1, 0 } },
	{ "wait4: option 0x100", -EINVAL, .nr = __NR_wait4, .args = { -1UL, DATA, 0x100, 0 } },
	{ "wait4: the options before the children", -EINVAL, .nr = __NR_wait4,
	  .args = { 99999, KHALF, 0x100, KHALF } },
	{ "wait4: pid INT_MIN", -ESRCH, .nr = __NR_wait4, .args = { 0x80000000, 0, 0, 0 } },
	{ "wait4: pid 0 (my group), status into the kernel: no child first", -ECHILD,
	  .nr = __NR_wait4, .args = { 0, KHALF, 0, 0 } },
	{ "clone: CLONE_THREAD without CLONE_SIGHAND", -EINVAL, .nr = __NR_clone,
	  .args = { 0x10100 } },
	{ "clone: CLONE_SIGHAND without CLONE_VM", -EINVAL, .nr = __NR_clone,
	  .args = { 0x800 | 17 } },
	{ "clone: CLONE_SIGHAND without CLONE_THREAD", -ENOSYS,
	  "processes that share handlers are not modelled (Linux makes one)", .nr = __NR_clone,
	  .args = { 0x900 | 17 } },
	{ "futex: a misaligned word", -EINVAL, .nr = __NR_futex, .args = { DATA + 1, 0, 0, 0 } },
	{ "futex: WAIT, the word in the kernel half", -EFAULT, .nr = __NR_futex,
	  .args = { KHALF, 0x80, 0, 0 } },
	{ "futex: WAIT, the word is not val", -EAGAIN, .nr = __NR_futex, .args = { DATA, 0x80, 1, 0 } },
	{ "futex: WAIT, timeout tv_nsec -1 (the string page)", -EINVAL, .nr = __NR_futex,
	  .args = { DATA, 0x80, 0, STR_NEG_TS } },
	{ "futex: WAKE, nobody waits", 0, .nr = __NR_futex, .args = { DATA, 0x81, 1, 0 } },
	{ "futex: WAIT_BITSET, bitset 0", -EINVAL, .nr = __NR_futex,
	  .args = { DATA, 0x89, 0, 0, 0, 0 } },
	{ "futex: op 99", -ENOSYS, .nr = __NR_futex, .args = { DATA, 99, 0, 0 } },
	{ "futex: FUTEX_CLOCK_REALTIME with WAKE", -ENOSYS, .nr = __NR_futex,
	  .args = { DATA, 0x101, 0, 0 } },
	{ "clone: CLONE_PIDFD and CLONE_PARENT_SETTID share parent_tid", -EINVAL,
	  .nr = __NR_clone, .args = { 0x1000 | 0x100000 | 17 } },
	{ "execve: NULL name", -EFAULT, .nr = __NR_execve, .args = { 0, 0, 0 } },
	{ "execve: name in the kernel half", -EFAULT, .nr = __NR_execve, .args = { KHALF, 0, 0 } },
	{ "execve: \"\" (the data page is zero)", -ENOENT, .nr = __NR_execve,
	  .args = { DATA, 0, 0 } },
	{ "execve: argv in the kernel half", -EFAULT, .nr = __NR_execve,
	  .args = { STR_MISSING, KHALF, 0 } },
	{ "pipe2: flag O_DIRECT", -EINVAL, "packet-mode pipes are not implemented",
	  .nr = __NR_pipe2, .args = { DATA, 040000 } },
	{ "pipe2: flag 1", -EINVAL, .nr = __NR_pipe2, .args = { DATA, 1 } },
	{ "pipe2: NULL", -EFAULT, .nr = __NR_pipe2, .args = { 0, 0 } },
	{ "pipe2: into a read-only page", -EFAULT, .nr = __NR_pipe2, .args = { RO, 0 } },
	{ "pipe: into the kernel half", -EFAULT, .nr = __NR_pipe, .args = { KHALF } },
	{ "rt_sigprocmask: sigsetsize 4", -EINVAL, .nr = __NR_rt_sigprocmask,
	  .args = { 0, DATA, 0, 4 } },
	{ "rt_sigprocmask: how 3", -EINVAL, .nr = __NR_rt_sigprocmask, .args = { 3, DATA, 0, 8 } },
	{ "rt_sigprocmask: how 3 without a set: fine", 0, .nr = __NR_rt_sigprocmask,
	  .args = { 3, 0, 0, 8 } },
	{ "rt_sigprocmask: set NULL, old into the kernel", -EFAULT, .nr = __NR_rt_sigprocmask,
	  .args = { 0, 0, KHALF, 8 } },
	{ "chmod: NULL", -EFAULT, .nr = __NR_chmod, .args = { 0, 0644 } },
	{ "chmod: \"\"", -ENOENT, .nr = __NR_chmod, .args = { DATA, 0644 } },
};

/* Runs row r in ring 3: its result, and the program must exit normally. */
static long run_row(struct kunit *test, const struct syscall_row *r)
{
	unsigned long __user *row = (unsigned long __user *)(USER_DATA + ROW_NR);
	int status;

	map_prog(test, user_syscall_row, user_syscall_row_end, PROT_READ | PROT_WRITE);
	KUNIT_ASSERT_EQ(test, put_user(r->nr, row), 0);
	KUNIT_ASSERT_EQ(test, copy_to_user(row + 1, r->args, sizeof(r->args)), 0);
	status = run_user_thread(USER_CODE, USER_STACK_TOP);
	if (status != 0)
		KUNIT_FAIL(test, "%s: the program ended with wait status %d", r->label, status);
	return data_at(test, ROW_RET);
}

static void syscall_rows_get_linux_errnos(struct kunit *test)
{
	unsigned int notes = 0;

	map_fixed(test, RO, P, PROT_READ | PROT_WRITE);
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)STR_MISSING, "/nonexistent", 13), 0);
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)STR_RELATIVE, "null", 5), 0);
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)STR_NEG_TS + 8, &(long){ -1 }, 8), 0);
	KUNIT_ASSERT_EQ(test, do_mprotect(vm_case_mm(test), RO, P, PROT_READ), 0);
	for (const struct syscall_row *r = rows; r < rows + ARRAY_SIZE(rows); r++) {
		long got = run_row(test, r);

		notes += r->note != NULL;
		if (got != r->expect)
			KUNIT_FAIL(test, "%s: got %ld, expected %ld%s%s", r->label, got, r->expect,
				   r->note ? ", mmlab's documented difference: " : " (Linux 6.19)",
				   r->note ? r->note : "");
	}
	kunit_info(test, "%zu rows, %u of them documented differences\n", ARRAY_SIZE(rows),
		   notes);
}

static struct kunit_case user_syscall_input_cases[] = {
	KUNIT_CASE(syscall_rows_get_linux_errnos),
	{}
};

static struct kunit_suite user_syscall_input_suite = {
	.name = "user_syscall_input",
	.init = user_case_init,
	.exit = user_case_exit,
	.test_cases = user_syscall_input_cases,
};
kunit_test_suite(user_syscall_input_suite);
