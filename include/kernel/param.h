/*
 * include/kernel/param.h - kernel command-line parameters.
 *
 * A file declares a parameter with __setup("name", fn): at boot, for every
 * "name=value" word on the command line, fn(value) runs (value is NULL for a
 * bare "name").  fn returns 0 or -errno; a bad value is reported and ignored.
 * Unknown names get a warning and boot goes on.  Linux: __setup() and
 * module_param() in include/linux/init.h and kernel/params.c (Linux's
 * __setup strings carry the '='; ours do not).
 */
#ifndef _KERNEL_PARAM_H
#define _KERNEL_PARAM_H

#include <kernel/types.h>
#include <kernel/compiler.h>

#define __init		/* mmlab never frees init code; kept for Linux readers */

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *val);
};

#define __setup(str, fn)						\
	static const struct obs_kernel_param __setup_##fn		\
	__used __section(".init.setup") __section_table __aligned(8) = { str, fn }

#define COMMAND_LINE_SIZE	1024
extern char boot_command_line[COMMAND_LINE_SIZE];

/* Cuts the next word off args; returns where the rest starts. */
char *next_arg(char *args, char **param, char **val);

/*
 * Runs the setup function of each parameter in args (modified in place)
 * found in tbl[0..n); returns how many were unknown or rejected.
 */
int parse_params(char *args, const struct obs_kernel_param *tbl, size_t n);

/*
 * init's argv (kernel/init_process.c): [0] is set when init starts, then
 * the unknown bare words of the boot command line, as Linux does.
 */
#define MAX_INIT_ARGS	32		/* Linux's CONFIG_INIT_ENV_ARG_LIMIT */
extern const char *argv_init[MAX_INIT_ARGS + 2];

/* Boot: parse boot_command_line against every __setup in the kernel. */
void parse_boot_params(void);

/* Has the command line got this word ("name" or "name=...")? */
bool cmdline_has(const char *name);

#endif
