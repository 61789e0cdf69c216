/*
 * mm/shmem.c - shared anonymous memory: the shmem file behind a
 * MAP_SHARED|MAP_ANONYMOUS mapping (see include/mm/shmem_fs.h).
 *
 * The file's "page cache" is an array of folios by page offset, sized when
 * the mapping is made (Linux: the inode's address_space, an xarray, sized
 * by i_size); each folio there holds one reference for the cache, and one
 * more per PTE that maps it.  The file goes - and its pages with it - when
 * its last reference does: the VMAs (and their split pieces, fork's
 * copies) each hold one.  Linux: mm/shmem.c.
 */
#include <mm/shmem_fs.h>
#include <mm/memory.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <kernel/fs.h>
#include <kernel/errno.h>
#include <kernel/string.h>

/* The page cache of one shmem file (Linux: struct address_space). */
struct shmem_mapping {
	pgoff_t nr_pages;		/* the file's size */
	struct folio **folios;		/* by page offset; NULL: never touched (zeroes) */
};

static unsigned long nr_shmem_pages;

unsigned long shmem_pages(void)
{
	return nr_shmem_pages;
}

static int shmem_release(struct inode *inode, struct file *file)
{
	struct shmem_mapping *mapping = file->private_data;

	(void)inode;
	for (pgoff_t i = 0; i < mapping->nr_pages; i++) {
		if (!mapping->folios[i])
			continue;
		mapping->folios[i]->mapping = NULL;
		folio_put(mapping->folios[i]);	/* the page cache's reference */
		nr_shmem_pages--;
	}
	kfree(mapping->folios);
	kfree(mapping);
	return 0;
}

static const struct file_operations shmem_file_operations = {
	.release = shmem_release,
};

/* The folio at pgoff, made (zeroed) the first time.  Linux: shmem_get_folio(). */
static struct folio *shmem_get_folio(struct shmem_mapping *mapping, pgoff_t pgoff)
{
	struct folio *folio = mapping->folios[pgoff];

	if (folio)
		return folio;
	folio = folio_alloc(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN, 0);
	if (!folio)
		return NULL;
	folio->mapping = mapping;	/* not anonymous: no PG_anon */
	folio->index = pgoff;
	folio_set_swapbacked(folio);
	mapping->folios[pgoff] = folio;
	nr_shmem_pages++;
	return folio;
}

/* The VMA's page at the fault address, with a reference for the mapping. */
static vm_fault_t shmem_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct shmem_mapping *mapping = vma->vm_file->private_data;
	pgoff_t pgoff = linear_page_index(vma, vmf->address);
	struct folio *folio;

	if (pgoff >= mapping->nr_pages)
		return VM_FAULT_SIGBUS;		/* past the end (mremap grew the VMA) */
	folio = shmem_get_folio(mapping, pgoff);
	if (!folio)
		return VM_FAULT_OOM;
	folio_get(folio);
	vmf->page = &folio->page;
	return 0;
}

static const struct vm_operations_struct shmem_anon_vm_ops = {
	.fault = shmem_fault,
};

bool vma_is_shmem(const struct vm_area_struct *vma)
{
	return vma->vm_ops == &shmem_anon_vm_ops;
}

/*
 * The folio the file holds for addr's page, or NULL (never touched: zeroes),
 * without allocating or taking a reference - for checks that look at memory
 * without faulting it in (tests/stress/).  Linux: filemap_get_folio().
 */
struct folio *shmem_vma_folio(const struct vm_area_struct *vma, unsigned long addr)
{
	struct shmem_mapping *mapping = vma->vm_file->private_data;
	pgoff_t pgoff = linear_page_index(vma, addr);

	return pgoff < mapping->nr_pages ? mapping->folios[pgoff] : NULL;
}

/* Linux: shmem_kernel_file_setup("dev/zero", size) - an unnamed file of size pages. */
static struct file *shmem_file_setup(pgoff_t nr_pages)
{
	struct shmem_mapping *mapping = kzalloc(sizeof(*mapping), GFP_KERNEL);
	struct file *file = kzalloc(sizeof(*file), GFP_KERNEL);

	if (mapping)
		mapping->folios = kcalloc(nr_pages, sizeof(*mapping->folios), GFP_KERNEL);
	if (!file || !mapping || !mapping->folios) {
		if (mapping)
			kfree(mapping->folios);
		kfree(mapping);
		kfree(file);
		return NULL;
	}
	mapping->nr_pages = nr_pages;
	file->f_op = &shmem_file_operations;
	file->f_mode = FMODE_READ | FMODE_WRITE;
	file->f_count = 1;
	file->private_data = mapping;
	return file;
}

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *file = shmem_file_setup((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);

	if (!file)
		return -ENOMEM;
	vma->vm_file = file;
	vma->vm_ops = &shmem_anon_vm_ops;
	vma->vm_pgoff = 0;		/* offsets in the file */
	return 0;
}
