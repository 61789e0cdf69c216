/*
 * user/ps.c - ps: one line per process, "PID PPID S NAME", from
 * /proc/PID/stat.  Linux's format (fs/proc/array.c do_task_stat) is
 * "pid (comm) state ppid ...", and comm may itself hold spaces and ')',
 * so the name ends at the LAST ')'.  Where /proc has no numeric
 * directories yet, only /proc/self/status is there: ps says so and
 * prints that one process.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "progs.h"

static int by_pid(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void show_stat(int pid)
{
	char path[64], *text, *open, *close, state;
	int ppid;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	text = read_file(path);
	if (!text)
		return;		/* it exited since readdir */
	open = strchr(text, '(');
	close = strrchr(text, ')');
	if (open && close > open && sscanf(close + 1, " %c %d", &state, &ppid) == 2) {
		*close = '\0';
		printf("%5d %5d %c %s\n", pid, ppid, state, open + 1);
	}
	free(text);
}

/* "Field:\tvalue" of /proc/self/status, or "?" */
static const char *status_field(char *text, const char *field)
{
	static char value[64];
	size_t len = strlen(field);

	strcpy(value, "?");
	for (char *p = text; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, field, len) && p[len] == ':') {
			sscanf(p + len + 1, " %63[^\n]", value);
			break;
		}
	return value;
}

int main(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int pids[1024], n = 0;
	char *text;

	if (!d) {
		perror("ps: /proc");
		return 1;
	}
	while ((e = readdir(d)) && n < 1024)
		if (isdigit((unsigned char)e->d_name[0]))
			pids[n++] = atoi(e->d_name);
	closedir(d);
	printf("%5s %5s S NAME\n", "PID", "PPID");
	if (n) {
		qsort(pids, n, sizeof(pids[0]), by_pid);
		for (int i = 0; i < n; i++)
			show_stat(pids[i]);
		return 0;
	}
	fprintf(stderr, "ps: no /proc/PID directories: showing /proc/self/status only\n");
	text = read_file("/proc/self/status");
	if (!text) {
		perror("ps: /proc/self/status");
		return 1;
	}
	printf("%5s ", status_field(text, "Pid"));
	printf("%5s ", status_field(text, "PPid"));
	printf("%c ", status_field(text, "State")[0]);
	printf("%s\n", status_field(text, "Name"));
	free(text);
	return 0;
}
