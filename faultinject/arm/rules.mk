# SPDX-License-Identifier: GPL-2.0
# faultinject/arm/: fault-arm, the guest tool that arms one slow-path
# fault in either build (pcnet32/fault.h; the interface in
# faultinject/README.md), and the
# host unit tests of its parser and of the shared decision.
#
#   $(BUILD)/faultinject/fault-arm   -> /lab/bin/fault-arm in the guest

FAULT_ARM := $(BUILD)/faultinject/fault-arm
FAULT_ARM_SRC := $(ROOT)/faultinject/arm/arm.c $(ROOT)/faultinject/arm/arm-args.c \
	$(ROOT)/pcnet32/fault.c $(ROOT)/driver-split/daemon/fault-ctl.c
FAULT_ARM_INC := -I$(ROOT)/faultinject/arm -I$(ROOT)/pcnet32 -I$(ROOT)/driver-split/daemon \
	-I$(ROOT)/driver-split/uapi

$(FAULT_ARM): $(FAULT_ARM_SRC) $(ROOT)/faultinject/arm/arm-args.h $(ROOT)/pcnet32/fault.h \
		$(ROOT)/pcnet32/ops.h $(ROOT)/driver-split/daemon/fault-ctl.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(FAULT_ARM_INC) -o $@ $(FAULT_ARM_SRC)

GUEST_TOOLS += $(FAULT_ARM)
lab-tools: $(FAULT_ARM)

.PHONY: lint-fault-arm
lint: lint-fault-arm
lint-fault-arm:
	@shellcheck $(ROOT)/faultinject/arm/arm
	@echo "lint-fault-arm: clean"

TEST_CFLAGS += -I$(ROOT)/faultinject/arm -I$(ROOT)/driver-split/daemon
# slow.c too: tests/unit/driver_unit.c includes it, and its fault points are tested
TEST_DEPS += $(ROOT)/pcnet32/slow.c $(ROOT)/faultinject/arm/arm-args.c $(ROOT)/faultinject/arm/arm-args.h \
	$(ROOT)/pcnet32/fault.c $(ROOT)/pcnet32/fault-act.c $(ROOT)/pcnet32/fault.h \
	$(ROOT)/driver-split/daemon/fault-ctl.c $(ROOT)/driver-split/daemon/fault-ctl.h \
	$(ROOT)/driver-split/daemon/fault-user.c $(ROOT)/driver-split/daemon/fault-user.h
