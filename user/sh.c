/*
 * user/sh.c - the shell: read a line, run it, wait, print the prompt again.
 * xv6's sh in size; the syntax is a small part of POSIX sh's:
 *
 *   NAME ARG...          runs NAME: a path if it has a '/', else the first
 *                        $PATH directory holding it (/bin when PATH is unset)
 *   CMD > FILE, < FILE   stdout to FILE (created or truncated), stdin from FILE
 *   CMD | CMD | ...      a pipeline - only if the kernel has pipe2
 *   $?                   the last command's status (in any word)
 *   'a b' "a b"          one word with the spaces in it ($? expands in "")
 *   # ...                a comment
 *   cd [DIR], exit [N]   built in: they change the shell itself
 *   sh -c 'LINE'         runs LINE and exits with its status
 *
 * The prompt "$ " goes to stderr before every line read, always: mmlab's
 * /dev/console answers no tty ioctl, so isatty() is false there, and a
 * script typing commands into the serial port waits for the prompt.
 *
 * There is no fork: mmlab's fork is -ENOSYS until copy-on-write exists.
 * Programs start with posix_spawn, which musl builds on
 * clone(CLONE_VM | CLONE_VFORK) and execve: the child borrows the shell's
 * memory until execve, so nothing has to be copied.  Redirections are file
 * actions (dup2) the child runs before execve.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXLINE 1024
#define MAXARGS 32
#define MAXCMDS 8

extern char **environ;

struct cmd {
	char *argv[MAXARGS + 1];
	int argc;
	char *in, *out;		/* < FILE, > FILE */
};

static int status;		/* $? */
static char pool[2 * MAXLINE];	/* the words of the current line */
static size_t used;

/* One word from *sp into pool: quotes removed, $? expanded.  NULL if too long. */
static char *word(char **sp)
{
	char *s = *sp, *w = pool + used, quote = 0;
	size_t n = used;

	while (*s && (quote || !strchr(" \t\n|<>", *s))) {
		char num[12];

		if (n + sizeof(num) >= sizeof(pool))
			return NULL;
		if (!quote && (*s == '\'' || *s == '"'))
			quote = *s++;
		else if (quote && *s == quote) {
			quote = 0;
			s++;
		} else if (quote != '\'' && s[0] == '$' && s[1] == '?') {
			n += sprintf(pool + n, "%d", status);
			s += 2;
		} else
			pool[n++] = *s++;
	}
	pool[n++] = '\0';
	used = n;
	*sp = s;
	return w;
}

/* Splits a line into cmds; returns how many, 0 for an empty line, -1 on an error. */
static int parse(char *s, struct cmd *cmds)
{
	struct cmd *c = cmds;
	char **target = NULL;	/* a '<' or '>' waits for its file name */
	int n = 0;

	used = 0;
	memset(c, 0, sizeof(*c));
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '\n' || *s == '#')
			break;
		if (*s == '|' && !target && c->argc && n + 1 < MAXCMDS) {
			c = &cmds[++n];
			memset(c, 0, sizeof(*c));
			s++;
		} else if ((*s == '<' || *s == '>') && !target) {
			target = *s++ == '<' ? &c->in : &c->out;
		} else if (strchr("|<>", *s)) {
			fprintf(stderr, "sh: syntax error near '%c'\n", *s);
			return -1;
		} else {
			char *w = word(&s);

			if (!w || (!target && c->argc == MAXARGS)) {
				fprintf(stderr, "sh: line too long\n");
				return -1;
			}
			if (target)
				*target = w;
			else
				c->argv[c->argc++] = w;
			target = NULL;
		}
	}
	if (target || (n && !c->argc)) {
		fprintf(stderr, "sh: syntax error: a file name or command is missing\n");
		return -1;
	}
	return c->argc ? n + 1 : 0;
}

/* cd and exit act on the shell itself, so they cannot be programs. */
static int builtin(struct cmd *c)
{
	if (!strcmp(c->argv[0], "exit"))
		exit(c->argc > 1 ? atoi(c->argv[1]) & 0xff : status);
	if (strcmp(c->argv[0], "cd"))
		return 0;
	const char *dir = c->argc > 1 ? c->argv[1] : getenv("HOME") ? getenv("HOME") : "/";

	status = 0;
	if (chdir(dir)) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		status = 1;
	}
	return 1;
}

/* The file to execve for name, in buf; NULL if no $PATH directory has it. */
static const char *lookup(const char *name, char *buf, size_t len)
{
	const char *dir = getenv("PATH");
	struct stat st;

	if (strchr(name, '/'))
		return name;
	for (dir = dir && *dir ? dir : "/bin"; *dir; dir += *dir == ':') {
		size_t dlen = strcspn(dir, ":");

		snprintf(buf, len, "%.*s/%s", (int)dlen, dir, name);
		if (!stat(buf, &st) && S_ISREG(st.st_mode))
			return buf;
		dir += dlen;
	}
	return NULL;
}

/* Opens a redirection's file and asks the child to dup2 it onto fd. */
static int redirect(posix_spawn_file_actions_t *fa, const char *file, int fd, int *opened)
{
	int flags = fd ? O_WRONLY | O_CREAT | O_TRUNC : O_RDONLY;

	if (!file)
		return 0;
	/* opened here, not by the child, so the error names the file */
	*opened = open(file, flags | O_CLOEXEC, 0644);
	if (*opened < 0) {
		fprintf(stderr, "sh: %s: %s\n", file, strerror(errno));
		return -1;
	}
	return posix_spawn_file_actions_adddup2(fa, *opened, fd);
}

/* Starts one command with stdin/stdout from the pipes or its files; its pid or -1. */
static pid_t start(struct cmd *c, int in, int out)
{
	posix_spawn_file_actions_t fa;
	char buf[256];
	const char *path = lookup(c->argv[0], buf, sizeof(buf));
	int fds[2] = { -1, -1 }, err = 0;
	pid_t pid = -1;

	status = 127;
	if (!path) {
		fprintf(stderr, "sh: %s: not found\n", c->argv[0]);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	if (in >= 0)
		posix_spawn_file_actions_adddup2(&fa, in, 0);
	if (out >= 0)
		posix_spawn_file_actions_adddup2(&fa, out, 1);
	if (!redirect(&fa, c->in, 0, &fds[0]) && !redirect(&fa, c->out, 1, &fds[1])) {
		err = posix_spawn(&pid, path, &fa, NULL, c->argv, environ);
		if (err) {
			fprintf(stderr, "sh: %s: %s\n", c->argv[0], strerror(err));
			status = err == ENOENT ? 127 : 126;
			pid = -1;
		}
	} else
		status = 1;
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	posix_spawn_file_actions_destroy(&fa);
	return pid;
}

/* Waits for pid; $? is its exit code, or 128 + the signal that killed it. */
static void wait_for(pid_t pid, const char *name)
{
	int ws;

	if (waitpid(pid, &ws, 0) < 0) {
		fprintf(stderr, "sh: wait for %s: %s\n", name, strerror(errno));
		status = 127;
	} else if (WIFSIGNALED(ws)) {
		fprintf(stderr, "sh: %s: %s (signal %d)\n", name, strsignal(WTERMSIG(ws)),
			WTERMSIG(ws));
		status = 128 + WTERMSIG(ws);
	} else
		status = WEXITSTATUS(ws);
}

/* Runs a pipeline of n commands: each one's stdout is the next one's stdin. */
static void run(struct cmd *cmds, int n)
{
	pid_t pids[MAXCMDS];
	int in = -1;

	if (n == 1 && builtin(cmds))
		return;
	for (int i = 0; i < n; i++) {
		int p[2] = { -1, -1 };

		if (i + 1 < n && pipe2(p, O_CLOEXEC)) {
			if (errno == ENOSYS)
				fprintf(stderr, "sh: pipes not supported\n");
			else
				fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			status = 1;
			n = i;	/* wait for the ones already started */
			break;
		}
		pids[i] = start(&cmds[i], in, p[1]);
		if (in >= 0)
			close(in);
		if (p[1] >= 0)
			close(p[1]);
		in = p[0];
	}
	if (in >= 0)
		close(in);
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			wait_for(pids[i], cmds[i].argv[0]);	/* the last one sets $? */
}

/* One line from fd 0, a byte at a time so nothing a child should read is
 * buffered here; 0 at end of file. */
static int read_line(char *line, size_t size)
{
	size_t n = 0;
	char c;

	while (read(0, &c, 1) == 1) {
		if (n + 1 < size)
			line[n++] = c;
		if (c == '\n')
			break;
	}
	line[n] = '\0';
	if (n + 1 == size && line[n - 1] != '\n') {
		fprintf(stderr, "sh: line too long\n");
		line[0] = '\0';
		return 1;
	}
	return n > 0;
}

int main(int argc, char *argv[])
{
	static struct cmd cmds[MAXCMDS];
	char line[MAXLINE];
	int n;

	if (argc == 3 && !strcmp(argv[1], "-c")) {
		snprintf(line, sizeof(line), "%s", argv[2]);
		if ((n = parse(line, cmds)) > 0)
			run(cmds, n);
		return n < 0 ? 2 : status;
	}
	for (;;) {
		fputs("$ ", stderr);
		if (!read_line(line, sizeof(line)))
			break;
		n = parse(line, cmds);
		if (n > 0)
			run(cmds, n);
		else if (n < 0)
			status = 2;
	}
	return status;
}
