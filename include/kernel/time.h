/*
 * include/kernel/time.h - a TSC clock for timestamps and benchmarks.
 *
 * tsc_init() measures the TSC rate against the PIT (Linux:
 * arch/x86/kernel/tsc.c, pit_calibrate_tsc).  Benchmarks should report
 * ratios of cycle counts taken in one run, not absolute times.
 */
#ifndef _KERNEL_TIME_H
#define _KERNEL_TIME_H

#include <kernel/types.h>
#include <asm/processor.h>

#define NSEC_PER_USEC	1000UL
#define NSEC_PER_MSEC	1000000UL
#define NSEC_PER_SEC	1000000000UL

extern unsigned long tsc_khz;
extern u64 boot_tsc;		/* TSC at kernel_main entry */

void tsc_init(void);
u64 cycles_to_ns(u64 cycles);
u64 local_clock(void);		/* ns since kernel_main, 0 before tsc_init */
void udelay(unsigned long usecs);

/*
 * The tick (kernel/timer.c): HZ interrupts a second from the PIT, counted
 * in jiffies.  They are only taken in user mode (the kernel runs with
 * interrupts off), where each one may switch to another task.
 */
#define HZ	100
extern volatile unsigned long jiffies;
struct pt_regs;
void time_init(void);
void timer_interrupt(struct pt_regs *regs);

#endif
