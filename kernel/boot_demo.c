/*
 * kernel/boot_demo.c - run the registered boot demos, and the first two:
 * catching an exception and naming a code address.
 */
#include <kernel/boot_demo.h>
#include <kernel/printk.h>
#include <kernel/param.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/kallsyms.h>
#include <asm/probe.h>
#include <asm/traps.h>

extern const struct boot_demo __boot_demos_start[], __boot_demos_end[];

static char demo_choice[64] = "all";

static int __init set_demo(char *val)
{
	if (!val || !*val)
		return -EINVAL;
	strscpy(demo_choice, val, sizeof(demo_choice));
	return 0;
}
__setup("demo", set_demo);

/* The demo with the smallest order above `after` (NULL when none is left). */
static const struct boot_demo *next_demo(int after)
{
	const struct boot_demo *d, *best = NULL;

	for (d = __boot_demos_start; d < __boot_demos_end; d++)
		if (d->order > after && (!best || d->order < best->order))
			best = d;
	return best;
}

void run_boot_demos(void)
{
	const struct boot_demo *d;
	int ran = 0;

	if (!strcmp(demo_choice, "none"))
		return;
	pr_info("\nWhat mmlab can show so far (demo=NAME runs one, demo=none skips):\n");
	for (d = next_demo(-1); d; d = next_demo(d->order))
		pr_info("  %-12s %s\n", d->name, d->summary);
	for (d = next_demo(-1); d; d = next_demo(d->order)) {
		if (strcmp(demo_choice, "all") && strcmp(demo_choice, d->name))
			continue;
		pr_info("\n=== demo: %s - %s ===\n", d->name, d->summary);
		d->run();
		ran++;
	}
	if (!ran)
		pr_warn("demo: no demo called '%s'\n", demo_choice);
}

static void traps_demo(void)
{
	u64 v;
	int trap;

	pr_info("Running ud2 (an invalid opcode) under the exception table...\n");
	trap = probe_ud2();
	pr_info("  caught vector %d (%s, %s) at %pS; resumed at the fixup\n",
		trap, trap_name(trap), trap_description(trap), (void *)last_trap.ip);
	pr_info("Reading virtual address 0x1000 (nothing is mapped there)...\n");
	trap = probe_read_u64((void *)0x1000, &v);
	pr_info("  caught vector %d (%s), CR2=0x%lx, error code 0x%lx\n",
		trap, trap_name(trap), last_trap.cr2, last_trap.error_code);
	pr_info("Reading non-canonical address 0x8000000000000000...\n");
	trap = probe_read_u64((void *)0x8000000000000000UL, &v);
	pr_info("  caught vector %d (%s): x86-64 refuses addresses whose top 17 bits disagree\n",
		trap, trap_name(trap));
	pr_info("Without an exception-table entry each of these would be an oops.\n");
}
boot_demo(10, "traps", "catch #UD, #PF and #GP and resume (exception table)", traps_demo);

static void symbols_demo(void)
{
	unsigned long addr = kallsyms_lookup_name("run_boot_demos");

	pr_info("kallsyms knows %u functions.\n", kallsyms_num_syms);
	pr_info("run_boot_demos is at 0x%lx; 0x%lx prints as %pS\n",
		addr, addr + 0x10, (void *)(addr + 0x10));
	pr_info("This is how a backtrace names each return address.\n");
}
boot_demo(11, "symbols", "name a code address with the embedded symbol table", symbols_demo);
