# faultinject/: one folder per tool, each with its own rules.mk, included
# here: arm/ (fault-arm), campaign/ (make faults), fuzz/ (make fuzz).
include $(sort $(wildcard $(ROOT)/faultinject/*/rules.mk))
