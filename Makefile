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
	-g $(OPT) -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
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
	kernel/kunit/*.c kernel/kunit/*.S mm/*.c drivers/*.c tests/*.c tests/bench/*.c)
ifeq ($(SELFTEST),1)
SRCS += $(wildcard tests/selftest/*.c)
endif
OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(SRCS)))

KERNEL := $(BUILD)/kernel.elf
ISO    := $(BUILD)/mmlab.iso

.PHONY: all kernel iso run gdb test selftest-kernel host-test bench clean help tools FORCE
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

# The ISO carries the command line: rebuild it when CMDLINE changes.
$(BUILD)/cmdline: FORCE
	@mkdir -p $(BUILD)
	@echo '$(CMDLINE)' | cmp -s - $@ || echo '$(CMDLINE)' > $@

$(ISO): $(KERNEL) scripts/mkiso.sh $(BUILD)/cmdline | tools
	$(Q)scripts/mkiso.sh $(KERNEL) $@ "$(CMDLINE)"

FORCE:

tools:
	@scripts/setup.sh

run: $(ISO)
	scripts/qemu.sh $(ISO) -m $(MEM)

gdb: $(ISO)
	scripts/gdb.sh $(KERNEL) $(ISO) -m $(MEM)

selftest-kernel:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/selftest SELFTEST=1 kernel

# The host build of the mm core: the same mm sources compiled as a normal
# Linux program over a simulated RAM arena, with ASan and UBSan.  The only
# seam is tests/host/host_seam.h (PAGE_OFFSET); tests/host/shim.c stands in
# for printk/panic.  Its suites print KTAP like the kernel's.
HOST_CC     ?= cc
HOST_BUILD  := $(BUILD)/host
HOST_TEST   := $(HOST_BUILD)/mm_host_test
HOST_CFLAGS := -std=gnu11 -g -O1 -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-include tests/host/host_seam.h -Iinclude -MMD -MP \
	-DBUDDY_STRESS_STEPS=100000 -DMM_CHECK_NO_VM
ifeq ($(CI),true)
HOST_CFLAGS += -Werror
endif
HOST_MM_SRCS := mm/page_alloc.c mm/folio.c mm/memblock.c mm/mm_init.c mm/debug.c \
	mm/vmstat.c mm/fail_page_alloc.c mm/slab.c mm/memremap.c mm/shrinker.c \
	kernel/cpu.c kernel/lib/copy_page.c \
	kernel/lib/string_extra.c kernel/lib/kstrtox.c kernel/lib/scnprintf.c \
	kernel/log_buf.c tests/host/shim.c tests/host/host_main.c
HOST_SRCS := $(HOST_MM_SRCS) tests/host/run_tests.c \
	kernel/kunit/test.c kernel/kunit/executor.c kernel/kunit/try-catch.S \
	tests/buddy_kunit.c tests/folio_kunit.c tests/mm_debug_kunit.c \
	tests/memblock_kunit.c tests/slab_kunit.c tests/copy_page_kunit.c tests/pcp_kunit.c tests/kunit_kunit.c
HOST_OBJS := $(patsubst %,$(HOST_BUILD)/%.o,$(basename $(HOST_SRCS)))

$(HOST_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(quiet) "  HOSTCC  $<"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

$(HOST_BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	$(quiet) "  HOSTAS  $<"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

$(HOST_TEST): $(HOST_OBJS)
	$(quiet) "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $(HOST_OBJS)

host-test: $(HOST_TEST)
	$(HOST_TEST)

# The same mm code, -O2 and no sanitizers, for `make bench`.
HOST_BENCH_BUILD := $(BUILD)/host-bench
HOST_BENCH       := $(HOST_BENCH_BUILD)/mm_host_bench
HOST_BENCH_CFLAGS := -std=gnu11 -g -O2 -fno-omit-frame-pointer \
	-Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-include tests/host/host_seam.h -Iinclude -MMD -MP '-DARENA_SIZE=(1UL << 30)'
HOST_BENCH_SRCS := $(HOST_MM_SRCS) tests/host/run_bench.c kernel/bench.c \
	tests/bench/buddy_bench.c
HOST_BENCH_OBJS := $(patsubst %,$(HOST_BENCH_BUILD)/%.o,$(basename $(HOST_BENCH_SRCS)))

$(HOST_BENCH_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(quiet) "  HOSTCC  $<"
	$(Q)$(HOST_CC) $(HOST_BENCH_CFLAGS) -c $< -o $@

$(HOST_BENCH): $(HOST_BENCH_OBJS)
	$(quiet) "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_BENCH_CFLAGS) -o $@ $(HOST_BENCH_OBJS)

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

test: kernel selftest-kernel $(HOST_TEST) | tools
	$(Q)$(PYTHON) scripts/run_tests.py --kernel $(KERNEL) \
		$(if $(TEST_STARTED),--started $(TEST_STARTED)) \
		--selftest-kernel $(BUILD)/selftest/kernel.elf \
		--host-test $(HOST_TEST) \
		--mem $(MEM) $(if $(FILTER),--filter '$(FILTER)')

clean:
	rm -rf $(BUILD)

help:
	@echo "make run          boot mmlab in QEMU, serial console here (Ctrl-A x quits)"
	@echo "make test         build and run every test; last line: N passed, N failed, N skipped"
	@echo "make test FILTER=glob   only the KUnit suites/cases matching (e.g. 'kunit*')"
	@echo "make gdb          boot paused with GDB attached, stopped at kernel_main"
	@echo "make host-test    only the host build of the mm core (ASan + UBSan)"
	@echo "make bench        benchmarks (kernel built with -O2, and the host build): tables"
	@echo "make iso          build $(ISO) (CMDLINE='...' sets the kernel command line)"
	@echo "make clean        remove $(BUILD)/"
	@echo "Variables: CROSS_COMPILE=x86_64-elf-  MEM=$(MEM)  OPT=$(OPT)  ACCEL=kvm|tcg"

-include $(OBJS:.o=.d) $(HOST_OBJS:.o=.d) $(HOST_BENCH_OBJS:.o=.d)
