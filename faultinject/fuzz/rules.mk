# faultinject/fuzz/: the hostile-daemon fuzzer (guest tools) and make fuzz.
#
#   make fuzz     the full fuzz in one guest: >= 100000 replies and 10000
#                 random ioctls against the split build, half with a server
#                 on the ports, half with a mediated one that also sends
#                 random register programs (faultinject/fuzz/fuzz.sh; FUZZ_SEED,
#                 FUZZ_REPLIES, FUZZ_IOCTLS, FUZZ_PHASES override); prints
#                 the counts and the verdict
#
# tests/lab/fuzz/06-short-fuzz.sh runs a short fuzz in make test.

FUZZ_DIR := $(ROOT)/faultinject/fuzz
FUZZ_OUT := $(BUILD)/fuzz
FUZZ_INC := -I$(ROOT)/pcnet32 -I$(ROOT)/driver-split/daemon -I$(ROOT)/driver-split/uapi \
	-I$(FUZZ_DIR)
# the fuzzer's plausible replies are the real daemon's: its dispatch and
# slow.c, with the fault points (never armed here: no control file mapped);
# its register programs are checked against the kernel's own firewall.c
# (whose bool the kernel has built in: stdbool.h here)
FUZZ_DAEMON_SRC := $(addprefix $(FUZZ_DIR)/,fuzz-daemon.c fuzz-reply.c fuzz-ioctl.c fuzz-regs.c) \
	$(addprefix $(ROOT)/driver-split/daemon/,dispatch.c fault-user.c fault-ctl.c regs.c) \
	$(addprefix $(ROOT)/pcnet32/,slow.c fault.c fault-act.c regprog.c firewall.c)
FUZZ_HDRS := $(FUZZ_DIR)/fuzz.h $(ROOT)/driver-split/daemon/dispatch.h \
	$(ROOT)/driver-split/daemon/regs.h \
	$(ROOT)/driver-split/uapi/pcnet32_upcall.h $(wildcard $(ROOT)/pcnet32/*.h)

$(FUZZ_OUT)/fuzz-daemon: $(FUZZ_DAEMON_SRC) $(FUZZ_HDRS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(FUZZ_INC) -include stdbool.h -o $@ $(FUZZ_DAEMON_SRC) -lpthread

$(FUZZ_OUT)/fuzz-load: $(FUZZ_DIR)/fuzz-load.c $(FUZZ_HDRS) $(ETHTOOL_IOC_DEPS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(FUZZ_INC) $(ETHTOOL_IOC_INC) -o $@ $< $(ETHTOOL_IOC_SRC)

$(FUZZ_OUT)/fuzz-run: $(FUZZ_DIR)/fuzz-run
	@mkdir -p $(@D)
	@install -m 755 $< $@

FUZZ_TOOLS := $(addprefix $(FUZZ_OUT)/,fuzz-daemon fuzz-load fuzz-run)
GUEST_TOOLS += $(FUZZ_TOOLS)
all: $(FUZZ_TOOLS)

.PHONY: fuzz lint-fuzz
fuzz: deps
	@$(MAKE) --no-print-directory all
	@$(FUZZ_DIR)/fuzz.sh

lint: lint-fuzz
lint-fuzz:
	@shellcheck $(FUZZ_DIR)/fuzz.sh $(FUZZ_DIR)/fuzz-run
	@echo "lint-fuzz: clean"
