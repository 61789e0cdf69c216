/*
 * kernel/fs/char_dev.c - character devices: major and minor to a driver.
 *
 * A device node's inode carries only its numbers (i_rdev) and
 * def_chr_fops; opening it finds the driver registered for the numbers
 * and puts the driver's file_operations in the file, then calls the
 * driver's open.  No driver: -ENXIO.  Linux: fs/char_dev.c (a hash of
 * struct char_device_struct and cdev_map; here a small table).
 */
#include <kernel/errno.h>
#include "internal.h"

#define MAX_CHRDEV_REGIONS	16
#define CHRDEV_MAJOR_DYN_END	234	/* dynamic majors: 254 down to here, as Linux */
#define CHRDEV_MAJOR_MAX	512

struct char_device_struct {
	unsigned int major, baseminor, minorct;		/* minorct 0: a free slot */
	const char *name;
	const struct file_operations *fops;
};

static struct char_device_struct chrdevs[MAX_CHRDEV_REGIONS];

static bool overlaps(const struct char_device_struct *cd, unsigned int major,
		     unsigned int baseminor, unsigned int count)
{
	return cd->minorct && cd->major == major && baseminor < cd->baseminor + cd->minorct &&
	       cd->baseminor < baseminor + count;
}

static bool major_free(unsigned int major)
{
	for (int i = 0; i < MAX_CHRDEV_REGIONS; i++)
		if (chrdevs[i].minorct && chrdevs[i].major == major)
			return false;
	return true;
}

int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops)
{
	struct char_device_struct *slot = NULL;

	if (major >= CHRDEV_MAJOR_MAX || !count || baseminor > MINORMASK ||
	    count > MINORMASK + 1 - baseminor)
		return -EINVAL;
	for (unsigned int m = 254; !major && m >= CHRDEV_MAJOR_DYN_END; m--)
		if (major_free(m))
			major = m;
	if (!major)
		return -EBUSY;
	for (int i = 0; i < MAX_CHRDEV_REGIONS; i++) {
		if (overlaps(&chrdevs[i], major, baseminor, count))
			return -EBUSY;
		if (!chrdevs[i].minorct && !slot)
			slot = &chrdevs[i];
	}
	if (!slot)
		return -ENOSPC;
	*slot = (struct char_device_struct){ major, baseminor, count, name, fops };
	return major;
}

void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count)
{
	for (int i = 0; i < MAX_CHRDEV_REGIONS; i++)
		if (chrdevs[i].minorct && chrdevs[i].major == major &&
		    chrdevs[i].baseminor == baseminor && chrdevs[i].minorct == count)
			chrdevs[i].minorct = 0;
}

/* Linux: chrdev_open(). */
static int chrdev_open(struct inode *inode, struct file *file)
{
	unsigned int major = MAJOR(inode->i_rdev), minor = MINOR(inode->i_rdev);

	for (int i = 0; i < MAX_CHRDEV_REGIONS; i++) {
		const struct char_device_struct *cd = &chrdevs[i];

		if (!overlaps(cd, major, minor, 1))
			continue;
		file->f_op = cd->fops;
		return file->f_op && file->f_op->open ? file->f_op->open(inode, file) : 0;
	}
	return -ENXIO;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};
