/*
 * user/runtests.c - runs the TAP test programs in /bin, one after the
 * other, with their output on this terminal.
 *
 * `runtests` runs every program in /bin whose name ends in _test (the
 * EXTRA_BINS ones too);
 * `runtests prog ...` runs those.  Before each it prints "# runtests: run
 * PATH", after it "# runtests: PATH exited with status N" (or "killed by
 * signal N"), at the end a count; its exit status is 0 only if every
 * program exited 0.  `make test` boots mmlab with init=/bin/runtests and
 * counts every "ok"/"not ok" line (scripts/user_tests.py); from the shell
 * it is a quick way to run them all.  It runs on Linux too.
 */
#include <dirent.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Runs path; 0 if it exited 0. */
static int run_one(const char *path)
{
	char *argv[] = { (char *)path, NULL };
	int status, err;
	pid_t pid;

	printf("# runtests: run %s\n", path);
	fflush(stdout);
	err = posix_spawn(&pid, path, NULL, NULL, argv, environ);
	if (err) {
		printf("# runtests: %s: cannot start: %s\n", path, strerror(err));
		return 1;
	}
	if (waitpid(pid, &status, 0) != pid) {
		printf("# runtests: %s: waitpid failed\n", path);
		return 1;
	}
	if (WIFSIGNALED(status))
		printf("# runtests: %s killed by signal %d\n", path, WTERMSIG(status));
	else
		printf("# runtests: %s exited with status %d\n", path, WEXITSTATUS(status));
	fflush(stdout);
	return status != 0;
}

static int is_test(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && !strcmp(name + n - 5, "_test");
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv)
{
	struct dirent **names;
	int n, failed = 0, ran = 0;
	char path[300];

	for (int i = 1; i < argc; i++, ran++)
		failed += run_one(argv[i]);
	if (argc == 1) {
		n = scandir("/bin", &names, NULL, by_name);
		for (int i = 0; i < n; i++) {
			if (is_test(names[i]->d_name)) {
				snprintf(path, sizeof(path), "/bin/%s", names[i]->d_name);
				failed += run_one(path);
				ran++;
			}
			free(names[i]);
		}
		if (n > 0)
			free(names);
	}
	printf("# runtests: %d programs, %d failed\n", ran, failed);
	return failed ? 1 : 0;
}
