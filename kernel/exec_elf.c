/*
 * kernel/exec_elf.c - load a static ELF64 program and build its initial stack.
 *
 * The file is checked completely before anything is mapped: the header
 * (magic, 64-bit, little-endian, x86-64, ET_EXEC or ET_DYN), the program
 * headers (their size and number, inside the file), each PT_LOAD (its file
 * bytes inside the file, p_filesz <= p_memsz, inside user space, file
 * offset and address congruent modulo a page).  A PT_INTERP means a dynamic
 * program: mmlab has no dynamic loader, so -ENOEXEC.  Then each PT_LOAD
 * becomes an anonymous private mapping: mapped writable, the file's bytes
 * copied in with copy_to_user (whole file pages, as a file mapping would
 * show them; the rest is zero: the tail of the last file page and the bss),
 * then given the segment's protection.  Static-PIE (ET_DYN) is moved up by
 * a load bias to ELF_ET_DYN_BASE.  The heap starts empty after the highest
 * segment; the stack is STACK_SIZE bytes below STACK_TOP; nothing is
 * randomised.  Linux: fs/binfmt_elf.c (load_elf_binary, elf_map, padzero,
 * create_elf_tables), fs/exec.c (copy_strings, setup_arg_pages).
 */
#include <kernel/binfmts.h>
#include <kernel/elf.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <mm/mmap.h>
#include <mm/uaccess.h>
#include <mm/slab.h>
#include <asm/processor.h>

#define ELF_PAGEOFFSET(x)	((x) & (PAGE_SIZE - 1))
#define ELF_PAGESTART(x)	((x) & ~(unsigned long)(PAGE_SIZE - 1))
#define ELF_PAGEALIGN(x)	(((x) + PAGE_SIZE - 1) & ~(unsigned long)(PAGE_SIZE - 1))
#define ELF_MIN_ALIGN		PAGE_SIZE
#define ELF_PLATFORM		"x86_64"
#define CLK_TCK			100	/* Linux's USER_HZ */

struct elf_image {
	const u8 *buf;
	size_t size;
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	unsigned long bias;
	bool exec_stack;		/* PT_GNU_STACK with PF_X */
};

/* Is [off, off + len) inside the file?  (without overflowing) */
static bool in_file(const struct elf_image *img, u64 off, u64 len)
{
	return off <= img->size && len <= img->size - off;
}

/* Linux: the ELFMAG/e_type/elf_check_arch tests and load_elf_phdrs(). */
static int check_header(struct elf_image *img)
{
	const Elf64_Ehdr *eh = (const void *)img->buf;
	u64 phsize;

	if (img->size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return -ENOEXEC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return -ENOEXEC;
	if ((eh->e_type != ET_EXEC && eh->e_type != ET_DYN) || eh->e_machine != EM_X86_64)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return -ENOEXEC;
	phsize = (u64)eh->e_phnum * sizeof(Elf64_Phdr);
	if (phsize == 0 || phsize > ELF_MIN_ALIGN || !in_file(img, eh->e_phoff, phsize))
		return -ENOEXEC;
	if (eh->e_phoff % 8)
		return -ENOEXEC;	/* Linux reads them into a buffer; we read them in place */
	img->eh = eh;
	img->ph = (const void *)(img->buf + eh->e_phoff);
	return 0;
}

/* Linux: the checks of load_elf_binary()'s PT_LOAD loop (-EINVAL there). */
static int check_load(const struct elf_image *img, const Elf64_Phdr *ph, unsigned long task_size)
{
	u64 start = ph->p_vaddr + img->bias;

	if (ph->p_filesz > ph->p_memsz || ph->p_memsz > task_size ||
	    start >= task_size || task_size - ph->p_memsz < start)
		return -EINVAL;
	if (ELF_PAGEOFFSET(ph->p_offset) != ELF_PAGEOFFSET(ph->p_vaddr))
		return -EINVAL;		/* Linux: mmap of an unaligned file offset */
	if (!in_file(img, ph->p_offset, ph->p_filesz))
		return -ENOEXEC;	/* Linux maps it; touching past EOF is SIGBUS */
	return 0;
}

/* The largest PT_LOAD alignment, and the lowest PT_LOAD address. */
static void load_extent(const struct elf_image *img, u64 *align, u64 *lowest)
{
	*align = PAGE_SIZE;
	*lowest = ~0ULL;
	for (int i = 0; i < img->eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &img->ph[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_align > *align && !(ph->p_align & (ph->p_align - 1)) &&
		    ph->p_align <= (1UL << 30))
			*align = ph->p_align;
		*lowest = min(*lowest, (u64)ELF_PAGESTART(ph->p_vaddr));
	}
}

static int check_phdrs(struct elf_image *img, unsigned long task_size)
{
	u64 align, lowest;
	int nload = 0, err;

	load_extent(img, &align, &lowest);
	if (img->eh->e_type == ET_DYN && lowest != ~0ULL)
		img->bias = (ELF_ET_DYN_BASE - lowest) & ~(align - 1);
	for (int i = 0; i < img->eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &img->ph[i];

		if (ph->p_type == PT_INTERP)
			return -ENOEXEC;	/* dynamically linked: no ld.so here */
		if (ph->p_type == PT_GNU_STACK)
			img->exec_stack = ph->p_flags & PF_X;
		if (ph->p_type != PT_LOAD)
			continue;
		err = check_load(img, ph, task_size);
		if (err)
			return err;
		nload++;
	}
	if (!nload)
		return -ENOEXEC;
	if (img->eh->e_entry + img->bias >= task_size)
		return -EINVAL;		/* Linux: BAD_ADDR(elf_entry) */
	return 0;
}

static unsigned long elf_prot(u32 p_flags)
{
	return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0) |
	       (p_flags & PF_X ? PROT_EXEC : 0);
}

/*
 * Linux: elf_map() + padzero().  Maps the segment's pages writable and
 * copies its file pages in; the bytes after p_filesz stay zero.  The first
 * mapping may not replace anything (MAP_FIXED_NOREPLACE), later ones
 * replace a page they share with the one before, as Linux's MAP_FIXED.
 */
static int map_segment(const struct elf_image *img, const Elf64_Phdr *ph, bool first)
{
	unsigned long vaddr = ph->p_vaddr + img->bias, start = ELF_PAGESTART(vaddr);
	unsigned long len = ELF_PAGEALIGN(vaddr + ph->p_memsz) - start, addr;
	u64 file_start = ELF_PAGESTART(ph->p_offset);

	if (!ph->p_memsz)
		return 0;
	addr = vm_mmap(NULL, start, len, PROT_READ | PROT_WRITE | PROT_EXEC,
		       MAP_PRIVATE | MAP_ANONYMOUS | (first ? MAP_FIXED_NOREPLACE : MAP_FIXED), 0);
	if (IS_ERR_VALUE(addr))
		return (int)(long)addr;
	if (copy_to_user((void *)start, img->buf + file_start,
			 ELF_PAGEOFFSET(vaddr) + ph->p_filesz))
		return -EFAULT;
	return 0;
}

/* Maps every PT_LOAD, then gives each its protection (a later one wins a shared page). */
static int map_segments(const struct elf_image *img, struct mm_struct *mm)
{
	bool first = true;
	int err;

	for (int i = 0; i < img->eh->e_phnum; i++) {
		if (img->ph[i].p_type != PT_LOAD)
			continue;
		err = map_segment(img, &img->ph[i], first);
		if (err)
			return err;
		first = false;
	}
	for (int i = 0; i < img->eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &img->ph[i];
		unsigned long vaddr = ph->p_vaddr + img->bias, start = ELF_PAGESTART(vaddr);

		if (ph->p_type != PT_LOAD || !ph->p_memsz)
			continue;
		err = do_mprotect(mm, start, ELF_PAGEALIGN(vaddr + ph->p_memsz) - start,
				  elf_prot(ph->p_flags));
		if (err)
			return err;
	}
	return 0;
}

/* Linux: the start_code ... elf_brk bookkeeping of load_elf_binary(). */
static void set_layout(const struct elf_image *img, struct mm_struct *mm)
{
	unsigned long start_code = ~0UL, end_code = 0, start_data = 0, end_data = 0, brk = 0;

	for (int i = 0; i < img->eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &img->ph[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if ((ph->p_flags & PF_X) && ph->p_vaddr < start_code)
			start_code = ph->p_vaddr;
		if ((ph->p_flags & PF_X) && ph->p_vaddr + ph->p_filesz > end_code)
			end_code = ph->p_vaddr + ph->p_filesz;
		start_data = max(start_data, (unsigned long)ph->p_vaddr);
		end_data = max(end_data, (unsigned long)(ph->p_vaddr + ph->p_filesz));
		brk = max(brk, (unsigned long)(ph->p_vaddr + ph->p_memsz));
	}
	mm->start_code = start_code == ~0UL ? 0 : start_code + img->bias;
	mm->end_code = end_code ? end_code + img->bias : 0;
	mm->start_data = start_data + img->bias;
	mm->end_data = end_data + img->bias;
	mm->start_brk = mm->brk = ELF_PAGEALIGN(brk + img->bias);
}

/* AT_PHDR: where the program headers are in memory, if a PT_LOAD holds them. */
static unsigned long phdr_addr(const struct elf_image *img)
{
	u64 phoff = img->eh->e_phoff;

	for (int i = 0; i < img->eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &img->ph[i];

		if (ph->p_type == PT_LOAD && ph->p_offset <= phoff &&
		    phoff < ph->p_offset + ph->p_filesz)
			return phoff - ph->p_offset + ph->p_vaddr + img->bias;
	}
	return 0;
}

/* ---- the initial stack --------------------------------------------------- */

/* Counts a NULL-terminated string array: -E2BIG past Linux's limits. */
static int count_strings(const char *const *v, int *n, size_t *bytes)
{
	for (*n = 0; v && v[*n]; (*n)++) {
		size_t len = strnlen(v[*n], MAX_ARG_STRLEN);

		if (len == MAX_ARG_STRLEN)
			return -E2BIG;
		*bytes += len + 1 + sizeof(void *);
		if (*bytes > MAX_ARG_BYTES)
			return -E2BIG;
	}
	return 0;
}

struct stack_builder {
	unsigned long p;		/* the lowest byte written so far */
	int err;
};

static unsigned long push_bytes(struct stack_builder *sb, const void *data, size_t len)
{
	sb->p -= len;
	if (copy_to_user((void *)sb->p, data, len))
		sb->err = -EFAULT;
	return sb->p;
}

/* Pushes the strings of v from the last down; their addresses go in addr[]. */
static void push_strings(struct stack_builder *sb, const char *const *v, int n,
			 unsigned long *addr)
{
	for (int i = n - 1; i >= 0; i--)
		addr[i] = push_bytes(sb, v[i], strlen(v[i]) + 1);
}

#define AUXV_MAX	20

static int fill_auxv(unsigned long *auxv, const struct elf_image *img, unsigned long phdr,
		     unsigned long random, unsigned long execfn, unsigned long platform)
{
	u32 eax, ebx, ecx, edx;
	int n = 0;

	cpuid(1, &eax, &ebx, &ecx, &edx);
#define NEW_AUX_ENT(id, val) do { auxv[n++] = (id); auxv[n++] = (val); } while (0)
	/* Linux's order (create_elf_tables); no AT_SYSINFO_EHDR: no vDSO */
	NEW_AUX_ENT(AT_HWCAP, edx);		/* Linux: ELF_HWCAP, CPUID.1:EDX */
	NEW_AUX_ENT(AT_PAGESZ, PAGE_SIZE);
	NEW_AUX_ENT(AT_CLKTCK, CLK_TCK);
	NEW_AUX_ENT(AT_PHDR, phdr);
	NEW_AUX_ENT(AT_PHENT, sizeof(Elf64_Phdr));
	NEW_AUX_ENT(AT_PHNUM, img->eh->e_phnum);
	NEW_AUX_ENT(AT_BASE, 0);		/* no interpreter */
	NEW_AUX_ENT(AT_FLAGS, 0);
	NEW_AUX_ENT(AT_ENTRY, img->eh->e_entry + img->bias);
	NEW_AUX_ENT(AT_UID, 0);
	NEW_AUX_ENT(AT_EUID, 0);
	NEW_AUX_ENT(AT_GID, 0);
	NEW_AUX_ENT(AT_EGID, 0);
	NEW_AUX_ENT(AT_SECURE, 0);
	NEW_AUX_ENT(AT_RANDOM, random);
	NEW_AUX_ENT(AT_EXECFN, execfn);
	NEW_AUX_ENT(AT_PLATFORM, platform);
	NEW_AUX_ENT(AT_NULL, 0);
#undef NEW_AUX_ENT
	return n;
}

/* The pointer table at sp: argc, argv[], NULL, envp[], NULL, auxv pairs. */
static unsigned long *build_table(int argc, const unsigned long *argv_addr, int envc,
				  const unsigned long *envp_addr, const unsigned long *auxv,
				  int nauxv, size_t *words)
{
	unsigned long *t;
	size_t w = 0;

	*words = 1 + argc + 1 + envc + 1 + nauxv;
	t = kmalloc_array(*words, sizeof(*t), GFP_KERNEL);
	if (!t)
		return NULL;
	t[w++] = argc;
	for (int i = 0; i < argc; i++)
		t[w++] = argv_addr[i];
	t[w++] = 0;
	for (int i = 0; i < envc; i++)
		t[w++] = envp_addr[i];
	t[w++] = 0;
	memcpy(&t[w], auxv, nauxv * sizeof(*auxv));
	return t;
}

static const char *const empty_argv[] = { "", NULL };

/*
 * Linux: copy_strings() then create_elf_tables().  From STACK_TOP down: a
 * zero word, the AT_EXECFN string, the environment strings, the argument
 * strings; then (16-aligned) "x86_64" for AT_PLATFORM and AT_RANDOM's 16
 * bytes; then, 16-byte aligned, the table the process starts with.
 */
static int create_elf_tables(const struct elf_image *img, const struct linux_binprm *bprm,
			     struct mm_struct *mm, int argc, int envc, struct elf_load_result *out)
{
	const char *const *argv = argc ? bprm->argv : empty_argv;
	struct stack_builder sb = { .p = STACK_TOP - sizeof(void *) };
	unsigned long *addrs, *table, auxv[2 * AUXV_MAX];
	unsigned long execfn, platform, random;
	u8 rand_bytes[16];
	size_t words;
	int nauxv;

	addrs = kmalloc_array(argc + envc + 1, sizeof(*addrs), GFP_KERNEL);
	if (!addrs)
		return -ENOMEM;
	argc = argc ? argc : 1;		/* Linux 5.18+: argv[0] = "" when argc is 0 */
	execfn = push_bytes(&sb, bprm->filename ? bprm->filename : "",
			    strlen(bprm->filename ? bprm->filename : "") + 1);
	mm->env_end = sb.p;
	push_strings(&sb, bprm->envp, envc, addrs + argc);
	mm->env_start = mm->arg_end = sb.p;
	push_strings(&sb, argv, argc, addrs);
	mm->arg_start = sb.p;
	sb.p &= ~15UL;			/* arch_align_stack(), without the random offset */
	platform = push_bytes(&sb, ELF_PLATFORM, sizeof(ELF_PLATFORM));
	get_random_bytes(rand_bytes, sizeof(rand_bytes));
	random = push_bytes(&sb, rand_bytes, sizeof(rand_bytes));
	nauxv = fill_auxv(auxv, img, phdr_addr(img), random, execfn, platform);
	table = build_table(argc, addrs, envc, addrs + argc, auxv, nauxv, &words);
	kfree(addrs);
	if (!table)
		return -ENOMEM;
	/* STACK_ROUND(): the table's start, rsp, 16-byte aligned */
	sb.p = ((sb.p - words * sizeof(long)) & ~15UL) + words * sizeof(long);
	push_bytes(&sb, table, words * sizeof(long));
	kfree(table);
	out->sp = mm->start_stack = sb.p;
	out->phdr = phdr_addr(img);
	return sb.err;
}

static int map_stack(const struct elf_image *img)
{
	unsigned long addr = vm_mmap(NULL, STACK_TOP - STACK_SIZE, STACK_SIZE,
				     PROT_READ | PROT_WRITE | (img->exec_stack ? PROT_EXEC : 0),
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_STACK, 0);

	return IS_ERR_VALUE(addr) ? (int)(long)addr : 0;
}

static int load_into(struct elf_image *img, const struct linux_binprm *bprm,
		     struct mm_struct *mm, int argc, int envc, struct elf_load_result *out)
{
	int err = map_segments(img, mm);

	if (!err)
		err = map_stack(img);
	if (err)
		return err;
	set_layout(img, mm);
	out->entry = img->eh->e_entry + img->bias;
	out->load_bias = img->bias;
	return create_elf_tables(img, bprm, mm, argc, envc, out);
}

int load_elf_binary(struct mm_struct *mm, const struct linux_binprm *bprm,
		    struct elf_load_result *out)
{
	struct elf_image img = { .buf = bprm->buf, .size = bprm->size };
	bool borrow = !current->mm;
	size_t bytes = 0;
	int argc, envc, err;

	if (!borrow && current->mm != mm)
		return -EINVAL;		/* a caller bug: see binfmts.h */
	err = count_strings(bprm->argv, &argc, &bytes);
	if (!err)
		err = count_strings(bprm->envp, &envc, &bytes);
	if (!err)
		err = check_header(&img);
	if (!err)
		err = check_phdrs(&img, mm->task_size);
	if (err)
		return err;
	if (borrow)
		kthread_use_mm(mm);
	err = load_into(&img, bprm, mm, argc, envc, out);
	if (borrow)
		kthread_unuse_mm(mm);
	return err;
}
