# bench/: the benchmark (make bench). Regenerates the paper's Tables 1-4
# for stock / inkernel / split / split-direct / split-paper, with gnuplot figures, into report/REPORT.md,
# report/figures/bench-*.png and the raw data under report/data/bench/.
#
#   make bench         the full run (4 rotated rounds; about 25 minutes: bench/run.sh --expected)
#   make bench-quick   one short round per column, for development
#   make bench-report  tables and figures again from the raw data of the last run
#
# Environment: BENCH_ROUNDS, BENCH_REPS (ethtool command repetitions),
# BENCH_OPS_N (micro-benchmark calls per op), BENCH_QUICK=1, BENCH_DATA
# (raw data directory); see bench/run.sh --help.

BENCH_DIR := $(ROOT)/bench
OPBENCH := $(BUILD)/bench/opbench

# libperf (tools/lib/perf of Debian's linux-source-6.1), built at set-up
# into build/libperf and linked statically: opbench runs in the guest,
# whose image has the host's libc only
LIBPERF_DIR := $(BUILD)/libperf
LIBPERF := $(LIBPERF_DIR)/libperf.a
$(LIBPERF): $(ROOT)/tools/libperf.sh $(ROOT)/tools/linux-source.sh
	@$(ROOT)/tools/libperf.sh $(LIBPERF_DIR)

$(OPBENCH): $(ROOT)/workloads/opbench.c $(ETHTOOL_IOC_DEPS) $(LIBPERF)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -I$(LIBPERF_DIR)/include $(ETHTOOL_IOC_INC) -o $@ $< \
		$(ETHTOOL_IOC_SRC) $(LIBPERF) $(LIBPERF_DIR)/libapi.a

# bootstrap intervals and verdicts (the method: verdict.c, unit-tested by
# tests/unit/bench_unit.c, which links the same file)
BENCHCI := $(BUILD)/bench/benchci
$(BENCHCI): $(BENCH_DIR)/benchci.c $(BENCH_DIR)/verdict.c $(BENCH_DIR)/verdict.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -o $@ $(BENCH_DIR)/benchci.c $(BENCH_DIR)/verdict.c -lm
TEST_SRCS += $(BENCH_DIR)/verdict.c
TEST_DEPS += $(BENCH_DIR)/verdict.h
TEST_LDLIBS += -lm

GUEST_TOOLS += $(OPBENCH)
all: $(OPBENCH) $(BENCHCI)

.PHONY: bench-run bench-quick bench-report
bench: bench-run

bench-run: deps all $(BENCH_DEPS)
	@$(BENCH_DIR)/run.sh

bench-quick: deps all $(BENCH_DEPS)
	@BENCH_QUICK=1 $(BENCH_DIR)/run.sh

bench-report: $(BENCHCI)
	@$(BENCH_DIR)/report.sh

lint: lint-bench
.PHONY: lint-bench
lint-bench:
	@shellcheck $(BENCH_DIR)/*.sh $(ROOT)/tools/libperf.sh
	@echo "lint-bench: clean"
