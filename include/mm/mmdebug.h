/*
 * include/mm/mmdebug.h - state checks that name the culprit page.
 *
 * VM_BUG_ON_PAGE(cond, page) prints dump_page(page) - pfn, zone, order,
 * refcount, mapcount and the flags by name - and then stops the kernel like
 * BUG().  These checks are always on in mmlab (Linux: CONFIG_DEBUG_VM).
 *
 * Tests that provoke a report on purpose set mm_debug_report_only: the
 * report is printed and counted in vm_bug_reports, and execution goes on.
 * Linux: include/linux/mmdebug.h, mm/debug.c.
 */
#ifndef _MM_MMDEBUG_H
#define _MM_MMDEBUG_H

#include <kernel/panic.h>
#include <mm/mm_types.h>

extern bool mm_debug_report_only;
extern unsigned long vm_bug_reports;	/* VM_BUG_ON* reports so far */
extern unsigned long bad_page_reports;	/* bad_page() reports so far */

void dump_page(const struct page *page, const char *reason);
void dump_folio(const struct folio *folio, const char *reason);
/* Formats "flags=0x..(head|buddy|...)" into buf; returns the length. */
int format_page_flags(char *buf, size_t size, unsigned long flags);
void vm_bug(const char *file, int line, const char *cond);
/* Reports a page in a state it must not be in; the caller leaves it alone. */
void bad_page(const struct page *page, const char *reason);

#define VM_BUG_ON(cond) do {						\
	if (unlikely(cond))						\
		vm_bug(__FILE__, __LINE__, #cond);			\
} while (0)

#define VM_BUG_ON_PAGE(cond, page) do {					\
	if (unlikely(cond)) {						\
		dump_page(page, "VM_BUG_ON_PAGE(" #cond ")");		\
		vm_bug(__FILE__, __LINE__, #cond);			\
	}								\
} while (0)

#define VM_BUG_ON_FOLIO(cond, folio) do {				\
	if (unlikely(cond)) {						\
		dump_folio(folio, "VM_BUG_ON_FOLIO(" #cond ")");	\
		vm_bug(__FILE__, __LINE__, #cond);			\
	}								\
} while (0)

#define VM_WARN_ON(cond)	WARN_ON(cond)
/* A state that should not happen but can be lived with: dump, warn, go on. */
#define VM_WARN_ON_FOLIO(cond, folio) ({				\
	bool __vm_warn = unlikely(cond);					\
	if (__vm_warn)							\
		dump_folio(folio, "VM_WARN_ON_FOLIO(" #cond ")");	\
	WARN_ON(__vm_warn);						\
})
#define VM_WARN_ON_ONCE(cond)	WARN_ON_ONCE(cond)

#endif
