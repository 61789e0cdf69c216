/*
 * kernel/cpu.c - identify the boot CPU: vendor, family, model, and the
 * feature bits that choose the string routines (asm/cpufeature.h).
 *
 * REP_GOOD is not a CPUID bit: Linux (64-bit) sets it for CPUs where rep
 * movsq/stosq are known to be fast - Intel family 6, AMD K8 from stepping
 * C (CPUID.1:EAX 0x0f48-0x0f4f or from 0x0f58) and AMD from family 0x10,
 * Hygon - and mmlab does the same.
 * Linux: arch/x86/kernel/cpu/common.c, intel.c (early_init_intel), amd.c.
 */
#include <asm/cpufeature.h>
#include <asm/processor.h>
#include <kernel/string.h>
#include <kernel/printk.h>

struct cpuinfo_x86 boot_cpu_data;

static void set_cpu_cap(int feature)
{
	boot_cpu_data.capability |= 1UL << feature;
}

static void cpuid_count(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(sub));
}

/* level: CPUID.1:EAX (family, model, stepping as one number). */
static bool rep_good(const struct cpuinfo_x86 *c, u32 level)
{
	if (!strcmp(c->x86_vendor_id, "GenuineIntel"))
		return c->x86 == 6;
	if (!strcmp(c->x86_vendor_id, "HygonGenuine"))
		return true;
	if (strcmp(c->x86_vendor_id, "AuthenticAMD"))
		return false;
	if (c->x86 == 0xf)		/* K8: "rep microcode works well" from stepping C */
		return (level >= 0x0f48 && level < 0x0f50) || level >= 0x0f58;
	return c->x86 >= 0x10;
}

void identify_boot_cpu(void)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;
	u32 a, b, cx, d, max, level;

	cpuid_count(0, 0, &max, &b, &cx, &d);
	memcpy(c->x86_vendor_id, &b, 4);
	memcpy(c->x86_vendor_id + 4, &d, 4);
	memcpy(c->x86_vendor_id + 8, &cx, 4);
	c->x86_vendor_id[12] = '\0';
	cpuid_count(1, 0, &a, &b, &cx, &d);
	level = a;
	c->x86 = (a >> 8) & 0xf;
	c->x86_model = (a >> 4) & 0xf;
	if (c->x86 == 0xf)
		c->x86 += (a >> 20) & 0xff;
	if (c->x86 >= 6)
		c->x86_model += ((a >> 16) & 0xf) << 4;
	if (max >= 7) {
		cpuid_count(7, 0, &a, &b, &cx, &d);
		if (b & (1U << 9))
			set_cpu_cap(X86_FEATURE_ERMS);
		if (d & (1U << 4))
			set_cpu_cap(X86_FEATURE_FSRM);
		if (a >= 1) {
			cpuid_count(7, 1, &a, &b, &cx, &d);
			if (a & (1U << 11))
				set_cpu_cap(X86_FEATURE_FSRS);
		}
	}
	if (rep_good(c, level))
		set_cpu_cap(X86_FEATURE_REP_GOOD);
}

void print_cpu_info(void)
{
	const struct cpuinfo_x86 *c = &boot_cpu_data;

	pr_info("CPU: %s family %#x model %#x; copy_page: %s, clear_page: %s, memcpy: %s\n",
		c->x86_vendor_id, c->x86, c->x86_model,
		boot_cpu_has(X86_FEATURE_REP_GOOD) ? "rep movsq" : "register loop",
		boot_cpu_has(X86_FEATURE_ERMS) ? "rep stosb (ERMS)" :
		boot_cpu_has(X86_FEATURE_REP_GOOD) ? "rep stosq" : "register loop",
		boot_cpu_has(X86_FEATURE_FSRM) ? "rep movsb (FSRM)" : "rep movsq");
}
