# The campaign's totals per build, from all records (jq -s -L faultinject/campaign).
include "report-lib";

def totals:
  {
    trials: (length),
    kernel_crashes: (map(select(kernel_outcome == "oops" or kernel_outcome == "panic")) | length),
    panics: (map(select(kernel_outcome == "panic")) | length),
    oopses: (map(select(kernel_outcome == "oops")) | length),
    hangs: (map(select(kernel_outcome == "hung")) | length),
    wrong: (map(select(kernel_outcome == "alive" and .caller.outcome == "wrong")) | length),
    errors: (map(select(kernel_outcome == "alive" and .caller.outcome == "error")) | length),
    no_answer: (map(select(kernel_outcome == "alive" and .caller.outcome == "no-answer")) | length),
    masked: (map(select(result == "masked")) | length),
    not_fired: (map(select(result == "not-fired")) | length),
    arm_failed: (map(select(result == "arm-failed")) | length),
    recovered: (map(select(.recovery.recovered == true)) | length),
    ping_lost: (map(.ping.lost // 0) | add // 0),
    nic_dead: (map(select(.nic.dead == true)) | length),
    refused: (map((.regs.refused // 0) + (.kernel.counters.regs_denied // 0)) | add // 0),
    holds: (map(.fastpath_holds // 0) | add // 0)
  };

group_by(.build) | map({key: .[0].build, value: totals}) | from_entries
