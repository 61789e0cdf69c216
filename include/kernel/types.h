/*
 * include/kernel/types.h - fixed-width integer types and friends.
 *
 * The kernel is freestanding: no libc headers except the compiler's own
 * <stdarg.h>, <stddef.h>, <stdint.h> and <stdbool.h>.  Names follow Linux.
 */
#ifndef _KERNEL_TYPES_H
#define _KERNEL_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#define BITS_PER_LONG	64	/* x86-64 (Linux: asm/bitsperlong.h) */

typedef long ssize_t;
typedef unsigned long phys_addr_t;
typedef unsigned long pgoff_t;
typedef unsigned int gfp_t;

#ifndef INT_MAX
#define INT_MAX		((int)(~0U >> 1))
#endif
#ifndef LLONG_MAX
#define LLONG_MAX	((long long)(~0ULL >> 1))
#endif

#endif
