/*
 * kernel/exec_elf_demo.c - the initramfs's /bin, and a program loaded, narrated.
 *
 * Lists /bin (getdents64 and stat), loads /bin/hello into a fresh address
 * space as execve will, and prints its VMAs and its initial stack word by
 * word: argc, argv, envp, the auxiliary vector.  What docs/userspace.md
 * draws, live (nothing runs in user mode yet).
 */
#include <kernel/boot_demo.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/fs.h>
#include <kernel/binfmts.h>
#include <kernel/elf.h>
#include <mm/mmap.h>
#include <mm/uaccess.h>
#include <mm/slab.h>

static void list_bin(void)
{
	struct file *dir = filp_open("/bin", O_RDONLY | O_DIRECTORY, 0);
	static char buf[1024];
	ssize_t n;

	if (IS_ERR(dir))
		return;
	pr_info("getdents64(\"/bin\"): struct linux_dirent64 records\n");
	while ((n = vfs_getdents64(dir, buf, sizeof(buf), false)) > 0) {
		for (ssize_t off = 0; off < n;) {
			const struct linux_dirent64 *d = (const void *)(buf + off);
			char path[300];
			struct dentry *de;
			struct stat st = { 0 };

			snprintf(path, sizeof(path), "/bin/%s", d->d_name);
			if (!kern_path(path, 0, &de)) {
				cp_new_stat(de->d_inode, &st);
				dput(de);
			}
			pr_info("  ino %-3llu d_off %-2lld reclen %-2u type %-2u %-10s %6ld bytes, mode %o\n",
				(unsigned long long)d->d_ino, (long long)d->d_off, d->d_reclen,
				d->d_type, d->d_name, st.st_size, st.st_mode);
			off += d->d_reclen;
		}
	}
	fput(dir);
}

static void show_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		pr_info("  %012lx-%012lx %c%c%c%s\n", vma->vm_start, vma->vm_end,
			vma->vm_flags & VM_READ ? 'r' : '-', vma->vm_flags & VM_WRITE ? 'w' : '-',
			vma->vm_flags & VM_EXEC ? 'x' : '-',
			vma->vm_start == STACK_TOP - STACK_SIZE ? "  [stack]" : "");
	pr_info("  brk %#lx (empty heap)\n", mm->brk);
}

static const char *const at_names[] = {
	[AT_NULL] = "AT_NULL", [AT_PHDR] = "AT_PHDR", [AT_PHENT] = "AT_PHENT",
	[AT_PHNUM] = "AT_PHNUM", [AT_PAGESZ] = "AT_PAGESZ", [AT_BASE] = "AT_BASE",
	[AT_FLAGS] = "AT_FLAGS", [AT_ENTRY] = "AT_ENTRY", [AT_UID] = "AT_UID",
	[AT_EUID] = "AT_EUID", [AT_GID] = "AT_GID", [AT_EGID] = "AT_EGID",
	[AT_PLATFORM] = "AT_PLATFORM", [AT_HWCAP] = "AT_HWCAP", [AT_CLKTCK] = "AT_CLKTCK",
	[AT_SECURE] = "AT_SECURE", [AT_RANDOM] = "AT_RANDOM", [AT_EXECFN] = "AT_EXECFN",
};

static unsigned long word(unsigned long addr)
{
	unsigned long v = 0;

	copy_from_user(&v, (void *)addr, sizeof(v));
	return v;
}

static const char *user_string(unsigned long addr, char *buf, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if (copy_from_user(&buf[i], (void *)(addr + i), 1) || !buf[i])
			return buf;
	buf[len - 1] = '\0';
	return buf;
}

/* Prints the stack from sp: argc, the two pointer arrays, the auxv pairs. */
static void show_stack(unsigned long sp)
{
	unsigned long p = sp + 8, v;
	char s[40];

	pr_info("  %#lx: argc = %lu   <- rsp at entry (16-byte aligned)\n", sp, word(sp));
	for (int arr = 0; arr < 2; arr++, p += 8)
		for (; (v = word(p)); p += 8)
			pr_info("  %#lx: %s -> \"%s\"\n", p, arr ? "envp" : "argv",
				user_string(v, s, sizeof(s)));
	for (;; p += 16) {
		unsigned long type = word(p), val = word(p + 8);
		const char *name = type < ARRAY_SIZE(at_names) && at_names[type] ?
				   at_names[type] : "?";

		if (type == AT_EXECFN || type == AT_PLATFORM)
			pr_info("  %#lx: %-11s %#lx \"%s\"\n", p, name, val, user_string(val, s, sizeof(s)));
		else
			pr_info("  %#lx: %-11s %#lx\n", p, name, val);
		if (type == AT_NULL)
			break;
	}
}

static void exec_demo(void)
{
	static const char *const argv[] = { "hello", "world", NULL };
	static const char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	struct linux_binprm bprm = { .filename = "/bin/hello", .argv = argv, .envp = envp };
	struct elf_load_result r;
	struct mm_struct *mm;
	void *buf;
	int err;

	list_bin();
	err = kernel_read_file_from_path("/bin/hello", &buf, &bprm.size, 16 << 20);
	if (err) {
		pr_info("no /bin/hello (%d): was the ISO made without the initramfs?\n", err);
		return;
	}
	bprm.buf = buf;
	mm = mm_alloc();
	err = mm ? load_elf_binary(mm, &bprm, &r) : -ENOMEM;
	kfree(buf);
	pr_info("load_elf_binary(/bin/hello hello world) = %d: entry %#lx, rsp %#lx\n",
		err, err ? 0 : r.entry, err ? 0 : r.sp);
	if (!err) {
		kthread_use_mm(mm);
		show_vmas(mm);
		show_stack(r.sp);
		kthread_unuse_mm(mm);
	}
	if (mm)
		mmput(mm);
}
boot_demo(50, "exec", "list /bin, load /bin/hello: its VMAs and initial stack", exec_demo);
