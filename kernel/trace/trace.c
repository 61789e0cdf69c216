/*
 * kernel/trace/trace.c - the trace ring buffer (include/kernel/trace.h).
 *
 * TRACE_BUF_ENTRIES fixed-size records; when full, the oldest is
 * overwritten, as Linux's ring buffer does in its default overwrite mode.
 * A record keeps the time (local_clock), the task's pid and name, the
 * event and four numbers; the text is made only when someone reads it, so
 * tracing costs a copy, not a printk.  One CPU and no preemption: no
 * locking.  Linux: kernel/trace/trace.c (trace file, trace_event=),
 * kernel/trace/ring_buffer.c.
 */
#include <kernel/trace.h>
#include <kernel/seq_file.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <kernel/param.h>
#include <kernel/errno.h>

#define TRACE_BUF_ENTRIES	8192	/* 512 KiB of .bss; the migration demo makes ~6,800 */

struct trace_record {
	u64 ts;
	int pid;
	u16 id;
	char comm[16];
	unsigned long arg[4];
};

/*
 * Each event's system (the directory of events/ in Linux's tracefs: kmem
 * and thp are Linux's, mmlab the others'), name, and the format of its
 * four numbers.
 */
static const struct { const char *system, *name, *fmt; } events[NR_TRACE_EVENTS] = {
	/* Linux's TP_printk (mm_page_alloc's migratetype and gfp_flags left out) */
	[TRACE_mm_page_alloc]		= { "kmem", "mm_page_alloc", "page=%p pfn=0x%lx order=%lu" },
	[TRACE_mm_page_free]		= { "kmem", "mm_page_free", "page=%p pfn=0x%lx order=%lu" },
	[TRACE_mm_buddy_split]		= { "mmlab", "mm_buddy_split", "pfn=%#lx order=%lu" },
	[TRACE_mm_buddy_merge]		= { "mmlab", "mm_buddy_merge", "pfn=%#lx order=%lu" },
	[TRACE_thp_fault_alloc]		= { "mmlab", "thp_fault_alloc", "addr=%#lx pfn=%#lx" },
	[TRACE_split_huge_pmd]		= { "mmlab", "split_huge_pmd", "addr=%#lx pmd=%#lx" },
	[TRACE_split_huge_page]		= { "mmlab", "split_huge_page",
					    "pfn=%#lx order=%lu new_order=%lu" },
	[TRACE_set_migration_pmd]	= { "thp", "set_migration_pmd", "addr=%lx, pmd=%lx" },
	[TRACE_remove_migration_pmd]	= { "thp", "remove_migration_pmd", "addr=%lx, pmd=%lx" },
	[TRACE_mm_migrate_vma_setup]	= { "mmlab", "mm_migrate_vma_setup",
					    "start=%#lx npages=%lu cpages=%lu" },
	[TRACE_mm_migrate_vma_split]	= { "mmlab", "mm_migrate_vma_split",
					    "addr=%#lx pfn=%#lx func=migrate_vma_split_unmapped_folio" },
	[TRACE_mm_migrate_vma_pages]	= { "mmlab", "mm_migrate_vma_pages",
					    "start=%#lx npages=%lu migrated=%lu" },
	[TRACE_mm_migrate_vma_finalize]	= { "mmlab", "mm_migrate_vma_finalize", "start=%#lx npages=%lu" },
	[TRACE_mm_migrate_to_ram]	= { "mmlab", "mm_migrate_to_ram", "addr=%#lx pfn=%#lx" },
	[TRACE_mm_pgtable_region]	= { "mmlab", "mm_pgtable_region",
					    "addr=%#lx pmd_mapped=%lu ram=%lu device=%lu" },
};

unsigned long trace_enabled_mask;
static bool trace_dump_requested;
static struct trace_record buf[TRACE_BUF_ENTRIES];
static unsigned long next;		/* records written so far */

void trace_event(enum trace_event_id id, unsigned long a, unsigned long b, unsigned long c,
		 unsigned long d)
{
	struct trace_record *r = &buf[next++ % TRACE_BUF_ENTRIES];

	r->ts = local_clock();
	r->pid = current ? current->pid : 0;
	/* pid 0 is "<idle>", as Linux's trace_find_cmdline() says */
	strscpy(r->comm, current && current->pid ? current->comm : "<idle>", sizeof(r->comm));
	r->id = id;
	r->arg[0] = a;
	r->arg[1] = b;
	r->arg[2] = c;
	r->arg[3] = d;
}

/*
 * One line as Linux's trace file has it with options/irq-info off
 * (trace_print_context): "comm-pid [cpu] secs: event: fields".
 */
static int format_record(char *line, size_t size, const struct trace_record *r)
{
	int n = scnprintf(line, size, "%16s-%-7d [000] %5llu.%06llu: %s: ", r->comm, r->pid,
			  (unsigned long long)(r->ts / 1000000000),
			  (unsigned long long)(r->ts / 1000 % 1000000), events[r->id].name);

	return n + scnprintf(line + n, size - n, events[r->id].fmt, r->arg[0], r->arg[1],
			     r->arg[2], r->arg[3]);
}

static unsigned long first_record(void)
{
	return next > TRACE_BUF_ENTRIES ? next - TRACE_BUF_ENTRIES : 0;
}

/*
 * The first record whose text, with all after it, fits in one rendering
 * of the file (SEQ_MAX_SIZE): older ones are left out of the file, not
 * lost (trace_dump prints them all).  Linux streams the file instead.
 */
static unsigned long first_shown(void)
{
	size_t room = SEQ_MAX_SIZE - PAGE_SIZE;	/* a page for the header */
	char line[160];
	unsigned long i = next;

	while (i > first_record()) {
		size_t len = format_record(line, sizeof(line), &buf[(i - 1) % TRACE_BUF_ENTRIES]) + 1;

		if (len > room)
			break;
		room -= len;
		i--;
	}
	return i;
}

int trace_show(struct seq_file *m, void *v)
{
	unsigned long from = first_shown();
	char line[160];

	(void)v;
	seq_printf(m, "# tracer: nop\n#\n# entries-in-buffer/entries-written: %lu/%lu   #P:1\n",
		   next - first_record(), next);
	if (from > first_record())
		seq_printf(m, "# the oldest %lu are left out of this file (trace_dump prints all)\n",
			   from - first_record());
	/* Linux's print_func_help_header() */
	seq_printf(m, "#\n#           TASK-PID     CPU#     TIMESTAMP  FUNCTION\n"
		   "#              | |         |         |         |\n");
	for (unsigned long i = from; i < next; i++) {
		format_record(line, sizeof(line), &buf[i % TRACE_BUF_ENTRIES]);
		seq_printf(m, "%s\n", line);
	}
	return 0;
}

void trace_dump(void)
{
	char line[160];

	pr_info("trace: dump of %lu events (of %lu written) begins\n", next - first_record(), next);
	for (unsigned long i = first_record(); i < next; i++) {
		format_record(line, sizeof(line), &buf[i % TRACE_BUF_ENTRIES]);
		pr_info("%s\n", line);
	}
	pr_info("trace: dump ends\n");
}

void trace_boot_dump(void)
{
	if (trace_dump_requested)
		trace_dump();
}

static bool word_is(const char *p, size_t len, const char *s)
{
	return strlen(s) == len && !memcmp(p, s, len);
}

/*
 * The events one word stands for, as Linux's ftrace_set_clr_event(): with
 * no colon, an event or a system of that name; else "system:name", where
 * an empty part or "*" means any ("*:*" is every event; a bare "*" none).
 */
static unsigned long events_named(const char *p, size_t len)
{
	const char *colon = memchr(p, ':', len);
	size_t sublen = colon ? (size_t)(colon - p) : len;
	const char *ev = colon ? colon + 1 : NULL;
	size_t evlen = colon ? len - sublen - 1 : 0;
	bool any_sub = colon && (!sublen || word_is(p, sublen, "*"));
	bool any_ev = colon && (!evlen || word_is(ev, evlen, "*"));
	unsigned long mask = 0;

	for (int i = 0; i < NR_TRACE_EVENTS; i++) {
		bool match;

		if (!colon)
			match = word_is(p, len, events[i].name) || word_is(p, len, events[i].system);
		else
			match = (any_sub || word_is(p, sublen, events[i].system)) &&
				(any_ev || word_is(ev, evlen, events[i].name));
		if (match)
			mask |= 1UL << i;
	}
	return mask;
}

/* trace_event=all, or names separated by commas. */
static int __init set_trace_event(char *val)
{
	char *p = val;

	while (p && *p) {
		char *comma = strchr(p, ',');
		unsigned long mask;

		if (comma)
			*comma = '\0';
		/* "all" is mmlab's word for every event (Linux: "*:*") */
		mask = !strcmp(p, "all") ? (1UL << NR_TRACE_EVENTS) - 1 : events_named(p, strlen(p));
		trace_enabled_mask |= mask;
		if (!mask)
			pr_warn("trace_event: no event called '%s'\n", p);
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}
__setup("trace_event", set_trace_event);

static int __init set_trace_dump(char *val)
{
	(void)val;
	trace_dump_requested = true;
	return 0;
}
__setup("trace_dump", set_trace_dump);

/* Opening trace with O_TRUNC for writing empties the buffer (Linux: tracing_open). */
void tracing_reset_online_cpus(void)
{
	next = 0;
}

/* Writes to trace are taken and ignored, as Linux's tracing_write_stub. */
long tracing_write_stub(const char *buf, size_t count)
{
	(void)buf;
	return count;
}

/* set_event: the events on, "system:name" a line (Linux: t_show). */
int set_event_show(struct seq_file *m, void *v)
{
	(void)v;
	for (int i = 0; i < NR_TRACE_EVENTS; i++)
		if (trace_enabled_mask & (1UL << i))
			seq_printf(m, "%s:%s\n", events[i].system, events[i].name);
	return 0;
}

/* available_events: every event, the same way. */
int available_events_show(struct seq_file *m, void *v)
{
	(void)v;
	for (int i = 0; i < NR_TRACE_EVENTS; i++)
		seq_printf(m, "%s:%s\n", events[i].system, events[i].name);
	return 0;
}

/*
 * Writing names to set_event turns them on, "!name" off; separated by
 * white space.  A name that matches no event: -EINVAL, as Linux's
 * ftrace_set_clr_event.  O_TRUNC (the shell's >) first turns all off.
 */
long set_event_store(const char *buf, size_t count)
{
	/* words end at white space; a NUL ends the input (Linux: trace_get_user) */
	const char *p = buf, *end = buf + strnlen(buf, count);

	while (p < end) {
		const char *w;
		bool clear;
		unsigned long mask;

		p = skip_spaces(p);
		if (p >= end)
			break;
		clear = *p == '!';
		p += clear;
		for (w = p; w < end && skip_spaces(w) == w; w++)
			;
		mask = events_named(p, w - p);
		if (!mask)
			return -EINVAL;
		if (clear)
			trace_enabled_mask &= ~mask;
		else
			trace_enabled_mask |= mask;
		p = w;
	}
	return count;
}

void ftrace_clear_events(void)
{
	trace_enabled_mask = 0;
}
