# analysis/: the candidate-function finder (the paper's section 7).
#   make analysis   classify pcnet32, e100, e1000 (upstream, from Debian's
#                   linux-source-6.1) and our driver; writes
#                   report/ANALYSIS.md and report/figures/analysis-*.svg
ANALYSIS_SRCS := $(addprefix $(ROOT)/analysis/,main.c util.c lex.c macro.c \
	scan.c cflow.c classify.c output.c)
ANALYSIS_TOOL := $(BUILD)/analysis/candidates

$(ANALYSIS_TOOL): $(ANALYSIS_SRCS) $(ROOT)/analysis/candidates.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -o $@ $(ANALYSIS_SRCS)

analysis: deps $(ANALYSIS_TOOL)
	@$(ROOT)/analysis/run.sh

all: $(ANALYSIS_TOOL)

# (the top Makefile already collects tests/unit/*.c; add ours only if it did not)
TEST_SRCS += $(filter-out $(TEST_SRCS),$(ROOT)/tests/unit/analysis.c)
TEST_DEPS += $(ANALYSIS_TOOL) $(wildcard $(ROOT)/analysis/testdata/*)
