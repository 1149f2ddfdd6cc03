# The split build: kernel module with the upcall channel, the daemon
# pcnet32d and its supervisor; host unit tests of the channel and checks.
#
#   build-split   $(BUILD)/split/{pcnet32.ko,pcnet32d,pcnet32-supervise,load,...}

SPL_DIR := $(ROOT)/driver-split
SPL_OBJ := $(BUILD)/obj/split
SPL_OUT := $(BUILD)/split
SPL_KSRC := $(addprefix $(ROOT)/pcnet32/,core.c datapath.c ethtool.c selftest.c \
	dispatch-common.c compat.h hw.h port.h \
	ops.h pcnet32.h fault.c fault-act.c fault-kernel.c fault.h mutant.h \
	regprog.c regprog.h firewall.c firewall.h regaccess.c) $(MUT_SLOW) \
	$(addprefix $(SPL_DIR)/kernel/,dispatch-split.c upcall-daemon.c upcall-call.c upcall-debugfs.c \
	upcall.h upcall-priv.h \
	check.c check.h chan.h) \
	$(addprefix $(SPL_DIR)/kernel/,repair.c repair.h) \
	$(SPL_DIR)/uapi/pcnet32_upcall.h
SPL_INC := -I$(ROOT)/pcnet32 -I$(SPL_DIR)/kernel -I$(SPL_DIR)/uapi
SPL_GUEST := load unload daemon-start daemon-stop

.PHONY: build-split lint-split
all: build-split

build-split: $(SPL_OUT)/pcnet32.ko $(SPL_OUT)/pcnet32d \
	$(SPL_OUT)/pcnet32-supervise $(addprefix $(SPL_OUT)/,$(SPL_GUEST)) \
	$(SPL_OUT)/upcall-hostile $(SPL_OUT)/upcall-hostile32

$(SPL_OUT)/pcnet32.ko: $(SPL_KSRC) $(SPL_DIR)/Kbuild $(CACHE)/lab/kver
	@test -n "$(INK_KDIR)" || { echo "build-split: no kernel headers (run make deps)" >&2; exit 1; }
	@mkdir -p $(SPL_OBJ) $(SPL_OUT)
	@for f in $(SPL_KSRC); do ln -sf $$f $(SPL_OBJ)/; done
	@ln -sf $(SPL_DIR)/Kbuild $(SPL_OBJ)/Kbuild
	@$(MAKE) -s -C $(INK_KDIR) M=$(SPL_OBJ) KCFLAGS=-Werror modules >$(SPL_OBJ)/build.log 2>&1 || \
		{ cat $(SPL_OBJ)/build.log >&2; exit 1; }
	@if grep -E 'warning:' $(SPL_OBJ)/build.log >&2; then exit 1; fi
	@cp $(SPL_OBJ)/pcnet32.ko $@

# libseccomp is linked statically: the guest image has libc only. The
# check after the link keeps it so (ldd must list nothing else). The fault
# points are part of the benchmarked daemon: there is no separate fault
# build (pcnet32/fault.h).
SPL_DAEMON_SRC := $(addprefix $(SPL_DIR)/daemon/,pcnet32d.c dispatch.c sandbox.c \
	fault-user.c fault-ctl.c regs.c) \
	$(MUT_SLOW) $(addprefix $(ROOT)/pcnet32/,fault.c fault-act.c regprog.c)
$(SPL_OUT)/pcnet32d: $(SPL_DAEMON_SRC) $(SPL_DIR)/daemon/dispatch.h \
		$(SPL_DIR)/daemon/sandbox.h $(SPL_DIR)/daemon/fault-ctl.h \
		$(SPL_DIR)/daemon/fault-user.h $(SPL_DIR)/daemon/regs.h \
		$(filter %.h,$(SPL_KSRC))
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(SPL_INC) -o $@.tmp $(SPL_DAEMON_SRC) \
		-Wl,-Bstatic -lseccomp -Wl,-Bdynamic
	@if ldd $@.tmp | grep -v -E 'linux-vdso|libc\.so|ld-linux' | grep -q .; then \
		echo "$@: linked against more than libc:" >&2; ldd $@.tmp >&2; exit 1; fi
	@mv $@.tmp $@

# the same daemon from pcnet32/slow.c itself, without the mutant schemata:
# faultinject/mutate/cost compares the two (/lab/bin/pcnet32d-plain)
SPL_PLAIN_DAEMON := $(BUILD)/plain/pcnet32d-plain
$(SPL_PLAIN_DAEMON): $(filter-out $(MUT_SLOW),$(SPL_DAEMON_SRC)) $(ROOT)/pcnet32/slow.c \
		$(SPL_DIR)/daemon/dispatch.h $(SPL_DIR)/daemon/sandbox.h $(SPL_DIR)/daemon/fault-ctl.h \
		$(SPL_DIR)/daemon/fault-user.h $(SPL_DIR)/daemon/regs.h $(filter %.h,$(SPL_KSRC))
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(SPL_INC) -o $@ $(filter-out $(MUT_SLOW),$(SPL_DAEMON_SRC)) \
		$(ROOT)/pcnet32/slow.c -Wl,-Bstatic -lseccomp -Wl,-Bdynamic
GUEST_TOOLS += $(SPL_PLAIN_DAEMON)
build-split: $(SPL_PLAIN_DAEMON)

# a rule-breaking daemon for the lab suite tests/lab/hostile/
$(SPL_OUT)/upcall-hostile: $(SPL_DIR)/guest/upcall-hostile.c $(filter %.h,$(SPL_KSRC))
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(SPL_INC) -pthread -o $@ $<

# the same as a 32-bit binary (static: the image has no 32-bit libc), to
# test the node's compat ioctl
$(SPL_OUT)/upcall-hostile32: $(SPL_DIR)/guest/upcall-hostile.c $(filter %.h,$(SPL_KSRC))
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -m32 -static $(SPL_INC) -pthread -o $@ $<

$(SPL_OUT)/pcnet32-supervise: $(SPL_DIR)/daemon/pcnet32-supervise
	@mkdir -p $(@D)
	@install -m 755 $< $@

$(addprefix $(SPL_OUT)/,$(SPL_GUEST)): $(SPL_OUT)/%: $(SPL_DIR)/guest/%
	@mkdir -p $(@D)
	@install -m 755 $< $@

lint: lint-split
lint-split:
	@$(CHECKPATCH) -f $(SPL_DIR)/kernel/*.c $(SPL_DIR)/kernel/*.h $(SPL_DIR)/uapi/*.h
	@shellcheck $(addprefix $(SPL_DIR)/guest/,$(SPL_GUEST)) $(SPL_DIR)/daemon/pcnet32-supervise
	@echo "lint-split: clean"

TEST_SRCS += $(ROOT)/tests/unit/split_chan.c $(ROOT)/tests/unit/split_check.c \
	$(ROOT)/tests/unit/split_daemon.c \
	$(ROOT)/driver-split/kernel/check.c
TEST_SRCS += $(ROOT)/tests/unit/split_abi.c
TEST_CFLAGS += -I$(ROOT)/tests/unit/shim $(SPL_INC)
TEST_LDLIBS += -lm -lseccomp
# sources the tests include or whose headers they use
TEST_DEPS += $(SPL_DIR)/daemon/dispatch.c $(SPL_DIR)/daemon/dispatch.h \
	$(wildcard $(ROOT)/pcnet32/*.c $(ROOT)/pcnet32/*.h) \
	$(SPL_DIR)/daemon/sandbox.c $(SPL_DIR)/daemon/sandbox.h \
	$(filter %.h,$(SPL_KSRC))
