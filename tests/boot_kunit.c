/*
 * tests/boot_kunit.c - what boot set up: memory map, layout, direct map,
 * descriptor tables, the clock and the console.
 */
#include <kunit/test.h>
#include <kernel/multiboot2.h>
#include <kernel/time.h>
#include <mm/direct_map.h>
#include <mm/mm.h>
#include <drivers/serial.h>
#include <asm/page.h>
#include <asm/io.h>

extern char _text[], __bss_start[], __bss_stop[];
static unsigned long must_be_zero[4];

static void memory_map_from_grub(struct kunit *test)
{
	unsigned long usable = 0;

	KUNIT_ASSERT_GT(test, boot_mem_map_nr, 0);
	for (int i = 0; i < boot_mem_map_nr; i++)
		if (boot_mem_map[i].type == MULTIBOOT_MEMORY_AVAILABLE)
			usable += boot_mem_map[i].len;
	KUNIT_EXPECT_GE(test, usable, 100UL << 20);	/* QEMU gives us -m MEM */
	KUNIT_EXPECT_GT(test, max_pfn, PFN_DOWN(usable) / 2);
	KUNIT_EXPECT_NOT_NULL(test, strstr(boot_loader_name, "GRUB"));
}

static void kernel_is_in_the_higher_half(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, (unsigned long)_text, 0xffffffff80101000UL);
	KUNIT_EXPECT_EQ(test, __pa_symbol(_text), 0x101000UL);
	KUNIT_EXPECT_EQ(test, __pa(_text), 0x101000UL);
	KUNIT_EXPECT_EQ(test, ((unsigned long)__bss_start & 0xfff), 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(must_be_zero); i++)
		KUNIT_EXPECT_EQ(test, must_be_zero[i], 0);	/* .bss was zeroed */
}

static void direct_map_aliases_kernel_image(struct kunit *test)
{
	/* The same physical byte seen through both kernel mappings. */
	volatile unsigned char *text_alias = (unsigned char *)_text;
	volatile unsigned char *dm_alias = __va(__pa_symbol(_text));

	KUNIT_EXPECT_EQ(test, *text_alias, *dm_alias);
	must_be_zero[3] = 0x1234;
	KUNIT_EXPECT_EQ(test, *(unsigned long *)__va(__pa_symbol(&must_be_zero[3])), 0x1234);
	must_be_zero[3] = 0;
	KUNIT_EXPECT_GE(test, direct_map_bytes, PFN_PHYS(max_pfn) - PMD_SIZE);
}

static void clock_is_calibrated_and_monotonic(struct kunit *test)
{
	u64 a, b;

	KUNIT_EXPECT_GT(test, tsc_khz, 1000UL);		/* more than 1 MHz */
	a = local_clock();
	udelay(100);
	b = local_clock();
	KUNIT_EXPECT_GE(test, b - a, 100 * NSEC_PER_USEC);
	KUNIT_EXPECT_EQ(test, cycles_to_ns(tsc_khz * 1000UL), NSEC_PER_SEC);
}

static void serial_transmitter_drains(struct kunit *test)
{
	/* After a write the 16550 must report its holding register empty. */
	serial_write("    # serial: drain check\n", 26);
	for (int i = 0; i < 100000 && !(inb(COM1_BASE + 5) & 0x20); i++)
		;
	KUNIT_EXPECT_TRUE(test, inb(COM1_BASE + 5) & 0x20);
	KUNIT_EXPECT_EQ(test, inb(COM1_BASE + 3) & 0x7f, 0x03);	/* 8N1 */
}

static struct kunit_case boot_cases[] = {
	KUNIT_CASE(memory_map_from_grub),
	KUNIT_CASE(kernel_is_in_the_higher_half),
	KUNIT_CASE(direct_map_aliases_kernel_image),
	KUNIT_CASE(clock_is_calibrated_and_monotonic),
	KUNIT_CASE(serial_transmitter_drains),
	{}
};

static struct kunit_suite boot_suite = {
	.name = "boot",
	.test_cases = boot_cases,
};
kunit_test_suite(boot_suite);
