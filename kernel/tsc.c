/*
 * kernel/tsc.c - calibrate the time-stamp counter against the PIT.
 *
 * We program PIT channel 2 (the speaker timer, whose output we can poll on
 * port 0x61) for a 10 ms one-shot and count TSC cycles until it expires.
 * Linux does the same in arch/x86/kernel/tsc.c (pit_calibrate_tsc).
 * Under QEMU TCG the "cycles" are virtual, which is why benchmarks report
 * ratios measured in the same run.
 */
#include <kernel/time.h>
#include <kernel/printk.h>
#include <asm/io.h>

#define PIT_HZ		1193182UL
#define CAL_MS		10

unsigned long tsc_khz;
u64 boot_tsc;

static u64 pit_measure_tsc_cycles(void)
{
	unsigned long latch = PIT_HZ * CAL_MS / 1000;
	u64 t0, t1;
	int guard = 0;

	/* Gate channel 2 on, speaker off; mode 0 (one-shot), binary, lo/hi. */
	outb((inb(0x61) & ~0x02) | 0x01, 0x61);
	outb(0xb0, 0x43);
	outb(latch & 0xff, 0x42);
	outb(latch >> 8, 0x42);

	t0 = rdtsc_ordered();
	while (!(inb(0x61) & 0x20))	/* OUT2 goes high at terminal count */
		if (++guard > 100000000)
			return 0;
	t1 = rdtsc_ordered();
	return t1 - t0;
}

void tsc_init(void)
{
	u64 cycles = pit_measure_tsc_cycles();

	tsc_khz = cycles ? (unsigned long)(cycles / CAL_MS) : 1000000;
	pr_info("tsc: %lu.%03lu MHz (PIT calibration over %d ms)%s\n",
		tsc_khz / 1000, tsc_khz % 1000, CAL_MS,
		cycles ? "" : ", PIT did not tick: assuming 1 GHz");
}

u64 cycles_to_ns(u64 cycles)
{
	if (!tsc_khz)
		return 0;
	/* cycles * 1e6 / khz without overflowing for ~5 hours at 1 GHz */
	return cycles / tsc_khz * NSEC_PER_MSEC +
	       cycles % tsc_khz * NSEC_PER_MSEC / tsc_khz;
}

u64 local_clock(void)
{
	return cycles_to_ns(rdtsc() - boot_tsc);
}

void udelay(unsigned long usecs)
{
	u64 end = rdtsc() + (u64)usecs * (tsc_khz ? tsc_khz : 1000000) / 1000;

	while (rdtsc() < end)
		cpu_relax();
}
