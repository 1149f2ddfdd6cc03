# pcnet32-split: entry points. Every target that needs packages calls deps.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(ROOT)/build
CACHE := $(ROOT)/.cache
export ROOT BUILD CACHE

CC ?= cc
USER_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE

# checkpatch from Debian's linux-source-6.1 (fetched at set-up, never
# committed); it finds its data files (spelling.txt, ...) beside itself.
CHECKPATCH = perl "$$($(ROOT)/tools/linux-source.sh | tail -n1)/scripts/checkpatch.pl" \
	--no-tree --quiet --show-types --ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES

# The slow path's mutant schemata (faultinject/mutate/): every build
# compiles it in place of pcnet32/slow.c.
MUT_DIR := $(BUILD)/mutants
MUT_SLOW := $(MUT_DIR)/slow.c

# Components add to these from their own rules.mk.
TEST_SRCS := $(wildcard $(ROOT)/tests/*.c $(ROOT)/tests/unit/*.c)
TEST_CFLAGS := -I$(ROOT)/tests
TEST_LDLIBS := -lcunit
GUEST_TOOLS :=
BENCH_DEPS :=

.PHONY: all deps smoke test test-unit test-lab bench faults analysis lint \
	clean lab-tools tests-bin
.DEFAULT_GOAL := all

all: deps lab-tools tests-bin

deps:
	@$(ROOT)/vm/deps.sh

# lib/: C shared by tools of several components. ethtool-ioc: SIOCETHTOOL
# and the MII ioctls, for fault-trial, fuzz-load and opbench.
ETHTOOL_IOC_SRC := $(ROOT)/lib/ethtool-ioc.c
ETHTOOL_IOC_DEPS := $(ETHTOOL_IOC_SRC) $(ROOT)/lib/ethtool-ioc.h
ETHTOOL_IOC_INC := -I$(ROOT)/lib
TEST_DEPS += $(ETHTOOL_IOC_DEPS)

include $(sort $(wildcard $(ROOT)/*/rules.mk))

# The list of host-built files the lab copies into the guest's /lab/bin.
.PHONY: lab-guest-tools
lab-guest-tools: $(GUEST_TOOLS)
	@mkdir -p $(BUILD)/lab
	@printf '%s\n' $(GUEST_TOOLS) > $(BUILD)/lab/guest-tools.list.tmp
	@mv $(BUILD)/lab/guest-tools.list.tmp $(BUILD)/lab/guest-tools.list

# ---- tests ---------------------------------------------------------------
$(BUILD)/tests/run: $(sort $(TEST_SRCS)) $(wildcard $(ROOT)/tests/*.h $(ROOT)/tests/unit/*.h) $(TEST_DEPS)
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(TEST_CFLAGS) -o $@ $(sort $(TEST_SRCS)) $(TEST_LDLIBS)

tests-bin: $(BUILD)/tests/run

test: deps
	@$(MAKE) --no-print-directory all
	@$(BUILD)/tests/run unit && $(BUILD)/tests/run lab

test-unit: deps
	@$(MAKE) --no-print-directory all
	@$(BUILD)/tests/run unit

test-lab: deps
	@$(MAKE) --no-print-directory all
	@$(BUILD)/tests/run lab

clean:
	rm -rf $(BUILD)

# The main job: bench/rules.mk adds the benchmark run and its report.
bench: deps
