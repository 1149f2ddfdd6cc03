# Every faultinject component keeps its rules in its own faultinject/*.mk
# (arm.mk, ...): this file only includes them (not itself: it is a .mk too).
include $(filter-out %/rules.mk,$(wildcard $(ROOT)/faultinject/*.mk))
