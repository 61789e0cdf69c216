/*
 * drivers/qemu_exit.c - QEMU's isa-debug-exit device.
 *
 * After the write we spin with interrupts off: under TCG the exit is handled
 * asynchronously, and falling through into more code (say, a second exit
 * with another status) could change the result the host sees.
 */
#include <drivers/qemu_exit.h>
#include <asm/io.h>
#include <asm/processor.h>

void __noreturn qemu_exit(unsigned int code)
{
	outl(code, QEMU_EXIT_PORT);
	halt_forever();
}
