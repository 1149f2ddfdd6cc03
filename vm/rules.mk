# The guest lab's host-side tools and the guest agent.
LAB_CFLAGS := $(USER_CFLAGS) -I$(ROOT)/vm

$(BUILD)/vm/labctl: $(ROOT)/vm/labctl.c $(ROOT)/vm/proto.h
	@mkdir -p $(@D)
	$(CC) $(LAB_CFLAGS) -o $@ $<

$(BUILD)/vm/lab-agent: $(ROOT)/vm/agent.c $(ROOT)/vm/proto.h
	@mkdir -p $(@D)
	$(CC) $(LAB_CFLAGS) -o $@ $<

lab-tools: $(BUILD)/vm/labctl $(BUILD)/vm/lab-agent
all: lab-tools

smoke: deps lab-tools
	@$(ROOT)/vm/smoke.sh

lint: lint-lab
lint-lab:
	@shellcheck $(ROOT)/vm/lab $(ROOT)/vm/*.sh $(ROOT)/vm/guest/* $(ROOT)/.ci/run
	@cd $(ROOT)/tests/lab && shellcheck *.sh */*.sh
	@shellcheck $(ROOT)/tests/unit/sh/*.sh
	@echo "lint-lab: clean"
