/*
 * include/drivers/qemu_exit.h - leave QEMU with a status the host can read.
 *
 * QEMU runs with -device isa-debug-exit,iobase=0xf4,iosize=4.  Writing v to
 * port 0xf4 makes QEMU exit with status (v << 1) | 1: 0x10 -> 33 (pass),
 * 0x11 -> 35 (fail).  Status 0 would mean a triple fault (-no-reboot).
 */
#ifndef _DRIVERS_QEMU_EXIT_H
#define _DRIVERS_QEMU_EXIT_H

#include <kernel/compiler.h>

#define QEMU_EXIT_PORT		0xf4
#define QEMU_EXIT_SUCCESS	0x10
#define QEMU_EXIT_FAILURE	0x11

void __noreturn qemu_exit(unsigned int code);

#endif
