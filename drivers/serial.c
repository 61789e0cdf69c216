/*
 * drivers/serial.c - polled driver for the 16550 UART on COM1.
 *
 * 115200 baud, 8 data bits, no parity, one stop bit, FIFOs on, no interrupts:
 * we poll the line-status register before each byte.  "\n" becomes "\r\n"
 * so terminals show lines properly.  Linux: drivers/tty/serial/8250/.
 */
#include <drivers/serial.h>
#include <kernel/printk.h>
#include <asm/io.h>

#define UART_RX		0	/* receive buffer (DLAB=0) */
#define UART_TX		0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1	/* interrupt enable (DLAB=0) */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_LSR_DR	0x01	/* data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_LCR_DLAB	0x80
#define UART_LCR_8N1	0x03

static void serial_console_write(const char *s, size_t n)
{
	serial_write(s, n);
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_console_write,
};

void serial_init(void)
{
	outb(0x00, COM1_BASE + UART_IER);		/* no interrupts */
	outb(UART_LCR_DLAB, COM1_BASE + UART_LCR);
	outb(1, COM1_BASE + UART_DLL);			/* 115200 / 1 */
	outb(0, COM1_BASE + UART_DLM);
	outb(UART_LCR_8N1, COM1_BASE + UART_LCR);
	outb(0xc7, COM1_BASE + UART_FCR);		/* enable + clear FIFOs */
	outb(0x03, COM1_BASE + UART_MCR);		/* DTR, RTS */
	register_console(&serial_console);
}

void serial_putc(char c)
{
	int spins = 100000;	/* a missing UART must not hang the kernel */

	while (!(inb(COM1_BASE + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	outb((u8)c, COM1_BASE + UART_TX);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

int serial_getc(void)
{
	if (!(inb(COM1_BASE + UART_LSR) & UART_LSR_DR))
		return -1;
	return inb(COM1_BASE + UART_RX);
}
