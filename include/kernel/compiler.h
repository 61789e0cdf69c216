/*
 * include/kernel/compiler.h - attributes and small helpers every file uses.
 * Same names as Linux's <linux/compiler.h> and <linux/kernel.h>.
 */
#ifndef _KERNEL_COMPILER_H
#define _KERNEL_COMPILER_H

#define __used			__attribute__((__used__))
#define __unused		__attribute__((__unused__))
#define __maybe_unused		__attribute__((__unused__))
#define __noreturn		__attribute__((__noreturn__))
#define __noinline		__attribute__((__noinline__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __packed		__attribute__((__packed__))
#define __user			/* marks user pointers, as in Linux (sparse checks it there) */
#define __section(s)		__attribute__((__section__(s)))
/*
 * A table gathered in a section by the linker (__setup, the KUnit suites,
 * the benchmarks) is walked as an array: clang's AddressSanitizer must not
 * pad its entries with redzones (gcc's does not).
 */
#if defined(__clang__)
#define __section_table	__attribute__((no_sanitize("address")))
#else
#define __section_table
#define fallthrough	__attribute__((__fallthrough__))

#endif
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __weak			__attribute__((__weak__))
#ifndef __always_inline		/* the host build's libc defines it too */
#define __always_inline		inline __attribute__((__always_inline__))
#define fallthrough	__attribute__((__fallthrough__))

#endif

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define barrier()		__asm__ __volatile__("" ::: "memory")

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#ifndef offsetof
#define offsetof(t, m)		__builtin_offsetof(t, m)
#define fallthrough	__attribute__((__fallthrough__))

#endif
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define ALIGN(x, a)		(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define min(a, b)		((a) < (b) ? (a) : (b))
#define max(a, b)		((a) > (b) ? (a) : (b))
#define min_t(t, a, b)		((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)		((t)(a) > (t)(b) ? (t)(a) : (t)(b))

#define BIT(n)			(1UL << (n))
#define BUILD_BUG_ON(c)		_Static_assert(!(c), #c)

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

#define fallthrough	__attribute__((__fallthrough__))

#endif
