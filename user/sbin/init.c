/*
 * user/sbin/init.c - process 1: starts the shell on the console and
 * reaps every orphan until the shell exits.
 *
 * The kernel starts it with fds 0, 1, 2 on /dev/console and HOME and TERM
 * in its environment (Linux's init/main.c does the same).  It adds PATH,
 * starts /bin/sh with posix_spawn (musl: clone(CLONE_VM|CLONE_VFORK) and
 * execve; mmlab has no fork yet) and waits.  Orphaned processes are given
 * to process 1, so wait4(-1) also collects them.  When the shell exits,
 * init exits with the shell's status: mmlab prints "init exited with
 * status N" and QEMU exits (Linux would panic instead), so typing `exit 3`
 * ends a `make run` session with status 3.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	char *sh_argv[] = { "sh", NULL };
	const char *shell = argc > 1 ? argv[1] : "/bin/sh";
	int status, err;
	pid_t sh, pid;

	setenv("PATH", "/bin:/sbin", 0);
	err = posix_spawn(&sh, shell, NULL, NULL, sh_argv, environ);
	if (err) {
		fprintf(stderr, "init: cannot start %s: %s\n", shell, strerror(err));
		return 1;
	}
	for (;;) {
		pid = waitpid(-1, &status, 0);
		if (pid < 0 && errno == ECHILD)
			return 1;	/* the shell is gone and was not seen: cannot happen */
		if (pid == sh)
			break;
	}
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "init: %s killed by signal %d\n", shell, WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}
