/*
 * mm/slab.c - kmalloc/kfree: the kmalloc size classes and their slabs.
 *
 * A slab is one order-0 page cut into equal objects of its cache's size.
 * Its free objects form a singly linked list threaded through the objects
 * themselves: the first word of a free object points at the next free one
 * (the "free pointer"), page->freelist at the first.  Allocating pops the
 * head, freeing pushes onto it, so the object freed last is handed out
 * first.  The rest of a free object holds POISON_FREE (0x6b), checked when
 * the object is handed out again: a changed byte means a write after kfree.
 *
 * A cache keeps slabs with free objects on its partial list; full slabs
 * are on no list (kfree finds them through virt_to_page) and an empty slab
 * goes back to the buddy allocator at once, so no memory sits idle here.
 * Requests above KMALLOC_MAX_CACHE_SIZE skip the slabs and take a compound
 * page of the smallest order that fits; kfree reads the order from the folio.
 *
 * Debug checks: kfree of anything that is not a kmalloc object, and a
 * double kfree of the object freed last, are always reported with the page
 * (bad_page) and otherwise ignored - going on would corrupt the freelist.
 * With slub_debug=1 (Linux's parameter; off by default, as there, and on
 * in `make test`) a double kfree of any free object is caught (a walk of
 * the slab's freelist) and free objects are poisoned and checked.
 *
 * Linux: mm/slub.c (allocate_slab, ___slab_alloc, __slab_free, on_freelist,
 * check_object, free_large_kmalloc), mm/slab_common.c (kmalloc_caches,
 * kmalloc_slab, __kmalloc_large_node).  mmlab leaves out per-cpu slabs,
 * NUMA nodes, red zones, alignment options and kmem_cache_create().
 */
#include <mm/slab.h>
#include <mm/mm.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/param.h>
#include <kernel/errno.h>

/*
 * The caches are set up at compile time (Linux builds them in
 * kmem_cache_init()), so kmalloc works as soon as the buddy allocator does.
 */
#define KMALLOC_CACHE(idx, size) [idx] = {				\
	.name = "kmalloc-" #size,					\
	.object_size = size,						\
	.objects = PAGE_SIZE / size,					\
	.partial = LIST_HEAD_INIT(kmalloc_caches[idx].partial),	\
}

static struct kmem_cache kmalloc_caches[NR_KMALLOC_CACHES] = {
	KMALLOC_CACHE(0, 8),
	KMALLOC_CACHE(1, 16),
	KMALLOC_CACHE(2, 32),
	KMALLOC_CACHE(3, 64),
	KMALLOC_CACHE(4, 128),
	KMALLOC_CACHE(5, 256),
	KMALLOC_CACHE(6, 512),
	KMALLOC_CACHE(7, 1024),
	KMALLOC_CACHE(8, 2048),
};

/*
 * A large kmalloc's head page carries this in page->private, so kfree can
 * tell it from any other allocated page.  Linux marks such folios with a
 * page type (PGTY_large_kmalloc); mmlab has no page types, and ->private
 * belongs to whoever allocated the page.  No buddy order can look like it.
 */
#define LARGE_KMALLOC_MAGIC	0x636f6c6c616d6bUL	/* "kmalloc" in ASCII */

static unsigned long nr_large_live;	/* large kmallocs not yet freed */
static unsigned long nr_large_pages;	/* pages they hold */

/* ---- reports ------------------------------------------------------------ */

/*
 * Reports a kfree/ksize of something that is not a live kmalloc object,
 * naming the address and dumping the page (if there is a struct page).
 * The caller then leaves everything alone.
 */
static void __printf(4, 5) kmalloc_bad_pointer(const char *caller, const void *objp,
						const struct page *page,
						const char *fmt, ...)
{
	char why[128], reason[192];
	va_list args;

	va_start(args, fmt);
	vsnprintf(why, sizeof(why), fmt, args);
	va_end(args);
	snprintf(reason, sizeof(reason), "%s(%p): %s", caller, objp, why);
	if (page) {
		bad_page(page, reason);
		return;
	}
	/* bad_page() needs a page; say the same without one. */
	bad_page_reports++;
	printk(KERN_EMERG "BUG: Bad kmalloc pointer: %s\n", reason);
	if (!mm_debug_report_only)
		dump_stack();
}

/* Reports a slab whose own contents are corrupt.  Linux: slab_err(). */
static void __printf(3, 4) slab_err(const struct kmem_cache *s, const struct page *slab,
				    const char *fmt, ...)
{
	char why[128], reason[160];
	va_list args;

	va_start(args, fmt);
	vsnprintf(why, sizeof(why), fmt, args);
	va_end(args);
	snprintf(reason, sizeof(reason), "%s: %s", s->name, why);
	bad_page(slab, reason);
}

/* ---- the size classes --------------------------------------------------- */

/* Index of the smallest class holding size bytes (0 < size <= 2048). */
static unsigned int kmalloc_index(size_t size)
{
	unsigned int shift = KMALLOC_SHIFT_LOW;

	while ((1UL << shift) < size)
		shift++;
	return shift - KMALLOC_SHIFT_LOW;
}

static struct kmem_cache *kmalloc_slab(size_t size)
{
	struct kmem_cache *s = &kmalloc_caches[kmalloc_index(size)];

	VM_BUG_ON(size > s->object_size);
	return s;
}

static bool is_kmalloc_cache(const struct kmem_cache *s)
{
	return s >= kmalloc_caches && s < kmalloc_caches + NR_KMALLOC_CACHES;
}

/* ---- objects inside a slab ---------------------------------------------- */

/* Does p point at the start of one of the slab's objects? */
static bool slab_object_ok(const struct kmem_cache *s, const struct page *slab,
			   const void *p)
{
	unsigned long off = (unsigned long)p - (unsigned long)page_address(slab);

	/* below the page, off wraps around and is >= PAGE_SIZE too */
	return off < PAGE_SIZE && (off & (s->object_size - 1)) == 0;
}

static void *get_freepointer(const void *object)
{
	return *(void *const *)object;
}

static void set_freepointer(void *object, void *fp)
{
	*(void **)object = fp;
}

/* Fills a free object after its free pointer (kmalloc-8 has no room left). */
/* slub_debug=1: the full consistency checks and poisoning (Linux: "FPZ"). */
static bool slub_debug;

static int __init setup_slub_debug(char *val)
{
	return val ? kstrtobool(val, &slub_debug) : -EINVAL;
}
__setup("slub_debug", setup_slub_debug);

static void poison_object(const struct kmem_cache *s, void *object)
{
	if (!slub_debug)
		return;
	memset((u8 *)object + sizeof(void *), POISON_FREE,
	       s->object_size - sizeof(void *));
}

/* Is the poison of a free object intact?  Reports the first changed byte. */
static void check_object_poison(const struct kmem_cache *s, struct page *slab,
				void *object)
{
	const u8 *start = (const u8 *)object + sizeof(void *);
	const u8 *bad = slub_debug ?
			memchr_inv(start, POISON_FREE, s->object_size - sizeof(void *)) : NULL;

	if (bad)
		slab_err(s, slab, "object %p written after kfree: byte at offset %lu is 0x%02x, not 0x%02x",
			 object, (unsigned long)(bad - (const u8 *)object), *bad, POISON_FREE);
}

/*
 * The next free object after `object`.  A write after kfree may have hit
 * the free pointer: if it does not point at an object of this slab, report
 * it and end the freelist here - the objects after it are lost (never
 * handed out twice), and the slab is freed once the handed-out ones are.
 */
static void *next_free_object(const struct kmem_cache *s, struct page *slab,
			      void *object)
{
	void *fp = get_freepointer(object);

	if (fp && !slab_object_ok(s, slab, fp)) {
		slab_err(s, slab, "freelist corrupt: free object %p points at %p; freelist cut there",
			 object, fp);
		set_freepointer(object, NULL);
		return NULL;
	}
	return fp;
}

/* Is object already free?  A walk is cheap: at most 512 objects per slab. */
static bool on_freelist(const struct kmem_cache *s, struct page *slab,
			const void *object)
{
	unsigned long nr = 0;

	if (!slub_debug)		/* without debugging: only the last one freed */
		return slab->freelist == object;
	for (void *fp = slab->freelist; fp; fp = next_free_object(s, slab, fp)) {
		bool loop;

		if (fp == object)
			return true;
		/* more free objects than the slab has room for: a loop */
		loop = ++nr > s->objects - slab->inuse;
		VM_BUG_ON_PAGE(loop, slab);
		if (loop)
			break;
	}
	return false;
}

/* ---- slabs -------------------------------------------------------------- */

/* A fresh slab: every object free and poisoned, chained in address order. */
static struct page *allocate_slab(struct kmem_cache *s, gfp_t flags)
{
	/* __GFP_ZERO is for the object, not the page; a slab is never compound */
	struct page *slab = alloc_pages(flags & ~(__GFP_ZERO | __GFP_COMP), 0);
	u8 *base;

	if (!slab)
		return NULL;
	base = page_address(slab);
	for (unsigned int i = 0; i < s->objects; i++) {
		u8 *object = base + i * s->object_size;

		poison_object(s, object);
		set_freepointer(object, i + 1 < s->objects ? object + s->object_size : NULL);
	}
	SetPageSlab(slab);
	slab->slab_cache = s;
	slab->freelist = base;
	slab->inuse = 0;
	list_add(&slab->slab_list, &s->partial);
	s->nr_slabs++;
	return slab;
}

/* The last object came back: the page goes back to the buddy allocator. */
static void discard_slab(struct kmem_cache *s, struct page *slab)
{
	VM_BUG_ON_PAGE(slab->inuse != 0, slab);
	list_del(&slab->slab_list);
	/* the allocator refuses a page freed with PG_slab; leave no slab state */
	ClearPageSlab(slab);
	slab->slab_cache = NULL;
	slab->freelist = NULL;
	s->nr_slabs--;
	__free_page(slab);
}

static void *slab_alloc(struct kmem_cache *s, gfp_t flags)
{
	struct page *slab;
	void *object;

	if (list_empty(&s->partial) && !allocate_slab(s, flags))
		return NULL;
	slab = list_first_entry(&s->partial, struct page, slab_list);
	VM_BUG_ON_PAGE(!PageSlab(slab) || slab->slab_cache != s, slab);
	VM_BUG_ON_PAGE(!slab->freelist || slab->inuse >= s->objects, slab);

	object = slab->freelist;
	check_object_poison(s, slab, object);
	slab->freelist = next_free_object(s, slab, object);
	slab->inuse++;
	if (!slab->freelist)		/* full: off the list until an object returns */
		list_del(&slab->slab_list);
	s->nr_live++;

	if (flags & __GFP_ZERO)
		memset(object, 0, s->object_size);
	return object;
}

static void slab_free(struct kmem_cache *s, struct page *slab, void *object)
{
	if (on_freelist(s, slab, object)) {
		kmalloc_bad_pointer("kfree", object, slab,
				    "double kfree: the %s object is already free", s->name);
		return;
	}
	VM_BUG_ON_PAGE(slab->inuse == 0, slab);

	poison_object(s, object);
	set_freepointer(object, slab->freelist);
	if (!slab->freelist)		/* it was full: it has a free object again */
		list_add(&slab->slab_list, &s->partial);
	slab->freelist = object;
	slab->inuse--;
	s->nr_live--;
	if (!slab->inuse)
		discard_slab(s, slab);
}

/* ---- large allocations: whole pages -------------------------------------- */

/* The smallest order whose block holds size bytes (MAX_PAGE_ORDER + 1 if none). */
static unsigned int kmalloc_large_order(size_t size)
{
	unsigned int order = 0;

	while (order <= MAX_PAGE_ORDER && (PAGE_SIZE << order) < size)
		order++;
	return order;
}

static void *kmalloc_large(size_t size, gfp_t flags)
{
	/* an order above MAX_PAGE_ORDER fails in alloc_pages, with its warning */
	unsigned int order = kmalloc_large_order(size);
	struct page *page = alloc_pages(flags | __GFP_COMP, order);

	if (!page)
		return NULL;
	page->private = LARGE_KMALLOC_MAGIC;
	nr_large_live++;
	nr_large_pages += 1UL << order;
	return page_address(page);
}

static bool folio_test_large_kmalloc(const struct folio *folio)
{
	return folio->private == LARGE_KMALLOC_MAGIC && folio_ref_count(folio) > 0;
}

static void free_large_kmalloc(struct folio *folio)
{
	unsigned int order = folio_order(folio);	/* 0 for a single page */

	folio->private = 0;
	nr_large_live--;
	nr_large_pages -= 1UL << order;
	__free_pages(&folio->page, order);
}

/* ---- the API ------------------------------------------------------------ */

/*
 * The page behind objp if objp is the start of a kmalloc object: its slab,
 * or the head page of a large kmalloc.  Anything else is reported on
 * behalf of `caller` and gives NULL.
 */
static struct page *kmalloc_object_page(const char *caller, const void *objp)
{
	unsigned long pfn = PFN_DOWN(__pa(objp));
	struct page *page;
	struct folio *folio;

	if (!pfn_valid(pfn)) {
		kmalloc_bad_pointer(caller, objp, NULL, "not an address in RAM");
		return NULL;
	}
	page = pfn_to_page(pfn);
	if (PageSlab(page)) {
		struct kmem_cache *s = page->slab_cache;

		VM_BUG_ON_PAGE(!is_kmalloc_cache(s), page);
		if (slab_object_ok(s, page, objp))
			return page;
		kmalloc_bad_pointer(caller, objp, page, "not the start of an object in %s",
				    s->name);
		return NULL;
	}
	folio = page_folio(page);
	if (folio_test_large_kmalloc(folio)) {
		if (objp == folio_address(folio))
			return &folio->page;
		kmalloc_bad_pointer(caller, objp, page,
				    "inside a large kmalloc, not at its start %p",
				    folio_address(folio));
		return NULL;
	}
	if (page_ref_count(page) == 0)
		kmalloc_bad_pointer(caller, objp, page, "the page is free (a double kfree?)");
	else
		kmalloc_bad_pointer(caller, objp, page,
				    "the page is neither a slab nor a large kmalloc");
	return NULL;
}

void *kmalloc(size_t size, gfp_t flags)
{
	if (!size)
		return NULL;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, flags);
	return slab_alloc(kmalloc_slab(size), flags);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, flags);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

void kfree(const void *objp)
{
	struct page *page;

	if (!objp)
		return;
	page = kmalloc_object_page("kfree", objp);
	if (!page)
		return;
	if (PageSlab(page))
		slab_free(page->slab_cache, page, (void *)objp);
	else
		free_large_kmalloc(page_folio(page));
}

size_t ksize(const void *objp)
{
	struct page *page;

	if (!objp)
		return 0;
	page = kmalloc_object_page("ksize", objp);
	if (!page)
		return 0;
	if (PageSlab(page))
		return page->slab_cache->object_size;
	return folio_size(page_folio(page));
}

unsigned long kmalloc_live_objects(void)
{
	unsigned long nr = nr_large_live;

	for (int i = 0; i < NR_KMALLOC_CACHES; i++)
		nr += kmalloc_caches[i].nr_live;
	return nr;
}

/* Like /proc/slabinfo: per size class, its slab pages and objects. */
void show_slab_info(void)
{
	pr_info("slabinfo: %-14s %6s %6s %8s %8s\n", "name", "size", "slabs", "live", "free");
	for (int i = 0; i < NR_KMALLOC_CACHES; i++) {
		const struct kmem_cache *s = &kmalloc_caches[i];

		pr_info("slabinfo: %-14s %6u %6lu %8lu %8lu\n", s->name, s->object_size,
			s->nr_slabs, s->nr_live, s->nr_slabs * s->objects - s->nr_live);
	}
	pr_info("slabinfo: %-14s %6s %6s %8lu   (%lu pages)\n", "kmalloc-large", ">2048", "-",
		nr_large_live, nr_large_pages);
}
