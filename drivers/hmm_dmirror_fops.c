/*
 * drivers/hmm_dmirror_fops.c - /dev/hmm_dmirror0 and 1: the dmirror
 * driver (drivers/dmirror*.c) as character devices with Linux's
 * lib/test_hmm_uapi.h ABI, so that a user program drives it as
 * hmm-tests drives test_hmm.ko.
 *
 * open() creates one struct dmirror bound to the opener's mm (Linux:
 * dmirror_fops_open), the last close destroys it (dmirror_fops_release),
 * and ioctl() copies struct hmm_dmirror_cmd in, runs the command and
 * copies it out only on success (dmirror_fops_unlocked_ioctl): -EFAULT
 * for an unreadable or unwritable struct, -EINVAL for an unknown command.
 * Linux allocates the major dynamically (alloc_chrdev_region); mmlab's
 * initramfs needs a fixed one and takes 240, the first of the numbers
 * Documentation/admin-guide/devices.txt keeps for local use.  Minors 2
 * and 3 (Linux's device-coherent mirrors) are not created: opening them
 * is -ENOENT, as on a Linux without coherent device memory.
 */
#include <kernel/fs.h>
#include <kernel/errno.h>
#include <drivers/dmirror.h>
#include <mm/uaccess.h>
#include <mm/mmap.h>

static int dmirror_fops_open(struct inode *inode, struct file *filp)
{
	struct dmirror *dmirror = dmirror_open(MINOR(inode->i_rdev));

	if (!dmirror)
		return -ENOMEM;		/* Linux: kzalloc or the notifier failed */
	filp->private_data = dmirror;
	return 0;
}

static int dmirror_fops_release(struct inode *inode, struct file *filp)
{
	return dmirror_close(filp->private_data);
}

static long dmirror_fops_unlocked_ioctl(struct file *filp, unsigned int command,
					unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	struct hmm_dmirror_cmd cmd;
	u64 uptr;
	long ret;

	if (copy_from_user(&cmd, uarg, sizeof(cmd)))
		return -EFAULT;
	/*
	 * The driver takes a ptr in the kernel half for an in-kernel caller's
	 * buffer; from user space it is just a bad pointer: make it one that
	 * copy_to_user refuses (-EFAULT where Linux's copy fails).
	 */
	uptr = cmd.ptr;
	if (cmd.ptr >= TASK_SIZE_MAX)
		cmd.ptr = TASK_SIZE_MAX;
	ret = dmirror_ioctl(filp->private_data, command, &cmd);
	cmd.ptr = uptr;
	if (ret)
		return ret;
	return copy_to_user(uarg, &cmd, sizeof(cmd)) ? -EFAULT : 0;
}

static const struct file_operations dmirror_fops = {
	.open = dmirror_fops_open,
	.release = dmirror_fops_release,
	.unlocked_ioctl = dmirror_fops_unlocked_ioctl,
	.llseek = default_llseek,	/* as Linux's lib/test_hmm.c */
};

int dmirror_chrdev_init(void)
{
	return __register_chrdev(HMM_DMIRROR_MAJOR, 0, DMIRROR_NDEVICES, "HMM_DMIRROR",
				 &dmirror_fops);
}
