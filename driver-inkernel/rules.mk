# SPDX-License-Identifier: GPL-2.0
# driver-inkernel: our PCnet32 driver with every function in the kernel.
#
#   build-inkernel  $(BUILD)/inkernel/pcnet32.ko and $(BUILD)/inkernel/load
#   lint-inkernel   checkpatch --no-tree on the kernel sources, shellcheck
#   bench-driver    workloads/bench-inkernel.sh (stock vs inkernel)
#
# The guest kernel's version comes from $(CACHE)/lab/kver (written by the
# lab's deps step); KVER=... on the command line overrides it.

INK_SRC := $(ROOT)/pcnet32
INK_DIR := $(ROOT)/driver-inkernel
INK_OBJ := $(BUILD)/obj/inkernel
INK_OUT := $(BUILD)/inkernel
INK_SOURCES := core.c datapath.c ethtool.c selftest.c dispatch-common.c dispatch-inkernel.c compat.h hw.h port.h ops.h \
	pcnet32.h fault.c fault-act.c fault-kernel.c fault.h \
	regprog.c regprog.h firewall.c firewall.h regaccess.c mutant.h
# the op ids and structures (pcnet32/ops.h includes the ABI's header)
INK_UAPI := $(ROOT)/driver-split/uapi/pcnet32_upcall.h
INK_KVER = $(or $(KVER),$(shell cat $(CACHE)/lab/kver 2>/dev/null))
INK_KDIR = $(firstword $(wildcard /usr/src/linux-headers-$(INK_KVER) \
	/lib/modules/$(INK_KVER)/build))

.PHONY: build-inkernel lint-inkernel bench-driver

all: build-inkernel

build-inkernel: $(INK_OUT)/pcnet32.ko $(INK_OUT)/load

# ink_module OBJDIR SLOW_C: the recipe of a module of this build in OBJDIR,
# compiling SLOW_C as slow.c, copied to the target. The kbuild line is
# marked recursive with '+': make sees $(MAKE) in a recipe only when it is
# written there, not when $(call) brings it, and without the jobserver a
# parallel make (-j) has kbuild print "warning: jobserver unavailable"
# into build.log, which the warning check below then refused
define ink_module
	@test -n "$(INK_KVER)" || { echo "build-inkernel: no kernel version (run make deps)" >&2; exit 1; }
	@test -n "$(INK_KDIR)" || { echo "build-inkernel: no headers for $(INK_KVER)" >&2; exit 1; }
	@mkdir -p $(1) $(@D)
	@for f in $(INK_SOURCES); do ln -sf $(INK_SRC)/$$f $(1)/$$f; done
	@ln -sf $(2) $(1)/slow.c
	@ln -sf $(INK_UAPI) $(1)/
	@ln -sf $(INK_DIR)/Kbuild $(1)/Kbuild
	@+$(MAKE) -s -C $(INK_KDIR) M=$(1) KCFLAGS=-Werror modules >$(1)/build.log 2>&1 || \
		{ cat $(1)/build.log >&2; exit 1; }
	@if grep -E 'warning:' $(1)/build.log >&2; then exit 1; fi
	@cp $(1)/pcnet32.ko $@
endef
INK_MODULE_DEPS = $(addprefix $(INK_SRC)/,$(INK_SOURCES)) $(INK_UAPI) $(INK_DIR)/Kbuild $(CACHE)/lab/kver

# slow.c is its mutant schemata ($(MUT_SLOW), faultinject/mutate/)
$(INK_OUT)/pcnet32.ko: $(INK_MODULE_DEPS) $(MUT_SLOW)
	$(call ink_module,$(INK_OBJ),$(MUT_SLOW))

# the same module from pcnet32/slow.c itself, without the mutant schemata:
# faultinject/mutate/cost compares the two (/lab/bin/pcnet32-plain.ko)
INK_PLAIN_KO := $(BUILD)/plain/pcnet32-plain.ko
$(INK_PLAIN_KO): $(INK_MODULE_DEPS) $(INK_SRC)/slow.c
	$(call ink_module,$(BUILD)/obj/inkernel-plain,$(INK_SRC)/slow.c)
GUEST_TOOLS += $(INK_PLAIN_KO)
build-inkernel: $(INK_PLAIN_KO)

$(INK_OUT)/load: $(INK_DIR)/load
	@mkdir -p $(INK_OUT)
	@cp $< $@
	@chmod +x $@

# kver is written by the lab's deps step; without it KVER must be given
$(CACHE)/lab/kver:
	@test -n "$(KVER)" || { echo "build-inkernel: $@ missing (run make deps)" >&2; exit 1; }

lint: lint-inkernel

# checkpatch comes from Debian's linux-source package (tools/linux-source.sh)
# and finds its spelling and const-struct lists beside itself. ops.h is an
# X-macro table: its list macro is a sequence of X() entries and its
# prototype generator ends in ';' by design, which checkpatch cannot tell
# from a mistake; only those two checks are left out, and only for ops.h.
INK_CHECKPATCH = perl $$src/scripts/checkpatch.pl --no-tree --quiet \
	--show-types --ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES
lint-inkernel:
	@src=$$($(ROOT)/tools/linux-source.sh | tail -n1) && \
	$(INK_CHECKPATCH) -f $(filter-out %/ops.h,$(wildcard $(INK_SRC)/*.[ch])) && \
	$(INK_CHECKPATCH) --ignore COMPLEX_MACRO,TRAILING_SEMICOLON -f $(INK_SRC)/ops.h
	@shellcheck $(INK_DIR)/load $(INK_DIR)/pcnet32-parity \
		$(ROOT)/workloads/bench-inkernel.sh
	@echo "lint-inkernel: clean"

bench-driver: all
	@$(ROOT)/workloads/bench-inkernel.sh

# A guest tool: the MII ioctls, for the parity tests.
INK_TOOL := $(BUILD)/inkernel-tools/pcnet32-mii
$(INK_TOOL): $(INK_DIR)/pcnet32-mii.c
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -o $@ $<
GUEST_TOOLS += $(INK_TOOL)
GUEST_TOOLS += $(INK_DIR)/pcnet32-parity
