/*
 * tests/traps_kunit.c - exceptions: provoke #UD, #PF and #GP inside a test,
 * check what the handler saw, and resume through the exception table.
 */
#include <kunit/test.h>
#include <asm/probe.h>
#include <asm/traps.h>
#include <asm/page.h>

static void ud_is_caught_and_resumed(struct kunit *test)
{
	unsigned long before = last_trap.count;

	KUNIT_EXPECT_EQ(test, probe_ud2(), X86_TRAP_UD);
	KUNIT_EXPECT_EQ(test, last_trap.count, before + 1);
	KUNIT_EXPECT_EQ(test, last_trap.trapnr, X86_TRAP_UD);
	KUNIT_EXPECT_EQ(test, last_trap.error_code, 0);
}

static void pf_read_of_unmapped_address(struct kunit *test)
{
	u64 v = 0xdead;

	/* The boot identity map is gone: low virtual addresses are unmapped. */
	KUNIT_EXPECT_EQ(test, probe_read_u64((void *)0x1000, &v), X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, last_trap.cr2, 0x1000);
	KUNIT_EXPECT_EQ(test, last_trap.error_code, 0);	/* not-present read, kernel */
	KUNIT_EXPECT_EQ(test, v, 0);		/* the fixup skipped the load */
}

static void pf_write_sets_write_bit(struct kunit *test)
{
	void *addr = (void *)0x200008;

	KUNIT_EXPECT_EQ(test, probe_write_u64(addr, 1), X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, last_trap.cr2, 0x200008);
	KUNIT_EXPECT_EQ(test, last_trap.error_code, X86_PF_WRITE);
}

static void gp_on_noncanonical_address(struct kunit *test)
{
	u64 v;

	KUNIT_EXPECT_EQ(test, probe_read_u64((void *)0x8000000000000000UL, &v), X86_TRAP_GP);
	KUNIT_EXPECT_EQ(test, last_trap.trapnr, X86_TRAP_GP);
}

static void direct_map_reads_ram(struct kunit *test)
{
	u64 v;

	/* Physical page 0x100000 holds the kernel's first bytes (the header). */
	KUNIT_EXPECT_EQ(test, probe_read_u64(__va(0x100000), &v), -1);
	KUNIT_EXPECT_EQ(test, (u32)v, 0xe85250d6);	/* multiboot2 magic */
}

static void oops_text_decodes_page_fault(struct kunit *test)
{
	char buf[192];

	format_trap(buf, sizeof(buf), X86_TRAP_PF, X86_PF_WRITE | X86_PF_PROT, 0xabc000);
	KUNIT_EXPECT_STREQ(test, buf, "#PF page fault, error code 0x3 "
			   "[protection-violation write kernel-mode] at address 0xabc000");
	format_pf_error(buf, sizeof(buf), X86_PF_USER | X86_PF_RSVD | X86_PF_INSTR);
	KUNIT_EXPECT_STREQ(test, buf, "not-present read user-mode reserved-bit instruction-fetch");
	format_trap(buf, sizeof(buf), X86_TRAP_GP, 0x10, 0);
	KUNIT_EXPECT_STREQ(test, buf, "#GP general protection fault, error code 0x10");
	KUNIT_EXPECT_STREQ(test, trap_name(X86_TRAP_DF), "#DF");
	KUNIT_EXPECT_STREQ(test, trap_name(99), "#??");
}

static struct kunit_case traps_cases[] = {
	KUNIT_CASE(ud_is_caught_and_resumed),
	KUNIT_CASE(pf_read_of_unmapped_address),
	KUNIT_CASE(pf_write_sets_write_bit),
	KUNIT_CASE(gp_on_noncanonical_address),
	KUNIT_CASE(direct_map_reads_ram),
	KUNIT_CASE(oops_text_decodes_page_fault),
	{}
};

static struct kunit_suite traps_suite = {
	.name = "traps",
	.test_cases = traps_cases,
};
kunit_test_suite(traps_suite);
