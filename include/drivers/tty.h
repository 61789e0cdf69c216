/*
 * include/drivers/tty.h - the console as a character device (drivers/tty.c):
 * /dev/console and /dev/tty, and init's fds 0, 1 and 2 on it.
 */
#ifndef _DRIVERS_TTY_H
#define _DRIVERS_TTY_H

#include <kernel/types.h>

/* Registers 5:0 and 5:1; gives init_task its fd table with the console open. */
int tty_init(void);
/*
 * Typed characters, as the UART would give them, to the line discipline
 * (for tests: a read then finds the line without waiting).  Characters
 * after the end of a line that is not read yet are dropped.
 */
void tty_receive_buf(const char *cp, size_t count);

#endif
