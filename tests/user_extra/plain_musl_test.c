/*
 * tests/user_extra/plain_musl_test.c - an ordinary Linux C program, built
 * outside user/'s rules with nothing but `musl-gcc -static
 * plain_musl_test.c` (the Makefile's test target does exactly that) and
 * handed to the initramfs through EXTRA_BINS, as a student's own program
 * would be.  It uses libc only - stdio, malloc, files, mmap, time, uname,
 * posix_spawn - and prints TAP, so `make test` counts its results (its
 * name ends in _test: /bin/runtests runs it).  It passes on Linux too.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static int n, failed;

static void check(int ok, const char *what)
{
	printf("%s %d - %s\n", ok ? "ok" : "not ok", ++n, what);
	failed += !ok;
}

int main(int argc, char **argv)
{
	char buf[64] = "", *big = malloc(8 << 20);
	struct utsname u;
	struct timespec t0, t1;
	struct stat st;
	FILE *f;
	int status = -1;
	pid_t pid;

	if (argc > 1)
		return atoi(argv[1]);		/* the child of the posix_spawn check */
	setvbuf(stdout, NULL, _IONBF, 0);	/* line by line, even into a pipe */
	printf("TAP version 13\n");
	check(uname(&u) == 0 && !strcmp(u.machine, "x86_64"), "uname: x86_64");
	check(getpid() > 0, "getpid");
	check(big != NULL, "malloc 8 MiB (mmap underneath)");
	if (big) {
		memset(big, 0x5a, 8 << 20);
		check(big[0] == 0x5a && big[(8 << 20) - 1] == 0x5a, "touch all of it");
		free(big);
	}
	f = fopen("/tmp/plain_musl_test.txt", "w");
	check(f && fprintf(f, "written by stdio\n") > 0 && fclose(f) == 0, "fopen/fprintf/fclose");
	f = fopen("/tmp/plain_musl_test.txt", "r");
	check(f && fgets(buf, sizeof(buf), f) && !strcmp(buf, "written by stdio\n"), "read it back");
	if (f)
		fclose(f);
	check(stat("/tmp/plain_musl_test.txt", &st) == 0 && st.st_size == 17, "stat: 17 bytes");
	check(unlink("/tmp/plain_musl_test.txt") == 0, "unlink");
	check(clock_gettime(CLOCK_MONOTONIC, &t0) == 0 && usleep(1000) == 0 &&
	      clock_gettime(CLOCK_MONOTONIC, &t1) == 0 &&
	      (t1.tv_sec - t0.tv_sec) * 1000000000L + t1.tv_nsec - t0.tv_nsec >= 1000000,
	      "usleep(1000) takes at least 1 ms of CLOCK_MONOTONIC");
	check(posix_spawn(&pid, argv[0], NULL, NULL, (char *[]){ argv[0], "5", NULL },
			  environ) == 0 && waitpid(pid, &status, 0) == pid &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 5, "posix_spawn itself, exit(5)");
	printf("1..%d\n", n);
	return failed != 0;
}
