/*
 * kernel/multiboot.c - read GRUB's multiboot2 boot information.
 *
 * The information is a list of 8-byte-aligned tags after an 8-byte header
 * (total size, reserved).  We keep the command line (type 1), the loader's
 * name (type 2), the memory map (type 6) and where GRUB put the initramfs
 * (type 3, a module: kernel/fs/initramfs.c unpacks it).  At this point only the first
 * 1 GiB of physical memory is mapped (at __START_KERNEL_map), which is where
 * GRUB puts the information.
 */
#include <kernel/multiboot2.h>
#include <kernel/initrd.h>
#include <kernel/param.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <asm/page.h>

struct boot_mem_region boot_mem_map[MAX_BOOT_MEM_REGIONS];
int boot_mem_map_nr;
char boot_loader_name[64];
unsigned long boot_info_phys, boot_info_size;

struct mb2_tag {
	u32 type, size;
};

struct mb2_mmap_entry {
	u64 addr, len;
	u32 type, zero;
};

struct mb2_tag_mmap {
	u32 type, size, entry_size, entry_version;
	struct mb2_mmap_entry entries[];
};

static void add_mmap(const struct mb2_tag_mmap *t)
{
	const u8 *p = (const u8 *)t->entries, *end = (const u8 *)t + t->size;

	for (; p + sizeof(struct mb2_mmap_entry) <= end; p += t->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;

		if (boot_mem_map_nr == MAX_BOOT_MEM_REGIONS) {
			pr_warn("multiboot: more than %d memory regions, rest ignored\n",
				MAX_BOOT_MEM_REGIONS);
			return;
		}
		boot_mem_map[boot_mem_map_nr++] =
			(struct boot_mem_region){ e->addr, e->len, e->type };
	}
}

struct mb2_tag_module {
	u32 type, size;
	u32 mod_start, mod_end;		/* physical, end exclusive */
	char cmdline[];			/* what follows the file name in module2 */
};

/* The initramfs is the module named "initramfs" (or the first, unnamed one). */
static void add_module(const struct mb2_tag_module *t)
{
	size_t max = t->size - sizeof(*t);

	if (t->size <= sizeof(*t) || t->mod_end < t->mod_start || strnlen(t->cmdline, max) == max)
		return;
	if (phys_initrd_size && strcmp(t->cmdline, "initramfs"))
		return;
	phys_initrd_start = t->mod_start;
	phys_initrd_size = t->mod_end - t->mod_start;
}

int multiboot_parse(unsigned long mbi)
{
	const u8 *base, *p, *end;
	u32 total;

	if (!mbi || mbi + 8 > PUD_SIZE)
		return -EINVAL;
	base = (const u8 *)(mbi + __START_KERNEL_map);
	total = *(const u32 *)base;
	if (total < 16 || mbi + total > PUD_SIZE)
		return -EINVAL;
	boot_info_phys = mbi;
	boot_info_size = total;

	end = base + total;
	for (p = base + 8; p + 8 <= end; p += ALIGN(((const struct mb2_tag *)p)->size, 8)) {
		const struct mb2_tag *tag = (const void *)p;

		if (tag->type == MULTIBOOT_TAG_TYPE_END || tag->size < 8)
			break;
		if (tag->type == MULTIBOOT_TAG_TYPE_CMDLINE)
			strscpy(boot_command_line, (const char *)(tag + 1),
				sizeof(boot_command_line));
		else if (tag->type == MULTIBOOT_TAG_TYPE_LOADER_NAME)
			strscpy(boot_loader_name, (const char *)(tag + 1),
				sizeof(boot_loader_name));
		else if (tag->type == MULTIBOOT_TAG_TYPE_MMAP)
			add_mmap((const void *)tag);
		else if (tag->type == MULTIBOOT_TAG_TYPE_MODULE)
			add_module((const void *)tag);
	}
	return boot_mem_map_nr ? 0 : -EINVAL;
}

const char *mem_type_name(u32 type)
{
	switch (type) {
	case MULTIBOOT_MEMORY_AVAILABLE:	return "usable";
	case MULTIBOOT_MEMORY_RESERVED:		return "reserved";
	case MULTIBOOT_MEMORY_ACPI_RECLAIMABLE:	return "ACPI data";
	case MULTIBOOT_MEMORY_NVS:		return "ACPI NVS";
	case MULTIBOOT_MEMORY_BADRAM:		return "unusable";
	default:				return "unknown";
	}
}
