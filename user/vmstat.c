/*
 * user/vmstat.c - vmstat [CMD ARG...]: what a command did to the kernel's
 * event counters.  Snapshots /proc/vmstat, runs CMD (posix_spawnp, then
 * waitpid), snapshots again and prints "name delta" for every counter that
 * changed, e.g. "thp_fault_alloc +2" after a program touched two THPs.
 * Without CMD it prints /proc/vmstat as it is.  On Linux the deltas also
 * hold what the rest of the system did meanwhile; on mmlab only CMD runs.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "progs.h"

extern char **environ;

static struct vmstat_snap before, after;	/* 2 x 28 KiB: not on the stack */

int main(int argc, char *argv[])
{
	pid_t pid;
	int err, ws;

	if (argc < 2) {
		char *text = read_file("/proc/vmstat");

		if (!text) {
			perror("vmstat: /proc/vmstat");
			return 1;
		}
		fputs(text, stdout);
		return 0;
	}
	if (vmstat_read(&before)) {
		perror("vmstat: /proc/vmstat");
		return 1;
	}
	/* posix_spawnp searches $PATH (musl's default includes /bin) */
	err = posix_spawnp(&pid, argv[1], NULL, NULL, argv + 1, environ);
	if (err) {
		fprintf(stderr, "vmstat: %s: %s\n", argv[1], strerror(err));
		return 127;
	}
	if (waitpid(pid, &ws, 0) < 0) {
		fprintf(stderr, "vmstat: wait: %s\n", strerror(errno));
		return 127;
	}
	vmstat_read(&after);
	fflush(stdout);		/* the command's output came first; ours follows */
	printf("vmstat: %s %s %d; counters that changed:\n", argv[1],
	       WIFSIGNALED(ws) ? "killed by signal" : "exited with status",
	       WIFSIGNALED(ws) ? WTERMSIG(ws) : WEXITSTATUS(ws));
	if (!vmstat_print_delta(&before, &after, ""))
		printf("(none)\n");
	return WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : WEXITSTATUS(ws);
}
