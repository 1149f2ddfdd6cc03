# faultinject/campaign/: the crash-isolation campaign (make faults).
#
#   make faults          the campaign on both builds and its report
#                        (report/FAULTS.md, report/figures/faults-*.{svg,png},
#                        raw records in report/data/faults/)
#   make faults-report   the report again from the raw records
#
# Environment: FAULTS_QUICK=1, FAULTS_TRIALS=N, FAULTS_SEED=S, FAULTS_JOBS=N,
# FAULTS_SHARD=I/N, FAULTS_DEADLINE_MS=MS (see faultinject/README.md).

FI_DIR := $(ROOT)/faultinject/campaign
FI_OUT := $(BUILD)/faultinject

# guest: the trial runner, trial/ (libc only: threads are in glibc itself;
# the op table for the ops' flags; lib/ethtool-ioc for the calls)
FI_TRIAL_SRC := $(wildcard $(FI_DIR)/trial/*.c) $(ETHTOOL_IOC_SRC)
$(FI_OUT)/fault-trial: $(FI_TRIAL_SRC) $(FI_DIR)/trial/trial.h $(ETHTOOL_IOC_DEPS) \
		$(ROOT)/pcnet32/ops.h $(ROOT)/driver-split/uapi/pcnet32_upcall.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -I$(ROOT)/pcnet32 -I$(ROOT)/driver-split/uapi $(ETHTOOL_IOC_INC) \
		-pthread -o $@ $(sort $(FI_TRIAL_SRC))

# host: the trial list (from the op table) and the console classifier
$(FI_OUT)/fault-trial-list: $(FI_DIR)/trial-list.c $(FI_DIR)/shard.h $(ROOT)/pcnet32/ops.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -I$(ROOT)/pcnet32 -I$(ROOT)/driver-split/uapi -o $@ $<

# the mutant campaign's list, from the schemata's list and the traces
$(FI_OUT)/fault-mutant-list: $(FI_DIR)/mutant-list.c $(FI_DIR)/shard.h $(ROOT)/pcnet32/ops.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -I$(ROOT)/pcnet32 -I$(ROOT)/driver-split/uapi -o $@ $<

$(FI_OUT)/fault-classify: $(FI_DIR)/classify.c
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -o $@ $<

GUEST_TOOLS += $(FI_OUT)/fault-trial
FI_TOOLS := $(FI_OUT)/fault-trial $(FI_OUT)/fault-trial-list $(FI_OUT)/fault-classify \
	$(FI_OUT)/fault-mutant-list
all: $(FI_TOOLS)

TEST_CFLAGS += -I$(FI_DIR) -I$(ROOT)/pcnet32 -I$(ROOT)/driver-split/uapi
TEST_DEPS += $(FI_DIR)/trial-list.c $(FI_DIR)/classify.c $(FI_DIR)/report-totals.jq \
	$(FI_DIR)/mutant-list.c $(FI_DIR)/shard.h $(FI_DIR)/trial/answer.c $(FI_DIR)/trial/trial.h \
	$(FI_DIR)/report-mutants.jq $(FI_DIR)/report $(wildcard $(ROOT)/tests/unit/data/faults-mutants/*) \
	$(wildcard $(ROOT)/tests/unit/sh/*.sh)

.PHONY: faults-run faults-report
faults: faults-run

# After the campaign, make faults runs the hostile-daemon fuzz
# (faultinject/fuzz/rules.mk):
# the full one (>= 100000 replies, 10000 random ioctls; about 20 minutes
# more), the short one of make test with FAULTS_QUICK=1, none with
# FAULTS_FUZZ=0.
FI_FUZZ_ENV := $(if $(filter 1,$(FAULTS_QUICK)),FUZZ_REPLIES=4000 FUZZ_IOCTLS=400 FUZZ_SEED=11)

faults-run: deps
	@$(MAKE) --no-print-directory all build-inkernel build-split
	@$(FI_DIR)/campaign run
	@if [ "$${FAULTS_FUZZ:-1}" != 0 ]; then \
		$(FI_FUZZ_ENV) $(MAKE) --no-print-directory fuzz; fi

faults-report:
	@$(FI_DIR)/campaign report

lint: lint-faults
.PHONY: lint-faults
lint-faults:
	@shellcheck $(FI_DIR)/campaign $(FI_DIR)/remote $(FI_DIR)/report
	@echo "lint-faults: clean"
