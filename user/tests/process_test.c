/*
 * user/tests/process_test.c - processes from user space: vfork, clone,
 * posix_spawn, execve, exit, wait4 and pipes, with good and hostile
 * arguments, as TAP (user/tests/tap.h).
 *
 * The program is also its own child: "process_test exit N" exits with N,
 * "segv" dies of SIGSEGV, "spin MS" runs MS milliseconds in user mode,
 * "fdclosed N" exits 0 if fd N is not open, "write FD TEXT" writes TEXT to
 * fd FD.  Every expected value is Linux 6.19's, except where mmlab says it
 * differs (docs/userspace.md): fork is -ENOSYS until the next issue.  Run
 * by the KUnit suite user_programs as a real process.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

#define KADDR		0xffff888000000000UL	/* a kernel address */
#define CLONE_VM	0x00000100
#define CLONE_SIGHAND	0x00000800
#define CLONE_FILES	0x00000400
#define CLONE_VFORK	0x00004000
#define CLONE_SETTLS	0x00080000
#define CLONE_THREAD	0x00010000

extern char **environ;
static const char *SELF = "/bin/process_test";	/* or argv[0], if a path */

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static volatile int *volatile nowhere = (volatile int *)8;	/* an unmapped address */

/* The child roles; the return value is the exit status. */
static int child_main(int argc, char **argv)
{
	if (!strcmp(argv[1], "exit") && argc > 2)
		return atoi(argv[2]);
	if (!strcmp(argv[1], "segv"))
		*nowhere = 1;
	if (!strcmp(argv[1], "spin") && argc > 2) {
		long end = now_ms() + atoi(argv[2]);

		while (now_ms() < end)
			;
		return 0;
	}
	if (!strcmp(argv[1], "fdclosed") && argc > 2)
		return fcntl(atoi(argv[2]), F_GETFD) == -1 && errno == EBADF ? 0 : 1;
	if (!strcmp(argv[1], "write") && argc > 3)
		return write(atoi(argv[2]), argv[3], strlen(argv[3])) == (ssize_t)strlen(argv[3]) ? 0 : 1;
	return 99;
}

/* Starts SELF with the given role; its pid, or -errno. */
static long spawn(const char *a1, const char *a2, const char *a3)
{
	char *argv[] = { "process_test", (char *)a1, (char *)a2, (char *)a3, NULL };
	pid_t pid;
	int err = posix_spawn(&pid, SELF, NULL, NULL, argv, environ);

	return err ? -err : pid;
}

/* Spawns and waits: the wait status, or -1. */
static int spawn_wait(const char *a1, const char *a2)
{
	long pid = spawn(a1, a2, NULL);
	int status = -1;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int shared_with_vfork_child;

static void test_vfork(void)
{
	int status = -1;
	pid_t pid = vfork();

	if (pid == 0) {
		shared_with_vfork_child = 42;	/* the parent's memory: vfork shares it */
		_exit(7);
	}
	TRUE("vfork returns the child's pid in the parent", pid > 0);
	TRUE("the vfork child wrote the parent's memory", shared_with_vfork_child == 42);
	EXPECT("wait4 reaps the vfork child", waitpid(pid, &status, 0), pid);
	TRUE("its status: exited with 7", WIFEXITED(status) && WEXITSTATUS(status) == 7);
	EXPECT("wait4 again: ECHILD", SC(SYS_wait4, pid, &status, 0, 0), -ECHILD);
}

static void test_spawn_and_status(void)
{
	int status = spawn_wait("exit", "42");

	TRUE("posix_spawn + execve + exit(42): WEXITSTATUS 42",
	     WIFEXITED(status) && WEXITSTATUS(status) == 42);
	status = spawn_wait("exit", "259");
	TRUE("exit(259) is seen as 3 (status & 0xff)", WIFEXITED(status) && WEXITSTATUS(status) == 3);
	status = spawn_wait("segv", NULL);
	TRUE("a write to address 8: WIFSIGNALED, SIGSEGV",
	     WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	EXPECT("posix_spawn of a missing file: ENOENT",
	       posix_spawn(&(pid_t){0}, "/bin/no_such_program", NULL, NULL,
			   (char *[]){ "x", NULL }, environ), ENOENT);
	EXPECT("posix_spawn of a directory: EACCES",
	       posix_spawn(&(pid_t){0}, "/bin", NULL, NULL, (char *[]){ "x", NULL }, environ),
	       EACCES);
}

static void test_wait4_errors(void)
{
	struct rusage ru;
	int status;
	long pid;

	EXPECT("wait4 with no children: ECHILD", SC(SYS_wait4, -1, &status, 0, 0), -ECHILD);
	EXPECT("wait4 WNOHANG with no children: ECHILD", SC(SYS_wait4, -1, &status, WNOHANG, 0),
	       -ECHILD);
	EXPECT("wait4 unknown option 0x100: EINVAL", SC(SYS_wait4, -1, &status, 0x100, 0), -EINVAL);
	EXPECT("wait4 pid INT_MIN: ESRCH", SC(SYS_wait4, (int)0x80000000, &status, 0, 0), -ESRCH);
	EXPECT("wait4 for pid 99999, not a child: ECHILD", SC(SYS_wait4, 99999, &status, 0, 0),
	       -ECHILD);
	pid = spawn("spin", "150", NULL);
	TRUE("spawned a spinning child", pid > 0);
	EXPECT("WNOHANG while it runs: 0", SC(SYS_wait4, pid, &status, WNOHANG, 0), 0);
	EXPECT("wait4 waits for it", SC(SYS_wait4, pid, &status, 0, &ru), pid);
	TRUE("it exited with 0", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	TRUE("rusage: it ran in user mode for some time",
	     ru.ru_utime.tv_sec > 0 || ru.ru_utime.tv_usec > 0);
	pid = spawn("exit", "5", NULL);
	EXPECT("wait4 status into the kernel: EFAULT", SC(SYS_wait4, pid, KADDR, 0, 0), -EFAULT);
	EXPECT("... and the child was reaped anyway", SC(SYS_wait4, pid, 0, 0, 0), -ECHILD);
	pid = spawn("exit", "6", NULL);
	EXPECT("wait4 rusage into the kernel: EFAULT", SC(SYS_wait4, pid, &status, 0, KADDR), -EFAULT);
	EXPECT("wait4 pid 0 (my process group): ECHILD once reaped", SC(SYS_wait4, 0, 0, WNOHANG, 0),
	       -ECHILD);
}

static void test_execve_errors(void)
{
	char *argv[] = { "x", NULL }, *bad_argv[] = { "x", (char *)KADDR, NULL };
	char *big_argv[] = { NULL, NULL };
	int fd = open("/tmp/not_elf", O_CREAT | O_WRONLY | O_TRUNC, 0755);
	char *big = malloc(32 * 4096 + 1);

	EXPECT("execve a missing file: ENOENT", SC(SYS_execve, "/bin/none", argv, environ), -ENOENT);
	EXPECT("execve \"\": ENOENT", SC(SYS_execve, "", argv, environ), -ENOENT);
	EXPECT("execve a directory: EACCES", SC(SYS_execve, "/tmp", argv, environ), -EACCES);
	EXPECT("execve a character device: EACCES", SC(SYS_execve, "/dev/null", argv, environ),
	       -EACCES);
	TRUE("made /tmp/not_elf, mode 0755", fd >= 0 && write(fd, "not an elf\n", 11) == 11);
	close(fd);
	EXPECT("execve a file that is no ELF: ENOEXEC",
	       SC(SYS_execve, "/tmp/not_elf", argv, environ), -ENOEXEC);
	chmod("/tmp/not_elf", 0644);
	EXPECT("execve a file without x bits: EACCES",
	       SC(SYS_execve, "/tmp/not_elf", argv, environ), -EACCES);
	unlink("/tmp/not_elf");
	EXPECT("execve name in the kernel: EFAULT", SC(SYS_execve, KADDR, argv, environ), -EFAULT);
	EXPECT("execve argv in the kernel: EFAULT", SC(SYS_execve, SELF, KADDR, environ), -EFAULT);
	EXPECT("execve an argv string in the kernel: EFAULT",
	       SC(SYS_execve, SELF, bad_argv, environ), -EFAULT);
	EXPECT("execve envp in the kernel: EFAULT", SC(SYS_execve, SELF, argv, KADDR), -EFAULT);
	if (big) {
		memset(big, 'a', 32 * 4096);
		big[32 * 4096] = 0;
		big_argv[0] = big;
		EXPECT("execve an argument of 128 KiB: E2BIG",
		       SC(SYS_execve, SELF, big_argv, environ), -E2BIG);
		free(big);
	}
}

/* Writes /tmp/NAME: the first len bytes of SELF (all if len < 0), byte 18 (e_machine) = m if m. */
static int copy_self(const char *name, long len, int m)
{
	static char buf[1 << 20];
	int in = open(SELF, O_RDONLY), out = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0755);
	long n = in >= 0 ? read(in, buf, sizeof(buf)) : -1;

	if (n <= 0 || out < 0)
		return -1;
	if (len >= 0 && len < n)
		n = len;
	if (m)
		buf[18] = m;
	n = write(out, buf, n) == n ? 0 : -1;
	close(in);
	close(out);
	return n;
}

/* ELF loader errors from user space: a truncated program, another machine's. */
static void test_execve_elf_errors(void)
{
	char *argv[] = { "x", NULL };

	TRUE("a copy of the first 64 bytes (the ELF header only)", !copy_self("/tmp/trunc", 64, 0));
	EXPECT("execve a truncated program: ENOEXEC",
	       SC(SYS_execve, "/tmp/trunc", argv, environ), -ENOEXEC);
	unlink("/tmp/trunc");
	TRUE("a copy with e_machine 3 (i386)", !copy_self("/tmp/i386", -1, 3));
	EXPECT("execve another machine's program: ENOEXEC",
	       SC(SYS_execve, "/tmp/i386", argv, environ), -ENOEXEC);
	unlink("/tmp/i386");
	TRUE("a whole copy", !copy_self("/tmp/copy", -1, 0));
	{
		pid_t pid = 0;
		int status = -1;
		char *cargv[] = { "copy", "exit", "9", NULL };

		EXPECT("posix_spawn the copy", posix_spawn(&pid, "/tmp/copy", NULL, NULL, cargv, environ),
		       0);
		EXPECT("it runs: exit 9", waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
		       WEXITSTATUS(status) : -1, 9);
	}
	unlink("/tmp/copy");
}

/* An exec in a child that shares the fd table must not close the parent's O_CLOEXEC fds. */
static void test_exec_unshares_files(void)
{
	char *argv[] = { "process_test", "exit", "0", NULL };
	int p[2], status = -1;
	long pid;

	EXPECT("pipe2 O_CLOEXEC", SC(SYS_pipe2, p, O_CLOEXEC), 0);
	/* vfork's rules: the child runs on our stack and only execs or exits */
	pid = raw_syscall(SYS_clone, CLONE_VM | CLONE_VFORK | CLONE_FILES | SIGCHLD, 0, 0, 0, 0, 0);
	if (pid == 0) {
		raw_syscall(SYS_execve, (long)SELF, (long)argv, (long)environ, 0, 0, 0);
		raw_syscall(SYS_exit, 99, 0, 0, 0, 0, 0);
	}
	TRUE("clone(CLONE_VM | CLONE_VFORK | CLONE_FILES) made a child", pid > 0);
	EXPECT("its exec left our O_CLOEXEC fd open (Linux: unshare_files)",
	       SC(SYS_fcntl, p[0], F_GETFD), FD_CLOEXEC);
	EXPECT("and it ran: exit 0", waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
	       WEXITSTATUS(status) : -1, 0);
	close(p[0]);
	close(p[1]);
}

static void test_clone_flags(void)
{
	long pid;
	int status;

	EXPECT("clone CLONE_THREAD without CLONE_SIGHAND: EINVAL",
	       SC(SYS_clone, CLONE_VM | CLONE_THREAD, 0, 0, 0, 0), -EINVAL);
	EXPECT("clone CLONE_SIGHAND without CLONE_VM: EINVAL",
	       SC(SYS_clone, CLONE_SIGHAND | SIGCHLD, 0, 0, 0, 0), -EINVAL);
	EXPECT("clone CLONE_SETTLS with a kernel address: EPERM",
	       SC(SYS_clone, CLONE_VM | CLONE_VFORK | CLONE_SETTLS | SIGCHLD, 0, 0, 0, KADDR), -EPERM);
	EXPECT("clone CLONE_SETTLS non-canonical: EPERM",
	       SC(SYS_clone, CLONE_VM | CLONE_VFORK | CLONE_SETTLS | SIGCHLD, 0, 0, 0,
		  0x8000000000000000UL), -EPERM);
	pid = SC(SYS_clone, SIGCHLD, 0, 0, 0, 0);	/* fork, as clone without CLONE_VM */
	if (pid == 0)
		_exit(3);
	EXPECT("clone without CLONE_VM forks: the child's exit status",
	       pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) ?
	       WEXITSTATUS(status) : -1, 3);
}

static void test_pipes_and_cloexec(void)
{
	sigset_t pipe_sig;
	int p[2] = { -1, -1 }, status;
	char buf[16] = "";

	EXPECT("pipe2 O_CLOEXEC", SC(SYS_pipe2, p, O_CLOEXEC), 0);
	TRUE("two new fds", p[0] >= 3 && p[1] >= 3 && p[0] != p[1]);
	snprintf(buf, sizeof(buf), "%d", p[1]);
	status = spawn_wait("fdclosed", buf);
	TRUE("an O_CLOEXEC fd is closed in the exec'd child",
	     WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT("write 5 bytes into the pipe", write(p[1], "hello", 5), 5);
	EXPECT("read them from the other end", read(p[0], buf, sizeof(buf)), 5);
	TRUE("the same bytes", !memcmp(buf, "hello", 5));
	EXPECT("lseek on a pipe: ESPIPE", SC(SYS_lseek, p[0], 0, SEEK_SET), -ESPIPE);
	EXPECT("write to the read end: EBADF", SC(SYS_write, p[0], "x", 1), -EBADF);
	close(p[1]);
	EXPECT("read with no writer left: 0 (end of file)", read(p[0], buf, 1), 0);
	close(p[0]);
	EXPECT("pipe2 unknown flag: EINVAL", SC(SYS_pipe2, p, 0x1), -EINVAL);
	EXPECT("pipe2 into the kernel: EFAULT", SC(SYS_pipe2, KADDR, 0), -EFAULT);
	sigemptyset(&pipe_sig);
	sigaddset(&pipe_sig, SIGPIPE);	/* Linux kills a writer to a readerless pipe unless blocked */
	sigprocmask(SIG_BLOCK, &pipe_sig, NULL);
	EXPECT("pipe2 O_NONBLOCK", SC(SYS_pipe2, p, O_NONBLOCK), 0);
	EXPECT("read an empty O_NONBLOCK pipe: EAGAIN", SC(SYS_read, p[0], buf, 1), -EAGAIN);
	close(p[0]);
	EXPECT("write with no reader left: EPIPE", SC(SYS_write, p[1], "x", 1), -EPIPE);
	close(p[1]);
	/* A child writes into a pipe its parent reads: the shell's `|`. */
	EXPECT("pipe for a child", SC(SYS_pipe, p), 0);
	snprintf(buf, sizeof(buf), "%d", p[1]);
	{
		long pid = spawn("write", buf, "from the child");
		char got[32] = "";

		close(p[1]);
		EXPECT("read what the child wrote", read(p[0], got, sizeof(got)), 14);
		TRUE("its bytes", !memcmp(got, "from the child", 14));
		EXPECT("then end of file", read(p[0], got, 1), 0);
		EXPECT("and the child exits 0", waitpid(pid, &status, 0), pid);
		close(p[0]);
	}
}

static void test_ids_and_sigmask(void)
{
	sigset_t set, old;

	TRUE("getpid > 0", getpid() > 0);
	TRUE("getppid differs from getpid", getppid() != getpid());
	EXPECT("gettid == getpid (one thread)", SC(SYS_gettid, 0), getpid());
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGKILL);
	EXPECT("rt_sigprocmask SIG_BLOCK", SC(SYS_rt_sigprocmask, SIG_BLOCK, &set, 0, 8), 0);
	EXPECT("rt_sigprocmask reads the mask", SC(SYS_rt_sigprocmask, SIG_BLOCK, 0, &old, 8), 0);
	TRUE("SIGUSR1 blocked, SIGKILL never", sigismember(&old, SIGUSR1) && !sigismember(&old, SIGKILL));
	EXPECT("rt_sigprocmask sigsetsize 4: EINVAL", SC(SYS_rt_sigprocmask, SIG_BLOCK, &set, 0, 4),
	       -EINVAL);
	EXPECT("rt_sigprocmask how 7: EINVAL", SC(SYS_rt_sigprocmask, 7, &set, 0, 8), -EINVAL);
	EXPECT("rt_sigprocmask set in the kernel: EFAULT",
	       SC(SYS_rt_sigprocmask, SIG_BLOCK, KADDR, 0, 8), -EFAULT);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	EXPECT("rt_sigprocmask SIG_BLOCK, old mask into the kernel: EFAULT",
	       SC(SYS_rt_sigprocmask, SIG_BLOCK, &set, KADDR, 8), -EFAULT);
	EXPECT("... the new mask was applied all the same (Linux's order)",
	       SC(SYS_rt_sigprocmask, SIG_BLOCK, 0, &old, 8), 0);
	TRUE("SIGUSR2 blocked", sigismember(&old, SIGUSR2));
	sigaddset(&set, SIGUSR1);
	EXPECT("rt_sigprocmask SIG_UNBLOCK", SC(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, 0, 8), 0);
	EXPECT("rt_sigprocmask: the old mask", SC(SYS_rt_sigprocmask, SIG_BLOCK, 0, &old, 8), 0);
	TRUE("SIGUSR1 unblocked", !sigismember(&old, SIGUSR1));
}

int main(int argc, char **argv)
{
	if (strchr(argv[0], '/'))
		SELF = argv[0];
	if (argc > 1)
		return child_main(argc, argv);
	raw_syscall(SYS_write, 1, (long)"TAP version 13\n", 15, 0, 0, 0);
	test_ids_and_sigmask();
	test_vfork();
	test_spawn_and_status();
	test_wait4_errors();
	test_execve_errors();
	test_execve_elf_errors();
	test_clone_flags();
	test_exec_unshares_files();
	test_pipes_and_cloexec();
	return tap_finish("process_test");
}
