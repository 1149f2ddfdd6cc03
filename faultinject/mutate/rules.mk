# faultinject/mutate/: the slow path's mutant schemata (README.md there).
#
#   $(MUT_SLOW)             build/mutants/slow.c, compiled by every build in
#                           place of pcnet32/slow.c
#   $(MUT_DIR)/mutants.tsv  its mutants: index, id, operator, function,
#                           line, column, description
#
# MUT_DIR and MUT_SLOW are set in the top Makefile: the builds' rules,
# included before this file, name them as prerequisites.

MUT_LIST := $(MUT_DIR)/mutants.tsv
MUT_DEPS := $(ROOT)/pcnet32/slow.c $(ROOT)/faultinject/mutate/schemata.cocci \
	$(ROOT)/faultinject/mutate/generate $(wildcard $(ROOT)/pcnet32/*.h) \
	$(ROOT)/driver-split/uapi/pcnet32_upcall.h

$(MUT_SLOW) $(MUT_LIST) &: $(MUT_DEPS)
	@$(ROOT)/faultinject/mutate/generate $(ROOT)/pcnet32/slow.c $(MUT_DIR)

.PHONY: mutants lint-mutate
mutants: $(MUT_SLOW) $(MUT_LIST)
all: mutants

lint: lint-mutate
lint-mutate:
	@shellcheck $(ROOT)/faultinject/mutate/generate $(ROOT)/faultinject/mutate/cost
	@echo "lint-mutate: clean"

# the generator's test input: its schemata and list, for tests/unit/mutate_unit.c
MUT_FIXTURE := $(BUILD)/tests/mutate
$(MUT_FIXTURE)/mutate-fixture.c $(MUT_FIXTURE)/mutants.tsv &: \
		$(ROOT)/tests/unit/data/mutate-fixture.c $(filter-out %/slow.c,$(MUT_DEPS))
	@$(ROOT)/faultinject/mutate/generate $(ROOT)/tests/unit/data/mutate-fixture.c $(MUT_FIXTURE)
TEST_DEPS += $(MUT_FIXTURE)/mutate-fixture.c $(MUT_FIXTURE)/mutants.tsv \
	$(ROOT)/tests/unit/data/mutate-fixture.tsv $(ROOT)/pcnet32/mutant.h
TEST_CFLAGS += -I$(MUT_FIXTURE)
