/*
 * kernel/timer.c - the tick: PIT channel 0 through the 8259 PIC, HZ times
 * a second, and preemption of user code.
 *
 * The PICs are moved off the exception vectors (IRQ 0-15 -> 32-47) with
 * every line masked but IRQ 0; the PIT's channel 0 is a rate generator at
 * HZ.  mmlab's kernel never enables interrupts: IF is set only in the
 * RFLAGS of user mode (start_thread), so a tick always lands in ring 3 and
 * the kernel is not preemptible - xv6 with interrupts off in the kernel.
 * A tick counts jiffies and the task's user ticks, and calls schedule():
 * round robin, so every runnable task gets a turn of at most one tick.
 * Linux: arch/x86/kernel/i8259.c, i8253.c, kernel/time/tick-common.c,
 * kernel/sched/core.c (scheduler_tick; a real kernel uses the LAPIC timer
 * and preempts at a time slice, not at every tick).
 */
#include <kernel/time.h>
#include <kernel/signal.h>
#include <kernel/sched.h>
#include <asm/io.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define PIC_EOI		0x20
#define PIT_CH0		0x40
#define PIT_MODE	0x43
#define PIT_HZ		1193182UL
#define LATCH		((PIT_HZ + HZ / 2) / HZ)

volatile unsigned long jiffies;

/* ICW1-4: edge triggered, cascaded, vectors at TIMER_VECTOR and +8, 8086 mode. */
static void init_8259A(void)
{
	outb(0x11, PIC1_CMD);
	outb(0x11, PIC2_CMD);
	outb(TIMER_VECTOR, PIC1_DATA);
	outb(TIMER_VECTOR + 8, PIC2_DATA);
	outb(1 << 2, PIC1_DATA);	/* the slave is on IRQ 2 */
	outb(2, PIC2_DATA);
	outb(0x01, PIC1_DATA);
	outb(0x01, PIC2_DATA);
	outb(0xfe, PIC1_DATA);		/* only IRQ 0 */
	outb(0xff, PIC2_DATA);
}

void time_init(void)
{
	init_8259A();
	outb(0x34, PIT_MODE);		/* channel 0, lo/hi byte, mode 2 */
	outb(LATCH & 0xff, PIT_CH0);
	outb(LATCH >> 8, PIT_CH0);
}

/* Linux: scheduler_tick + the need_resched check on the way back to ring 3. */
static void scheduler_tick(void)
{
	current->utime++;
	schedule();
}

void timer_interrupt(struct pt_regs *regs)
{
	outb(PIC_EOI, PIC1_CMD);
	jiffies++;
	run_itimers();
	if (user_mode(regs))
		scheduler_tick();
}
