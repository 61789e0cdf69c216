# mmlab - a small x86-64 teaching kernel.  `make help` lists the targets.
#
# Built with the host's gcc used freestanding; CROSS_COMPILE=x86_64-elf-
# (or x86_64-linux-gnu-) selects a cross toolchain, as in Linux.

CROSS_COMPILE ?=
CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
NM      := $(CROSS_COMPILE)nm
OBJDUMP := $(CROSS_COMPILE)objdump
PYTHON  ?= python3

BUILD   ?= build
V       ?= 0
OPT     ?= -Og
MEM     ?= 1G
CMDLINE ?=
FILTER  ?=

CFLAGS := -std=gnu11 -ffreestanding -fno-pic -fno-pie -mcmodel=kernel \
	-mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-avx -mno-80387 \
	-fno-stack-protector -fcf-protection=none \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-common -fno-tree-loop-distribute-patterns \
	-g3 $(OPT) -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-Iinclude -MMD -MP
ifeq ($(CI),true)
CFLAGS += -Werror
endif
ASFLAGS := -Iinclude -MMD -MP -g
LDFLAGS := -nostdlib -z max-page-size=0x1000 -T linker.ld

# Quiet by default ("  CC  file"); V=1 shows the full commands.
ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @echo
endif

SRCS := $(wildcard boot/*.S kernel/*.c kernel/*.S kernel/lib/*.c \
	kernel/fs/*.c kernel/fs/proc/*.c kernel/sched/*.c kernel/trace/*.c kernel/kunit/*.c kernel/kunit/*.S mm/*.c drivers/*.c \
	tests/*.c tests/*.S tests/bench/*.c tests/stress/*.c)
ifeq ($(SELFTEST),1)
SRCS += $(wildcard tests/selftest/*.c)
endif
OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(SRCS)))

KERNEL := $(BUILD)/kernel.elf
ISO    := $(BUILD)/mmlab.iso

.PHONY: qemu-gdb compile_commands.json lab grade trace-demo all kernel iso initramfs run gdb test selftest-kernel host-test bench stress fuzz clean help tools hmm-tests FORCE
.DELETE_ON_ERROR:

all: iso

kernel: $(KERNEL)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(quiet) "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	$(quiet) "  AS      $<"
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

# Two links: the first gives the function addresses for the symbol table
# that the second embeds.  The table sits after .text, so no function moves
# (data does, which does not matter); the check after the link proves it.
$(BUILD)/kallsyms0.o: scripts/gen_kallsyms.sh
	@mkdir -p $(BUILD)
	$(Q)scripts/gen_kallsyms.sh < /dev/null > $(BUILD)/kallsyms0.c
	$(Q)$(CC) $(CFLAGS) -c $(BUILD)/kallsyms0.c -o $@

$(KERNEL): $(OBJS) $(BUILD)/kallsyms0.o linker.ld scripts/gen_kallsyms.sh
	$(Q)$(LD) $(LDFLAGS) -o $(BUILD)/kernel.stage1.elf $(OBJS) $(BUILD)/kallsyms0.o
	$(Q)$(NM) -n $(BUILD)/kernel.stage1.elf | scripts/gen_kallsyms.sh > $(BUILD)/kallsyms.c
	$(Q)$(CC) $(CFLAGS) -c $(BUILD)/kallsyms.c -o $(BUILD)/kallsyms.o
	$(Q)$(LD) $(LDFLAGS) -Map=$(BUILD)/kernel.map -o $@ $(OBJS) $(BUILD)/kallsyms.o
	@$(NM) -n $@ | scripts/gen_kallsyms.sh | cmp -s - $(BUILD)/kallsyms.c || \
		{ echo "kallsyms: function addresses moved between links" >&2; exit 1; }
	@if command -v grub-file >/dev/null; then grub-file --is-x86-multiboot2 $@ || \
		{ echo "$@: no multiboot2 header in the first 32 KiB" >&2; exit 1; }; fi
	@echo "  LD      $@"

iso: $(ISO)

# User programs: user/*.c, each a static musl binary (musl-gcc comes from
# Debian's musl-tools, which scripts/setup.sh installs).  They run on mmlab
# and on Linux alike.  The initramfs packs them into /bin, with the host-built
# static programs EXTRA_BINS='a b' names, and user/sbin/*.c (init) into
# /sbin; GRUB loads it as a module.
MUSL_CC     ?= musl-gcc
USER_CFLAGS := -static -O2 -g -Wall -Wextra
ifeq ($(CI),true)
USER_CFLAGS += -Werror
endif
USER_PROGS  := $(patsubst user/%.c,$(BUILD)/user/%,$(wildcard user/*.c user/tests/*.c))
SBIN_PROGS  := $(patsubst user/%.c,$(BUILD)/user/%,$(wildcard user/sbin/*.c))
EXTRA_BINS  ?=
INITRAMFS   := $(BUILD)/initramfs.cpio

$(BUILD)/user/%: user/%.c | tools
	@mkdir -p $(dir $@)
	$(quiet) "  MUSLCC  $<"
	$(Q)$(MUSL_CC) $(USER_CFLAGS) -o $@ $<

# user/*.h are header-only helpers (user/progs.h) the programs include.
$(USER_PROGS): $(wildcard user/*.h)

# Always run (EXTRA_BINS may change); the file is rewritten only if its bytes change.
$(INITRAMFS): $(USER_PROGS) $(SBIN_PROGS) $(EXTRA_BINS) scripts/mkinitramfs.py FORCE
	$(Q)$(PYTHON) scripts/mkinitramfs.py -o $@ $(addprefix --sbin ,$(SBIN_PROGS)) $(USER_PROGS) $(EXTRA_BINS)

initramfs: $(INITRAMFS)

# The ISO carries the command line: rebuild it when CMDLINE changes.
$(BUILD)/cmdline: FORCE
	@mkdir -p $(BUILD)
	@echo '$(CMDLINE)' | cmp -s - $@ || echo '$(CMDLINE)' > $@

$(ISO): $(KERNEL) $(INITRAMFS) scripts/mkiso.sh $(BUILD)/cmdline | tools
	$(Q)scripts/mkiso.sh $(KERNEL) $@ "$(CMDLINE)" $(INITRAMFS)

FORCE:

tools:
	@scripts/setup.sh

run: $(ISO)
	scripts/qemu.sh $(ISO) -m $(MEM)

gdb: $(ISO)
	scripts/gdb.sh $(KERNEL) $(ISO) -m $(MEM)

# QEMU waits for a debugger attached from another terminal or an IDE (xv6's make qemu-gdb).
qemu-gdb: $(ISO)
	GDB_WAIT=1 scripts/gdb.sh $(KERNEL) $(ISO) -m $(MEM)

# For clangd and other editors: every C and assembly file with the flags its
# build uses (scripts/compile_commands.py; nothing is built; docs/editors.md).
compile_commands.json: FORCE
	$(Q)$(PYTHON) scripts/compile_commands.py -o $@ \
		--cc '$(CC) $(CFLAGS)' $(filter %.c,$(SRCS)) $(wildcard tests/selftest/*.c) \
		--cc '$(CC) $(ASFLAGS)' $(filter %.S,$(SRCS)) \
		--cc '$(HOST_CC) $(HOST_CFLAGS)' $(HOST_SRCS) $(wildcard tests/host/*.c) \
		--cc '$(FUZZ_CC) $(FUZZ_CFLAGS)' $(FUZZ_SRCS) \
		--cc '$(MUSL_CC) $(USER_CFLAGS)' $(wildcard user/*.c user/*/*.c tests/user_extra/*.c)

# The labs (docs/labs/): a student tree with LAB's solution taken out, and its grade.
LAB ?= buddy
LABDIR ?= $(BUILD)/lab-$(LAB)
lab:
	$(Q)$(PYTHON) scripts/lab.py student $(LAB) $(LABDIR)
grade: initramfs
	$(Q)$(PYTHON) scripts/lab.py grade $(LAB) --mem $(MEM)

# The migration demo traced and drawn: build/migration.trace and .svg (docs/trace.md).
trace-demo: kernel initramfs
	$(Q)$(PYTHON) scripts/trace_demo.py --kernel $(KERNEL) --mem $(MEM)

selftest-kernel:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/selftest SELFTEST=1 kernel

# The host build: the same mm/ and drivers/ sources, and every KUnit suite
# that needs no real hardware, compiled as a normal Linux program with ASan
# and UBSan.  RAM is a memfd at PAGE_OFFSET and user addresses go through a
# software MMU; tests/host/ is the whole seam (host_seam.h is force-included;
# its .c files replace what kernel/ and the x86-only mm files provide).  The
# arguments are a kernel command line.  docs/host-build.md tells the design.
HOST_CC     ?= cc
# kernel/vsprintf.c is the printf family there: gcc must not assume libc's.
HOST_NO_LIBC_PRINTF := -fno-builtin-snprintf -fno-builtin-vsnprintf -fno-builtin-sprintf
HOST_BUILD  := $(BUILD)/host
HOST_TEST   := $(HOST_BUILD)/mm_host_test
HOST_CFLAGS := -std=gnu11 -g -O1 -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-include tests/host/host_seam.h -Iinclude -MMD -MP \
	-DBUDDY_STRESS_STEPS=100000 $(HOST_NO_LIBC_PRINTF)
ifeq ($(CI),true)
HOST_CFLAGS += -Werror
endif
# GNU ld bounds the .init.setup section (__setup) as linker.ld does.
HOST_LDFLAGS := -Wl,-T,tests/host/sections.ld
# Kernel-only: the direct map, TLB and uaccess instructions, the OOM killer (tests/host/
# has their host versions) and the narrated boot demos; of drivers/, the
# serial port and QEMU's exit device (shim.c stands in) and dmirror's demo;
# of kernel/fs/, pipes (they sleep in the scheduler, which the host lacks).
# Of kernel/, signals are in (kernel/signal*.c, kernel/fpu.c): tests/host/
# exit.c stands in for the scheduler and do_group_exit, for one task.
HOST_NOT_MM := mm/direct_map.c mm/tlb.c mm/uaccess.c mm/oom_kill.c $(wildcard mm/*_demo.c)
HOST_MM_SRCS := $(filter-out $(HOST_NOT_MM),$(wildcard mm/*.c)) \
	$(filter-out drivers/dmirror_demo.c,$(wildcard drivers/dmirror*.c)) \
	kernel/cpu.c kernel/lib/copy_page.c \
	kernel/lib/string_extra.c kernel/lib/kstrtox.c kernel/lib/scnprintf.c kernel/lib/random.c \
	$(wildcard kernel/fs/proc/*.c) $(wildcard kernel/trace/*.c) \
	kernel/kallsyms_print.c kernel/log_buf.c kernel/params.c kernel/printk.c kernel/vsprintf.c kernel/tsc.c \
	kernel/panic.c kernel/exec_elf.c kernel/pid.c kernel/sys_mm.c kernel/signal.c kernel/signal_64.c kernel/fpu.c $(filter-out kernel/fs/pipe.c,$(wildcard kernel/fs/*.c)) \
	tests/host/shim.c tests/host/arch.c tests/host/mmu.c tests/host/tlb.c \
	tests/host/uaccess.c tests/host/kallsyms.c tests/host/exit.c tests/host/host_main.c
# Suites that need the real machine: boot (multiboot, the TSC, the direct
# map, the serial port), traps (CPU exceptions and the exception table),
# kallsyms (the symbol table the kernel's link embeds, and kernel_main) and
# user_entry and user_syscall_input (ring 3: their programs are x86 code
# that must run at user addresses with the CPU's syscall, MSRs and
# exceptions, which a Linux process cannot give the host build), and sched
# (it switches kernel stacks with its own assembly and loads TSS.sp0/CR3)
# and procpid (its tasks are kernel threads made and reaped the same way).
HOST_NOT_SUITES := tests/boot_kunit.c tests/traps_kunit.c tests/kallsyms_kunit.c \
	tests/user_entry_kunit.c tests/user_syscall_input_kunit.c tests/user_programs_kunit.c \
	tests/tty_kunit.c tests/sched_kunit.c tests/procpid_kunit.c
HOST_SRCS := $(HOST_MM_SRCS) tests/host/run_tests.c \
	kernel/kunit/test.c kernel/kunit/executor.c kernel/kunit/try-catch.S \
	$(filter-out $(HOST_NOT_SUITES),$(wildcard tests/*_kunit.c)) \
	tests/host/mmu_kunit.c tests/host/fault_sweep_kunit.c tests/host/signal_kunit.c \
	$(wildcard tests/stress/*.c)
HOST_OBJS := $(patsubst %,$(HOST_BUILD)/%.o,$(basename $(HOST_SRCS)))

$(HOST_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(quiet) "  HOSTCC  $<"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

$(HOST_BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	$(quiet) "  HOSTAS  $<"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

$(HOST_TEST): $(HOST_OBJS) tests/host/sections.ld
	$(quiet) "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(HOST_LDFLAGS) -o $@ $(HOST_OBJS)

# The runner's self-test on the host: deliberately failing cases instead
# of the suites (tests/selftest/selftest.c; cpu.c is the kernel's only).
HOST_SELFTEST := $(HOST_BUILD)/mm_host_selftest
HOST_SELFTEST_OBJS := $(filter-out $(HOST_BUILD)/tests/%_kunit.o,$(HOST_OBJS)) \
	$(HOST_BUILD)/tests/selftest/selftest.o

$(HOST_SELFTEST): $(HOST_SELFTEST_OBJS) tests/host/sections.ld
	$(quiet) "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(HOST_LDFLAGS) -o $@ $(HOST_SELFTEST_OBJS)

# The model-checked stress on the host: the suites' objects, ASan+UBSan,
# with run_stress.c for run_tests.c (tests/stress/, make stress).
HOST_STRESS := $(HOST_BUILD)/mm_host_stress
HOST_STRESS_OBJS := $(filter-out $(HOST_BUILD)/tests/%_kunit.o $(HOST_BUILD)/kernel/kunit/executor.o \
	$(HOST_BUILD)/tests/host/run_tests.o,$(HOST_OBJS)) $(HOST_BUILD)/tests/host/run_stress.o

$(HOST_STRESS): $(HOST_STRESS_OBJS) tests/host/sections.ld
	$(quiet) "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(HOST_LDFLAGS) -o $@ $(HOST_STRESS_OBJS)

# The libFuzzer target (tests/fuzz/): the host build's sources and the
# stress, compiled by clang with ASan, UBSan and libFuzzer's coverage,
# linked with -fsanitize=fuzzer.
FUZZ_CC    ?= clang
comma := ,
FUZZ_BUILD := $(BUILD)/fuzz
FUZZ       := $(FUZZ_BUILD)/mm_fuzz
# Edge counters guide it (inline-8bit-counters, pc-table: what -fsanitize=fuzzer
# gives), without trace-cmp: the stress picks choices by taking its input bytes
# modulo a range, so there are no magic values to learn, and comparison
# tracing would cost a fifth of the run.
FUZZ_COVERAGE := -fsanitize-coverage=inline-8bit-counters,pc-table
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=address,undefined $(FUZZ_COVERAGE) \
	-fno-sanitize-recover=all -fno-omit-frame-pointer -Wno-everything \
	-include tests/host/host_seam.h -Iinclude -MMD -MP $(HOST_NO_LIBC_PRINTF)
FUZZ_SRCS := $(HOST_MM_SRCS) kernel/kunit/test.c kernel/kunit/try-catch.S \
	$(wildcard tests/stress/*.c) tests/fuzz/mm_fuzz.c
FUZZ_OBJS := $(patsubst %,$(FUZZ_BUILD)/%.o,$(basename $(FUZZ_SRCS)))
SECONDS ?= 60
JOBS ?= 1
RUNS ?=

# Coverage guides the fuzzer through mm/ and drivers/; the stress's own
# checking loops, the string routines and the host seam only slow it down.
FUZZ_NO_COVERAGE := $(FUZZ_BUILD)/tests/% $(FUZZ_BUILD)/kernel/%

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(quiet) "  FUZZCC  $<"
	$(Q)$(FUZZ_CC) $(if $(filter $(FUZZ_NO_COVERAGE),$@),$(filter-out \
		$(FUZZ_COVERAGE),$(FUZZ_CFLAGS)) -O2,$(FUZZ_CFLAGS)) -c $< -o $@

$(FUZZ_BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	$(quiet) "  FUZZAS  $<"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ): $(FUZZ_OBJS) tests/host/sections.ld | tools
	$(quiet) "  FUZZLD  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(HOST_LDFLAGS) -o $@ $(FUZZ_OBJS)

# Fuzz for SECONDS on a copy of the seed corpus (tests/fuzz/corpus/), in JOBS
# processes, each stopping after RUNS executions if RUNS is given.
fuzz: $(FUZZ)
	$(Q)$(PYTHON) scripts/run_fuzz.py --fuzz $(FUZZ) --seconds $(SECONDS) \
		--jobs $(JOBS) $(if $(RUNS),--runs $(RUNS)) \
		--corpus tests/fuzz/corpus --work $(FUZZ_BUILD)

# The test kernel's command line (scripts/run_tests.py passes the same).
host-test: $(HOST_TEST)
	$(HOST_TEST) kunit.enable=1 page_poison=1 slub_debug=1 mmlab.no_such_param=1 \
		$(if $(FILTER),kunit.filter_glob='$(FILTER)')

# The same mm code, -O2 and no sanitizers, for `make bench`.
HOST_BENCH_BUILD := $(BUILD)/host-bench
HOST_BENCH       := $(HOST_BENCH_BUILD)/mm_host_bench
HOST_BENCH_CFLAGS := -std=gnu11 -g -O2 -fno-omit-frame-pointer \
	-Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-include tests/host/host_seam.h -Iinclude -MMD -MP $(HOST_NO_LIBC_PRINTF)
HOST_BENCH_SRCS := $(HOST_MM_SRCS) tests/host/run_bench.c kernel/bench.c \
	tests/bench/buddy_bench.c tests/bench/migrate_bench.c
HOST_BENCH_OBJS := $(patsubst %,$(HOST_BENCH_BUILD)/%.o,$(basename $(HOST_BENCH_SRCS)))

$(HOST_BENCH_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(quiet) "  HOSTCC  $<"
	$(Q)$(HOST_CC) $(HOST_BENCH_CFLAGS) -c $< -o $@

$(HOST_BENCH): $(HOST_BENCH_OBJS) tests/host/sections.ld
	$(quiet) "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_BENCH_CFLAGS) $(HOST_LDFLAGS) -o $@ $(HOST_BENCH_OBJS)

# Benchmarks: a kernel built with -O2 boots with bench=migrate,thp (under TCG
# twice: -icount, then host time), then the host build's program runs the
# buddy benchmark; each figure BENCH_RUNS times.  One table of min / median /
# max, with the last make test runs' phase times.  Figures, not pass/fail.
# docs/bench.md.
BENCH_MEM ?= 2G
# Device memory big enough for the 256 MiB migration benchmark.
BENCH_CMDLINE ?= dmirror.size=272M
BENCH_RUNS ?= 5
BENCH_FILTER ?= migrate,thp
BENCH_CLOCKS ?= icount,time
bench: $(HOST_BENCH) | tools
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/bench OPT=-O2 kernel
	$(Q)$(PYTHON) scripts/run_bench.py --kernel $(BUILD)/bench/kernel.elf \
		--host-bench $(HOST_BENCH) --mem $(BENCH_MEM) --cmdline '$(BENCH_CMDLINE)' \
		--runs $(BENCH_RUNS) --filter '$(BENCH_FILTER)' --clocks '$(BENCH_CLOCKS)' \
		--test-times $(BUILD)/test-times.log

# make test prints its phases' wall times; the build is what make does before the runner starts.
ifneq ($(filter test,$(MAKECMDGOALS)),)
TEST_STARTED := $(shell date +%s.%N)
endif

# The model-checked stress of the mm (tests/stress/): a long run in QEMU.
STEPS ?= 100000
SEED ?= 1
FAIL ?= 2
# KSTEPS: the kernel's share (QEMU is slower); 0 runs only the host.
KSTEPS ?= $(STEPS)
stress: kernel $(HOST_STRESS) | tools
	$(Q)$(PYTHON) scripts/run_stress.py --kernel $(KERNEL) --host-stress $(HOST_STRESS) \
		--steps $(STEPS) --kernel-steps $(KSTEPS) --seed $(SEED) --fail $(FAIL) --mem $(MEM)

# A program built outside user/'s rules, with plain `musl-gcc -static`, and
# given to the initramfs as EXTRA_BINS is: a student's own program would be.
PLAIN_MUSL_TEST := $(BUILD)/extra/plain_musl_test
$(PLAIN_MUSL_TEST): tests/user_extra/plain_musl_test.c | tools
	@mkdir -p $(dir $@)
	$(Q)$(MUSL_CC) -static -o $@ $<

test: kernel $(USER_PROGS) $(SBIN_PROGS) $(PLAIN_MUSL_TEST) selftest-kernel $(HOST_TEST) $(HOST_SELFTEST) | tools
	@$(MAKE) --no-print-directory initramfs EXTRA_BINS='$(EXTRA_BINS) $(PLAIN_MUSL_TEST)'
	@$(MAKE) --no-print-directory $(FUZZ) || echo "mmlab: the libFuzzer target did not build (skipped)"
	$(Q)$(PYTHON) scripts/run_tests.py --kernel $(KERNEL) --fuzz $(FUZZ) \
		$(if $(TEST_STARTED),--started $(TEST_STARTED)) \
		--selftest-kernel $(BUILD)/selftest/kernel.elf \
		--host-test $(HOST_TEST) --host-selftest $(HOST_SELFTEST) \
		--mem $(MEM) $(if $(FILTER),--filter '$(FILTER)')

# Linux's own hmm-tests (tools/testing/selftests/mm), unmodified, from Debian's
# linux-source-6.12 (fetched and cached by scripts/linux_selftests.sh), as init.
hmm-tests: kernel | tools
	$(Q)$(PYTHON) scripts/hmm_selftests.py --kernel $(KERNEL) --mem $(MEM) \
		--accel $(or $(ACCEL),tcg)

clean:
	rm -rf $(BUILD)

help:
	@echo "make run          boot mmlab in QEMU, serial console here (Ctrl-A x quits)"
	@echo "make test         build and run every test; last line: N passed, N failed, N skipped"
	@echo "make test FILTER=glob   only the KUnit suites/cases matching (e.g. 'kunit*')"
	@echo "make hmm-tests    Linux's own hmm-tests (Debian linux-source-6.12, unmodified) as init"
	@echo "make gdb          boot paused with GDB attached, stopped at kernel_main"
	@echo "make qemu-gdb     QEMU paused with a GDB stub; attach from another terminal or an IDE"
	@echo "make trace-demo   trace the migration demo, draw it: build/migration.svg"
	@echo "make compile_commands.json   the flags of every C file, for clangd (docs/editors.md)"
	@echo "make lab LAB=x    a student tree for lab x (buddy, thp, cow, migrate): build/lab-x"
	@echo "make grade LAB=x  build, run lab x's tests, print the score (docs/labs/)"
	@echo "make host-test    only the host build: mm, dmirror and their suites (ASan + UBSan)"
	@echo "make bench        benchmarks (kernel built with -O2, and the host build): tables"
	@echo "make stress STEPS=N SEED=S FAIL=P   the model-checked stress of the mm"
	@echo "make fuzz SECONDS=N   libFuzzer drives the same stress (JOBS=N processes, RUNS=N each)"
	@echo "make iso          build $(ISO) (CMDLINE='...' sets the kernel command line)"
	@echo "make initramfs    build $(INITRAMFS): user/*.c (musl-gcc -static) in /bin, EXTRA_BINS='a b' too"
	@echo "make clean        remove $(BUILD)/"
	@echo "Variables: CROSS_COMPILE=x86_64-elf-  MEM=$(MEM)  OPT=$(OPT)  ACCEL=kvm|tcg  MUSL_CC=$(MUSL_CC)  EXTRA_BINS="

-include $(OBJS:.o=.d) $(HOST_OBJS:.o=.d) $(HOST_SELFTEST_OBJS:.o=.d) $(HOST_BENCH_OBJS:.o=.d) \
	$(FUZZ_OBJS:.o=.d)
