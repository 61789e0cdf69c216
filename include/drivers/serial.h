/*
 * include/drivers/serial.h - the 16550 UART on COM1, our console.
 */
#ifndef _DRIVERS_SERIAL_H
#define _DRIVERS_SERIAL_H

#include <kernel/types.h>

#define COM1_BASE	0x3f8

void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, size_t n);
int serial_getc(void);		/* -1 if no byte is waiting */

#endif
