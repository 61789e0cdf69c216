/*
 * kernel/fs/ramfs.c - files and directories that live only in RAM.
 *
 * A file's bytes are in pages, one struct page pointer per 4 KiB of the
 * file (i_pages, grown as the file grows); a page never written is a hole
 * and reads as zeros.  Pages come from the buddy allocator one at a time,
 * so a big file never needs a big contiguous allocation.  A directory is
 * its dentry's list of children (fs/libfs.c's "simple" directories).
 * Linux: fs/ramfs/ (page cache pages instead of i_pages), fs/libfs.c.
 */
#include <kernel/uio.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "internal.h"

static struct page *file_page(struct inode *inode, unsigned long index)
{
	return index < inode->i_nr_slots ? inode->i_pages[index] : NULL;
}

/* Makes room for pages [0, nr) in i_pages (doubling, so appends are cheap). */
static int grow_slots(struct inode *inode, unsigned long nr)
{
	unsigned long slots = max(nr, 2 * inode->i_nr_slots);
	struct page **pages;

	if (nr <= inode->i_nr_slots)
		return 0;
	pages = kcalloc(slots, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	if (inode->i_nr_slots)
		memcpy(pages, inode->i_pages, inode->i_nr_slots * sizeof(*pages));
	kfree(inode->i_pages);
	inode->i_pages = pages;
	inode->i_nr_slots = slots;
	return 0;
}

static struct page *file_page_alloc(struct inode *inode, unsigned long index)
{
	struct page *page = file_page(inode, index);

	if (page)
		return page;
	if (grow_slots(inode, index + 1))
		return NULL;
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	inode->i_pages[index] = page;
	return page;
}

void ramfs_truncate_pages(struct inode *inode, loff_t new_size)
{
	unsigned long keep = DIV_ROUND_UP(new_size, PAGE_SIZE);
	struct page *last;

	for (unsigned long i = keep; i < inode->i_nr_slots; i++) {
		if (inode->i_pages[i])
			__free_page(inode->i_pages[i]);
		inode->i_pages[i] = NULL;
	}
	/* bytes past the new end must read as zeros if the file grows again */
	last = new_size % PAGE_SIZE ? file_page(inode, keep - 1) : NULL;
	if (last)
		memset((char *)page_address(last) + new_size % PAGE_SIZE, 0,
		       PAGE_SIZE - new_size % PAGE_SIZE);
}

int ramfs_truncate(struct inode *inode, loff_t new_size)
{
	if (new_size < 0)
		return -EINVAL;
	if (new_size > RAMFS_MAX_FILE_SIZE)
		return -EFBIG;
	if (new_size < inode->i_size)
		ramfs_truncate_pages(inode, new_size);
	inode->i_size = new_size;
	return 0;
}

static ssize_t ramfs_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct inode *inode = file->f_inode;
	size_t done = 0;

	while (iov_iter_count(to) && *pos < inode->i_size) {
		struct page *page = file_page(inode, *pos / PAGE_SIZE);
		size_t off = *pos % PAGE_SIZE;
		size_t n = min_t(size_t, PAGE_SIZE - off, inode->i_size - *pos);
		size_t copied;

		n = min(n, iov_iter_count(to));
		copied = page ? copy_to_iter((char *)page_address(page) + off, n, to)
			      : iov_iter_zero(n, to);
		*pos += copied;
		done += copied;
		if (copied < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

/* Linux: generic_write_checks() - O_APPEND, then the size limit (-EFBIG). */
static ssize_t write_checks(struct file *file, loff_t *pos, size_t count)
{
	if (file->f_flags & O_APPEND)
		*pos = file->f_inode->i_size;
	if (*pos >= RAMFS_MAX_FILE_SIZE)
		return count ? -EFBIG : 0;
	return min_t(loff_t, count, RAMFS_MAX_FILE_SIZE - *pos);
}

static ssize_t ramfs_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct inode *inode = file->f_inode;
	ssize_t count = write_checks(file, pos, iov_iter_count(from));
	size_t done = 0;

	if (count <= 0)
		return count;
	while (done < (size_t)count) {
		struct page *page = file_page_alloc(inode, *pos / PAGE_SIZE);
		size_t off = *pos % PAGE_SIZE;
		size_t n = min_t(size_t, PAGE_SIZE - off, count - done);
		size_t copied;

		if (!page)
			return done ? (ssize_t)done : -ENOMEM;
		copied = copy_from_iter((char *)page_address(page) + off, n, from);
		*pos += copied;
		done += copied;
		if (*pos > inode->i_size)
			inode->i_size = *pos;
		if (copied < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return done;
}

/* Linux: vfs_setpos() - a negative position or one past the limit is -EINVAL. */
static loff_t setpos(struct file *file, loff_t offset, loff_t maxsize)
{
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/* Linux: generic_file_llseek_size(); the whole file counts as data. */
static loff_t ramfs_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t size = file->f_inode->i_size, base;

	switch (whence) {
	case SEEK_SET:	base = 0; break;
	case SEEK_CUR:	base = file->f_pos; break;
	case SEEK_END:	base = size; break;
	case SEEK_DATA:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		return setpos(file, offset, RAMFS_MAX_FILE_SIZE);
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		return setpos(file, size, RAMFS_MAX_FILE_SIZE);
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, offset, &offset))
		return -EINVAL;
	return setpos(file, offset, RAMFS_MAX_FILE_SIZE);
}

const struct file_operations ramfs_file_operations = {
	.read_iter = ramfs_read_iter,
	.write_iter = ramfs_write_iter,
	.llseek = ramfs_llseek,
};

/* Linux: generic_read_dir(). */
static ssize_t dir_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	return -EISDIR;
}

/* Linux: dcache_dir_lseek() - positions count entries; SEEK_SET and SEEK_CUR only. */
static loff_t dir_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_CUR && __builtin_add_overflow(file->f_pos, offset, &offset))
		return -EINVAL;
	if (whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	return setpos(file, offset, LLONG_MAX);
}

static unsigned int dt_type(const struct inode *inode)
{
	return (inode->i_mode & S_IFMT) >> 12;
}

/*
 * Linux: dcache_readdir() - position 0 is ".", 1 is "..", 2 + i the i-th
 * child.  (Linux keeps a cursor in the list, so entries created or
 * removed between two calls do not shift the others; here they can.)
 */
static int dir_iterate(struct file *file, struct dir_context *ctx)
{
	struct dentry *dir = file->f_dentry, *d;
	loff_t i = 2;

	if (ctx->pos == 0 && !ctx->actor(ctx, ".", 1, 1, dir->d_inode->i_ino, DT_DIR))
		return 0;
	ctx->pos = max_t(loff_t, ctx->pos, 1);
	if (ctx->pos == 1 && !ctx->actor(ctx, "..", 2, 2, dir->d_parent->d_inode->i_ino, DT_DIR))
		return 0;
	ctx->pos = max_t(loff_t, ctx->pos, 2);
	list_for_each_entry(d, &dir->d_subdirs, d_child) {
		if (i++ < ctx->pos)
			continue;
		if (!ctx->actor(ctx, d->d_name, strlen(d->d_name), i, d->d_inode->i_ino,
				dt_type(d->d_inode)))
			return 0;
		ctx->pos = i;
	}
	return 0;
}

const struct file_operations ramfs_dir_operations = {
	.read_iter = dir_read_iter,
	.llseek = dir_llseek,
	.iterate_shared = dir_iterate,
};
