/*
 * mm/huge_memory_sysfs.c - /sys/kernel/mm/transparent_hugepage/: enabled,
 * defrag and hpage_pmd_size, in Linux's format: every choice on one line,
 * the current one in brackets ("always [madvise] never"); writing a choice's
 * name selects it, anything else is -EINVAL.  Also what defrag means for a
 * THP fault's allocation.  Linux: mm/huge_memory.c (enabled_show,
 * defrag_store, vma_thp_gfp_mask), Documentation/admin-guide/mm/transhuge.rst.
 */
#include <mm/huge_mm.h>
#include <mm/mmap.h>
#include <mm/gfp.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <asm/page.h>

enum transparent_hugepage_defrag transparent_hugepage_defrag = THP_DEFRAG_MADVISE;

static const char *const defrag_names[] = {
	[THP_DEFRAG_ALWAYS] = "always",
	[THP_DEFRAG_DEFER] = "defer",
	[THP_DEFRAG_DEFER_MADVISE] = "defer+madvise",
	[THP_DEFRAG_MADVISE] = "madvise",
	[THP_DEFRAG_NEVER] = "never",
};

gfp_t vma_thp_gfp_mask(struct vm_area_struct *vma)
{
	bool madvised = vma->vm_flags & VM_HUGEPAGE;

	switch (transparent_hugepage_defrag) {
	case THP_DEFRAG_ALWAYS:
		return GFP_TRANSHUGE;
	case THP_DEFRAG_DEFER_MADVISE:
	case THP_DEFRAG_MADVISE:
		return madvised ? GFP_TRANSHUGE : GFP_TRANSHUGE_LIGHT;
	default:
		return GFP_TRANSHUGE_LIGHT;
	}
}

/* "a [b] c\n" with choice `cur` in brackets. */
static long show_choices(char *buf, const char *const *names, unsigned int n, unsigned int cur)
{
	long len = 0;

	for (unsigned int i = 0; i < n; i++)
		len += scnprintf(buf + len, PAGE_SIZE - len, i == cur ? "%s[%s]" : "%s%s",
				 i ? " " : "", names[i]);
	len += scnprintf(buf + len, PAGE_SIZE - len, "\n");
	return len;
}

/*
 * The index of the name in the count bytes written, or -EINVAL.  sysfs
 * hands a store exactly those bytes with a NUL after them (kernfs copies
 * them into a page): "alwaysX" written as 6 bytes is "always".
 */
static int parse_choice(const char *buf, size_t count, const char *const *names, unsigned int n)
{
	char word[32];
	size_t len = strnlen(buf, count);

	if (len >= sizeof(word))		/* longer than any choice */
		return -EINVAL;
	memcpy(word, buf, len);
	word[len] = 0;
	for (unsigned int i = 0; i < n; i++)
		if (sysfs_streq(word, names[i]))
			return i;
	return -EINVAL;
}

long enabled_show(char *buf)
{
	return show_choices(buf, thp_mode_names, NR_THP_MODES,
			    transparent_hugepage_mode);
}

long enabled_store(const char *buf, size_t count)
{
	int mode = parse_choice(buf, count, thp_mode_names, NR_THP_MODES);

	if (mode < 0)
		return mode;
	set_transparent_hugepage_mode(mode);
	return count;
}

long defrag_show(char *buf)
{
	return show_choices(buf, defrag_names, ARRAY_SIZE(defrag_names),
			    transparent_hugepage_defrag);
}

long defrag_store(const char *buf, size_t count)
{
	int defrag = parse_choice(buf, count, defrag_names, ARRAY_SIZE(defrag_names));

	if (defrag < 0)
		return defrag;
	transparent_hugepage_defrag = defrag;
	return count;
}

long hpage_pmd_size_show(char *buf)
{
	return scnprintf(buf, PAGE_SIZE, "%lu\n", HPAGE_PMD_SIZE);
}
