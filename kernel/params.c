/*
 * kernel/params.c - split the kernel command line and run __setup handlers.
 *
 * The command line is words separated by spaces; a value may be quoted
 * ("name=\"a b\"").  Linux: kernel/params.c (next_arg, parse_args).
 */
#include <kernel/param.h>
#include <kernel/printk.h>
#include <kernel/string.h>

char boot_command_line[COMMAND_LINE_SIZE];

extern const struct obs_kernel_param __setup_start[], __setup_end[];

char *next_arg(char *args, char **param, char **val)
{
	bool quoted = false;
	char *eq = NULL, *p;

	args = skip_spaces(args);
	for (p = args; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '=' && !eq)
			eq = p;
		else if ((*p == ' ' || *p == '\t') && !quoted)
			break;
	}
	*param = args;
	*val = NULL;
	if (*p)
		*p++ = '\0';
	if (eq) {
		*eq = '\0';
		*val = eq + 1;
		if (**val == '"') {		/* strip the quotes */
			size_t len = strlen(++*val);

			if (len && (*val)[len - 1] == '"')
				(*val)[len - 1] = '\0';
		}
	}
	return skip_spaces(p);
}

const char *argv_init[MAX_INIT_ARGS + 2];

/* An unknown bare word of the boot command line: one more argument for init. */
static bool add_init_arg(const char *word)
{
	static int argc_init = 1;	/* argv_init[0] is the program */

	if (argc_init > MAX_INIT_ARGS)
		return false;
	argv_init[argc_init++] = word;
	return true;
}

static const struct obs_kernel_param *find_param(const char *name,
						  const struct obs_kernel_param *tbl,
						  size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(tbl[i].str, name))
			return &tbl[i];
	return NULL;
}

int parse_params(char *args, const struct obs_kernel_param *tbl, size_t n)
{
	int bad = 0;

	args = skip_spaces(args);
	while (*args) {
		const struct obs_kernel_param *p;
		char *param, *val;
		int err;

		args = next_arg(args, &param, &val);
		if (param[0] == '/' && param[1])	/* GRUB may pass the kernel path */
			continue;
		p = find_param(param, tbl, n);
		if (!p && !val && tbl == __setup_start && !strchr(param, '.') &&
		    add_init_arg(param))
			continue;		/* Linux: a bare unknown word is an argument of init */
		if (!p) {
			pr_warn("mmlab: unknown kernel command line parameter '%s', ignored\n",
				param);
			bad++;
			continue;
		}
		err = p->setup_func(val);
		if (err) {
			pr_warn("mmlab: bad value '%s' for parameter '%s' (error %d), ignored\n",
				val ? val : "", param, err);
			bad++;
		}
	}
	return bad;
}

void parse_boot_params(void)
{
	static char copy[COMMAND_LINE_SIZE];

	strscpy(copy, boot_command_line, sizeof(copy));
	parse_params(copy, __setup_start, __setup_end - __setup_start);
}

bool cmdline_has(const char *name)
{
	size_t n = strlen(name);
	const char *s = boot_command_line;

	while ((s = strstr(s, name)) != NULL) {
		bool starts = (s == boot_command_line || s[-1] == ' ');

		if (starts && (s[n] == '\0' || s[n] == ' ' || s[n] == '='))
			return true;
		s += n;
	}
	return false;
}
