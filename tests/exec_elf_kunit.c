/*
 * tests/exec_elf_kunit.c - the ELF loader and the initial stack.
 *
 * A synthetic static program (text with the headers, data with bss, a
 * GNU_STACK) is loaded and read back through the mm: the file's bytes, the
 * zeroed bss and file-page tail, each VMA's protection, brk, the stack
 * VMA; the initial stack word by word (argc, argv, envp, every auxv value,
 * the strings, 16-byte alignment); static-PIE's load bias; argc 0; -E2BIG;
 * and one image per way a file can be refused (-ENOEXEC, or -EINVAL where
 * Linux's PT_LOAD checks say so), none of which may leak.  In the kernel
 * the real musl program /bin/hello from the initramfs is loaded too
 * (skipped where there is none: the host build).
 */
#include "fs_check.h"
#include <kernel/binfmts.h>
#include <kernel/elf.h>
#include <mm/uaccess.h>

#define V		0x200000000000UL	/* where the synthetic ET_EXEC goes */
#define IMG_SIZE	0x2000
#define TEXT_FILESZ	0x200
#define DATA_OFF	0x1010
#define DATA_VADDR	0x3010
#define DATA_FILESZ	0x100
#define DATA_MEMSZ	0x2100
#define ENTRY_OFF	0x100

static u8 img[IMG_SIZE];

static Elf64_Ehdr *eh(void)
{
	return (Elf64_Ehdr *)img;
}

static Elf64_Phdr *ph(int i)
{
	return (Elf64_Phdr *)(img + sizeof(Elf64_Ehdr)) + i;
}

/* A good image: ET_EXEC at V, or static-PIE (ET_DYN from 0) if pie. */
static void build_image(bool pie)
{
	unsigned long base = pie ? 0 : V;

	memset(img, 0xee, sizeof(img));		/* bytes no segment claims */
	memset(img, 0, sizeof(Elf64_Ehdr) + 3 * sizeof(Elf64_Phdr));
	memcpy(eh()->e_ident, ELFMAG, SELFMAG);
	eh()->e_ident[EI_CLASS] = ELFCLASS64;
	eh()->e_ident[EI_DATA] = ELFDATA2LSB;
	eh()->e_ident[6] = 1;			/* EV_CURRENT */
	eh()->e_type = pie ? ET_DYN : ET_EXEC;
	eh()->e_machine = EM_X86_64;
	eh()->e_version = 1;
	eh()->e_entry = base + ENTRY_OFF;
	eh()->e_phoff = sizeof(Elf64_Ehdr);
	eh()->e_ehsize = sizeof(Elf64_Ehdr);
	eh()->e_phentsize = sizeof(Elf64_Phdr);
	eh()->e_phnum = 3;
	*ph(0) = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0, base, base, TEXT_FILESZ, TEXT_FILESZ, 0x1000 };
	*ph(1) = (Elf64_Phdr){ PT_LOAD, PF_R | PF_W, DATA_OFF, base + DATA_VADDR, 0,
			       DATA_FILESZ, DATA_MEMSZ, 0x1000 };
	*ph(2) = (Elf64_Phdr){ PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16 };
	for (int i = ENTRY_OFF; i < TEXT_FILESZ; i++)
		img[i] = i;			/* "code" */
	for (int i = 0; i < DATA_FILESZ; i++)
		img[DATA_OFF + i] = 0xd0 + i;	/* data */
}

static int load(struct mm_struct *mm, const char *const *argv, const char *const *envp,
		size_t size, struct elf_load_result *out)
{
	struct linux_binprm bprm = { .buf = img, .size = size, .filename = "/bin/prog",
				     .argv = argv, .envp = envp };

	return load_elf_binary(mm, &bprm, out);
}

static unsigned long uread(struct kunit *test, unsigned long addr)
{
	unsigned long v = 0;

	KUNIT_EXPECT_EQ(test, copy_from_user(&v, (void *)addr, sizeof(v)), 0UL);
	return v;
}

/* Reads the user string at addr into buf (bounded). */
static const char *ustr(unsigned long addr, char *buf, size_t len)
{
	memset(buf, 0, len);
	for (size_t i = 0; i + 1 < len; i++)
		if (copy_from_user(&buf[i], (void *)(addr + i), 1) || !buf[i])
			break;
	return buf;
}

static void load_synthetic_exec(struct kunit *test)
{
	static const char *const argv[] = { "prog", NULL };
	struct mm_struct *mm = vm_case_mm(test);
	struct elf_load_result r;
	static u8 back[0x3000];
	struct vm_area_struct *vma;

	build_image(false);
	KUNIT_ASSERT_EQ(test, load(mm, argv, NULL, IMG_SIZE, &r), 0);
	KUNIT_EXPECT_EQ(test, r.entry, V + ENTRY_OFF);
	KUNIT_EXPECT_EQ(test, r.load_bias, 0UL);
	KUNIT_EXPECT_EQ(test, r.phdr, V + sizeof(Elf64_Ehdr));
	KUNIT_ASSERT_EQ(test, copy_from_user(back, (void *)V, TEXT_FILESZ), 0UL);
	KUNIT_EXPECT_MEMEQ(test, back, img, TEXT_FILESZ);
	/* past p_filesz in the text's page: zero, not the file's 0xee */
	KUNIT_ASSERT_EQ(test, copy_from_user(back, (void *)(V + TEXT_FILESZ), 0x1000 - TEXT_FILESZ), 0UL);
	KUNIT_EXPECT_NULL(test, memchr_inv(back, 0, 0x1000 - TEXT_FILESZ));
	/* the data page: the file page as mapped (bytes before the segment too), then zeros */
	KUNIT_ASSERT_EQ(test, copy_from_user(back, (void *)(V + 0x3000), 0x3000), 0UL);
	KUNIT_EXPECT_MEMEQ(test, back, img + 0x1000, 0x10 + DATA_FILESZ);
	KUNIT_EXPECT_NULL(test, memchr_inv(back + 0x10 + DATA_FILESZ, 0, 0x3000 - 0x10 - DATA_FILESZ));

	vma = vma_lookup(mm, V);
	KUNIT_ASSERT_NOT_NULL(test, vma);
	KUNIT_EXPECT_EQ(test, vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC), VM_READ | VM_EXEC);
	KUNIT_EXPECT_EQ(test, vma->vm_end, V + 0x1000);
	vma = vma_lookup(mm, V + 0x5000);
	KUNIT_ASSERT_NOT_NULL(test, vma);
	KUNIT_EXPECT_EQ(test, vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC), VM_READ | VM_WRITE);
	KUNIT_EXPECT_EQ(test, vma->vm_start, V + 0x3000);
	KUNIT_EXPECT_EQ(test, vma->vm_end, V + 0x6000);
	KUNIT_EXPECT_EQ(test, mm->start_brk, V + 0x6000);
	KUNIT_EXPECT_EQ(test, mm->brk, V + 0x6000);
	KUNIT_EXPECT_EQ(test, mm->start_code, V);
	KUNIT_EXPECT_EQ(test, mm->end_code, V + TEXT_FILESZ);
	KUNIT_EXPECT_EQ(test, mm->end_data, V + DATA_VADDR + DATA_FILESZ);
	vma = vma_lookup(mm, STACK_TOP - 1);
	KUNIT_ASSERT_NOT_NULL(test, vma);
	KUNIT_EXPECT_EQ(test, vma->vm_start, STACK_TOP - STACK_SIZE);
	KUNIT_EXPECT_EQ(test, vma->vm_end, STACK_TOP);
	KUNIT_EXPECT_EQ(test, vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_NOHUGEPAGE),
			VM_READ | VM_WRITE | VM_NOHUGEPAGE);
	KUNIT_EXPECT_EQ(test, mm->map_count, 3);
}

static void expect_auxv(struct kunit *test, unsigned long at, unsigned long *auxv_of)
{
	char buf[16];

	KUNIT_EXPECT_EQ(test, auxv_of[AT_PHENT], sizeof(Elf64_Phdr));
	KUNIT_EXPECT_EQ(test, auxv_of[AT_PAGESZ], 4096UL);
	KUNIT_EXPECT_EQ(test, auxv_of[AT_BASE], 0UL);
	KUNIT_EXPECT_EQ(test, auxv_of[AT_FLAGS], 0UL);
	KUNIT_EXPECT_EQ(test, auxv_of[AT_UID] | auxv_of[AT_EUID] | auxv_of[AT_GID] |
			      auxv_of[AT_EGID] | auxv_of[AT_SECURE], 0UL);
	KUNIT_EXPECT_EQ(test, auxv_of[AT_CLKTCK], 100UL);
	KUNIT_EXPECT_NE(test, auxv_of[AT_HWCAP], 0UL);		/* CPUID.1:EDX: fpu, tsc, ... */
	KUNIT_EXPECT_STREQ(test, ustr(auxv_of[AT_PLATFORM], buf, sizeof(buf)), "x86_64");
	KUNIT_EXPECT_STREQ(test, ustr(auxv_of[AT_EXECFN], buf, sizeof(buf)), "/bin/prog");
	/* AT_RANDOM: 16 readable bytes on the stack, above the table */
	KUNIT_EXPECT_GT(test, auxv_of[AT_RANDOM], at);
	KUNIT_EXPECT_LT(test, auxv_of[AT_RANDOM] + 16, STACK_TOP);
	KUNIT_EXPECT_EQ(test, copy_from_user(buf, (void *)auxv_of[AT_RANDOM], 16), 0UL);
}

/* Reads the table at sp back: argc, argv, envp, auxv, and checks each. */
static void initial_stack(struct kunit *test)
{
	static const char *const argv[] = { "prog", "-x", "an argument with spaces", NULL };
	static const char *const envp[] = { "A=1", "HOME=/", NULL };
	static const unsigned int order[] = { AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT,
		AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY, AT_UID, AT_EUID, AT_GID, AT_EGID,
		AT_SECURE, AT_RANDOM, AT_EXECFN, AT_PLATFORM, AT_NULL };
	struct mm_struct *mm = vm_case_mm(test);
	unsigned long auxv_of[32] = { 0 }, sp, p, last_str = 0;
	struct elf_load_result r;
	char buf[32];

	build_image(false);
	KUNIT_ASSERT_EQ(test, load(mm, argv, envp, IMG_SIZE, &r), 0);
	sp = r.sp;
	KUNIT_EXPECT_EQ(test, sp % 16, 0UL);
	KUNIT_EXPECT_EQ(test, mm->start_stack, sp);
	KUNIT_EXPECT_EQ(test, uread(test, sp), 3UL);			/* argc */
	for (int i = 0; i < 3; i++) {
		unsigned long s = uread(test, sp + 8 * (1 + i));

		KUNIT_EXPECT_STREQ(test, ustr(s, buf, sizeof(buf)), argv[i]);
		KUNIT_EXPECT_GT(test, s, last_str);		/* argv[0] lowest, upwards */
		last_str = s;
	}
	KUNIT_EXPECT_EQ(test, uread(test, sp + 8 * 4), 0UL);
	KUNIT_EXPECT_EQ(test, mm->arg_start, uread(test, sp + 8));
	for (int i = 0; i < 2; i++) {
		unsigned long s = uread(test, sp + 8 * (5 + i));

		KUNIT_EXPECT_STREQ(test, ustr(s, buf, sizeof(buf)), envp[i]);
		KUNIT_EXPECT_GT(test, s, last_str);		/* environment above the arguments */
		last_str = s;
	}
	KUNIT_EXPECT_EQ(test, mm->env_start, uread(test, sp + 8 * 5));
	KUNIT_EXPECT_EQ(test, uread(test, sp + 8 * 7), 0UL);
	p = sp + 8 * 8;
	for (unsigned int i = 0; i < ARRAY_SIZE(order); i++, p += 16) {
		unsigned long type = uread(test, p), val = uread(test, p + 8);

		KUNIT_EXPECT_EQ(test, type, (unsigned long)order[i]);	/* Linux's order */
		if (type < ARRAY_SIZE(auxv_of))
			auxv_of[type] = val;
	}
	KUNIT_EXPECT_EQ(test, auxv_of[AT_PHDR], V + sizeof(Elf64_Ehdr));
	KUNIT_EXPECT_EQ(test, auxv_of[AT_PHNUM], 3UL);
	KUNIT_EXPECT_EQ(test, auxv_of[AT_ENTRY], V + ENTRY_OFF);
	expect_auxv(test, p, auxv_of);
	KUNIT_EXPECT_GT(test, auxv_of[AT_EXECFN], last_str);	/* the path is the highest string */
	KUNIT_EXPECT_EQ(test, auxv_of[AT_EXECFN] + sizeof("/bin/prog"), STACK_TOP - 8);
	KUNIT_EXPECT_EQ(test, uread(test, STACK_TOP - 8), 0UL);
}

static void static_pie(struct kunit *test)
{
	static const char *const argv[] = { "pie", NULL };
	struct mm_struct *mm = vm_case_mm(test);
	struct elf_load_result r;
	u8 back[16];

	build_image(true);
	KUNIT_ASSERT_EQ(test, load(mm, argv, NULL, IMG_SIZE, &r), 0);
	KUNIT_EXPECT_EQ(test, r.load_bias, ELF_ET_DYN_BASE);
	KUNIT_EXPECT_EQ(test, r.entry, ELF_ET_DYN_BASE + ENTRY_OFF);
	KUNIT_EXPECT_EQ(test, r.phdr, ELF_ET_DYN_BASE + sizeof(Elf64_Ehdr));
	KUNIT_ASSERT_EQ(test, copy_from_user(back, (void *)(ELF_ET_DYN_BASE + DATA_VADDR), 16), 0UL);
	KUNIT_EXPECT_MEMEQ(test, back, img + DATA_OFF, 16);
	KUNIT_EXPECT_EQ(test, mm->brk, ELF_ET_DYN_BASE + 0x6000);
}

/* Linux 5.18+: an empty argv becomes { "" }, argc 1. */
static void argc_zero(struct kunit *test)
{
	struct mm_struct *mm = vm_case_mm(test);
	struct elf_load_result r;
	char buf[4];

	build_image(false);
	KUNIT_ASSERT_EQ(test, load(mm, NULL, NULL, IMG_SIZE, &r), 0);
	KUNIT_EXPECT_EQ(test, uread(test, r.sp), 1UL);
	KUNIT_EXPECT_STREQ(test, ustr(uread(test, r.sp + 8), buf, sizeof(buf)), "");
	KUNIT_EXPECT_EQ(test, uread(test, r.sp + 16), 0UL);
}

static void too_many_argument_bytes(struct kunit *test)
{
	struct mm_struct *mm = vm_case_mm(test);
	char *big = kmalloc(MAX_ARG_STRLEN + 1, GFP_KERNEL);
	const char *argv[] = { "prog", big, NULL };
	const char *many[20];
	struct elf_load_result r;

	KUNIT_ASSERT_NOT_NULL(test, big);
	build_image(false);
	memset(big, 'a', MAX_ARG_STRLEN);
	big[MAX_ARG_STRLEN] = '\0';
	KUNIT_EXPECT_EQ(test, load(mm, argv, NULL, IMG_SIZE, &r), -E2BIG);	/* one string */
	big[MAX_ARG_STRLEN - 1] = '\0';
	for (int i = 0; i < 19; i++)
		many[i] = big;
	many[19] = NULL;
	KUNIT_EXPECT_EQ(test, load(mm, many, NULL, IMG_SIZE, &r), -E2BIG);	/* all of them */
	KUNIT_EXPECT_EQ(test, mm->map_count, 0);	/* refused before mapping anything */
	kfree(big);
}

/* ---- images the loader refuses ------------------------------------------- */

struct bad_image {
	const char *label;
	int expect;
	size_t size;			/* 0: IMG_SIZE */
	void (*mutate)(void);
};

static void bad_magic(void)	{ img[1] = 'F'; }
static void class32(void)	{ eh()->e_ident[EI_CLASS] = 1; }
static void big_endian(void)	{ eh()->e_ident[EI_DATA] = 2; }
static void machine_386(void)	{ eh()->e_machine = 3; }
static void machine_arm64(void)	{ eh()->e_machine = 183; }
static void type_rel(void)	{ eh()->e_type = ET_REL; }
static void type_core(void)	{ eh()->e_type = 4; }
static void phentsize(void)	{ eh()->e_phentsize = 55; }
static void phnum0(void)	{ eh()->e_phnum = 0; }
static void phnum_big(void)	{ eh()->e_phnum = 74; }	/* 74 * 56 > 4096 */
static void phoff_out(void)	{ eh()->e_phoff = IMG_SIZE - 100; }
static void phoff_wrap(void)	{ eh()->e_phoff = ~0ULL - 8; }
static void interp(void)	{ ph(2)->p_type = PT_INTERP; ph(2)->p_offset = 0x100; ph(2)->p_filesz = 8; }
static void no_load(void)	{ ph(0)->p_type = PT_NOTE; ph(1)->p_type = PT_NOTE; }
static void filesz_memsz(void)	{ ph(1)->p_filesz = DATA_MEMSZ + 1; }
static void filesz_past_end(void) { ph(1)->p_filesz = IMG_SIZE; }
static void offset_wrap(void)	{ ph(1)->p_offset = ~0ULL - 0xf; ph(1)->p_vaddr = V + 0x3ff0; }
static void kernel_vaddr(void)	{ ph(1)->p_vaddr = 0xffff888000000010UL; }
static void crosses_top(void)	{ ph(1)->p_vaddr = TASK_SIZE_MAX - 0x1000 + 0x10; }
static void memsz_huge(void)	{ ph(1)->p_memsz = ~0ULL; }
static void incongruent(void)	{ ph(1)->p_vaddr = V + 0x3020; }
static void entry_kernel(void)	{ eh()->e_entry = 0xffffffff81000000UL; }
static void below_min(void)	{ ph(0)->p_vaddr = 0x1000; }
static void nothing(void)	{ }

static const struct bad_image bad_images[] = {
	{ "empty file", -ENOEXEC, 1, nothing },
	{ "truncated in the header", -ENOEXEC, 63, nothing },
	{ "truncated in the program headers", -ENOEXEC, 64 + 100, nothing },
	{ "truncated in a segment", -ENOEXEC, DATA_OFF + 10, nothing },
	{ "bad magic", -ENOEXEC, 0, bad_magic },
	{ "ELFCLASS32", -ENOEXEC, 0, class32 },
	{ "big-endian", -ENOEXEC, 0, big_endian },
	{ "EM_386", -ENOEXEC, 0, machine_386 },
	{ "EM_AARCH64", -ENOEXEC, 0, machine_arm64 },
	{ "ET_REL", -ENOEXEC, 0, type_rel },
	{ "ET_CORE", -ENOEXEC, 0, type_core },
	{ "e_phentsize 55", -ENOEXEC, 0, phentsize },
	{ "e_phnum 0", -ENOEXEC, 0, phnum0 },
	{ "e_phnum 74: over a page of headers", -ENOEXEC, 0, phnum_big },
	{ "e_phoff past the end", -ENOEXEC, 0, phoff_out },
	{ "e_phoff wrapping", -ENOEXEC, 0, phoff_wrap },
	{ "PT_INTERP: dynamically linked", -ENOEXEC, 0, interp },
	{ "no PT_LOAD", -ENOEXEC, 0, no_load },
	{ "p_filesz > p_memsz (Linux: -EINVAL)", -EINVAL, 0, filesz_memsz },
	{ "p_offset + p_filesz past the end", -ENOEXEC, 0, filesz_past_end },
	{ "p_offset + p_filesz wrapping", -ENOEXEC, 0, offset_wrap },
	{ "segment in kernel space (Linux: -EINVAL)", -EINVAL, 0, kernel_vaddr },
	{ "segment crossing TASK_SIZE", -EINVAL, 0, crosses_top },
	{ "p_memsz 2^64 - 1", -EINVAL, 0, memsz_huge },
	{ "p_offset and p_vaddr differ mod a page", -EINVAL, 0, incongruent },
	{ "e_entry in kernel space (Linux: BAD_ADDR)", -EINVAL, 0, entry_kernel },
	{ "segment below mmap_min_addr (vm_mmap's -EPERM)", -EPERM, 0, below_min },
};

/* Each on a fresh mm that is not in use: the loader borrows it (kthread_use_mm). */
static void refused_images(struct kunit *test)
{
	static const char *const argv[] = { "prog", NULL };

	kthread_unuse_mm(vm_case_mm(test));

	for (unsigned int i = 0; i < ARRAY_SIZE(bad_images); i++) {
		const struct bad_image *b = &bad_images[i];
		unsigned long free_before = nr_free_pages_drained();
		struct mm_struct *mm = mm_alloc();
		struct elf_load_result r;
		u8 *copy;
		int err;

		KUNIT_ASSERT_NOT_NULL(test, mm);
		build_image(false);
		b->mutate();
		/* an allocation of exactly the file, so ASan sees any read past it */
		copy = kmalloc(b->size ? b->size : IMG_SIZE, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, copy);
		memcpy(copy, img, b->size ? b->size : IMG_SIZE);
		err = load_elf_binary(mm, &(struct linux_binprm){ .buf = copy,
				      .size = b->size ? b->size : IMG_SIZE, .filename = "x",
				      .argv = argv }, &r);
		if (err != b->expect)
			KUNIT_FAIL(test, "%s: got %d, expected %d", b->label, err, b->expect);
		kfree(copy);
		mmput(mm);
		KUNIT_EXPECT_EQ(test, nr_free_pages_drained(), free_before);
	}
	kthread_use_mm(vm_case_mm(test));
}

/* Every PT_LOAD's file bytes are in memory, and its bss (up to a page) is zero. */
static void expect_segments(struct kunit *test, const u8 *file, unsigned long bias)
{
	const Elf64_Ehdr *eh = (const void *)file;
	const Elf64_Phdr *phs = (const void *)(file + eh->e_phoff);
	static u8 back[4096];

	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &phs[i];
		unsigned long bss = min_t(unsigned long, p->p_memsz - p->p_filesz, sizeof(back));

		if (p->p_type != PT_LOAD)
			continue;
		for (u64 off = 0; off < p->p_filesz; off += sizeof(back)) {
			size_t n = min_t(u64, sizeof(back), p->p_filesz - off);

			KUNIT_ASSERT_EQ(test, copy_from_user(back, (void *)(p->p_vaddr + bias + off), n), 0UL);
			if (memcmp(back, file + p->p_offset + off, n))
				KUNIT_FAIL(test, "segment %d differs from the file at +%#llx", i,
					   (unsigned long long)off);
		}
		KUNIT_ASSERT_EQ(test, copy_from_user(back, (void *)(p->p_vaddr + bias + p->p_filesz),
						     bss), 0UL);
		KUNIT_EXPECT_NULL(test, memchr_inv(back, 0, bss));
	}
}

/* The real thing: musl-gcc -static's hello from the initramfs. */
static void real_musl_binary(struct kunit *test)
{
	static const char *const argv[] = { "hello", "world", NULL };
	struct mm_struct *mm = vm_case_mm(test);
	struct linux_binprm bprm = { .filename = "/bin/hello", .argv = argv };
	struct elf_load_result r;
	const Elf64_Ehdr *file;
	void *buf;
	u8 back[4];
	int err;

	err = kernel_read_file_from_path("/bin/hello", &buf, &bprm.size, 16 << 20);
	if (err)
		kunit_skip(test, "no /bin/hello (%d): no initramfs (the host build has none)", err);
	bprm.buf = buf;
	file = buf;
	KUNIT_EXPECT_EQ(test, load_elf_binary(mm, &bprm, &r), 0);
	KUNIT_EXPECT_EQ(test, r.entry, file->e_entry);
	KUNIT_EXPECT_EQ(test, r.sp % 16, 0UL);
	KUNIT_EXPECT_EQ(test, uread(test, r.sp), 2UL);
	if (file->e_type == ET_EXEC)
		KUNIT_EXPECT_EQ(test, r.phdr, 0x400000UL + file->e_phoff);	/* musl's layout */
	KUNIT_EXPECT_EQ(test, copy_from_user(back, (void *)(r.phdr - file->e_phoff), 4), 0UL);
	KUNIT_EXPECT_MEMEQ(test, back, ELFMAG, 4);
	KUNIT_EXPECT_TRUE(test, vma_lookup(mm, r.entry) &&
			  (vma_lookup(mm, r.entry)->vm_flags & VM_EXEC));
	KUNIT_EXPECT_GT(test, mm->brk, r.entry);
	expect_segments(test, buf, r.load_bias);
	kfree(buf);
}

static int exec_init(struct kunit *test)
{
	return init_rootfs() ? -ENOMEM : vm_case_init(test);
}

static struct kunit_case exec_elf_cases[] = {
	KUNIT_CASE(load_synthetic_exec),
	KUNIT_CASE(initial_stack),
	KUNIT_CASE(static_pie),
	KUNIT_CASE(argc_zero),
	KUNIT_CASE(too_many_argument_bytes),
	KUNIT_CASE(refused_images),
	KUNIT_CASE(real_musl_binary),
	{}
};

static struct kunit_suite exec_elf_suite = {
	.name = "exec_elf",
	.init = exec_init,
	.exit = vm_case_exit,
	.test_cases = exec_elf_cases,
};
kunit_test_suite(exec_elf_suite);
