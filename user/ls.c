/*
 * user/ls.c - ls [-l] [-a] [PATH...]: the names in each directory (one per
 * line, sorted), read with opendir/readdir, i.e. the getdents64 system
 * call.  -l adds the mode and the size (major,minor for a device) from
 * fstatat; -a shows the names starting with '.'.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static int lflag, aflag;

static void mode_string(mode_t m, char s[11])
{
	const char *rwx = "rwxrwxrwx";

	s[0] = S_ISDIR(m) ? 'd' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' : S_ISLNK(m) ? 'l' :
	       S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	for (int i = 0; i < 9; i++)
		s[i + 1] = m & (0400 >> i) ? rwx[i] : '-';
	s[10] = '\0';
}

/* One line: "NAME", or with -l "MODE SIZE NAME" (SIZE "MAJ,MIN" for devices). */
static void show(int dirfd, const char *name, const char *label)
{
	struct stat st;
	char mode[11], size[32];

	if (!lflag) {
		printf("%s\n", label);
		return;
	}
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW)) {
		fprintf(stderr, "ls: %s: %s\n", label, strerror(errno));
		return;
	}
	mode_string(st.st_mode, mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		snprintf(size, sizeof(size), "%u,%u", major(st.st_rdev), minor(st.st_rdev));
	else
		snprintf(size, sizeof(size), "%lld", (long long)st.st_size);
	printf("%s %10s %s\n", mode, size, label);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	if (stat(path, &st)) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		show(AT_FDCWD, path, path);
		return 0;
	}
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	/* readdir's order is the file system's; sort so output is stable */
	while ((e = readdir(d))) {
		char **more;

		if (e->d_name[0] == '.' && !aflag)
			continue;
		more = realloc(names, (n + 1) * sizeof(*names));
		if (!more)
			break;
		names = more;
		names[n++] = strdup(e->d_name);
	}
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		show(dirfd(d), names[i], names[i]);
		free(names[i]);
	}
	free(names);
	closedir(d);
	return 0;
}

int main(int argc, char *argv[])
{
	int i = 1, status = 0, paths;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (const char *f = argv[i] + 1; *f; f++) {
			if (*f == 'l')
				lflag = 1;
			else if (*f == 'a')
				aflag = 1;
			else {
				fprintf(stderr, "ls: unknown option -%c\nusage: ls [-la] [PATH...]\n", *f);
				return 2;
			}
		}
	paths = argc - i;
	if (!paths)
		return list(".");
	for (; i < argc; i++) {
		if (paths > 1)
			printf("%s:\n", argv[i]);
		status |= list(argv[i]);
	}
	return status;
}
