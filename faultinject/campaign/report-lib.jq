# Shared definitions of the fault report (faultinject/campaign/report): what one
# trial's record means. Used as a jq module: include "report-lib";

# the fault did something: its point fired, or the daemon died or changed
def fault_fired:
  ((.fault.fired // -1) > 0)
  or ((.recovery.restarts // 0) > 0)
  or ((.daemon.pid_before // 0) != (.daemon.pid_after // 0))
  or (.caller.outcome != "correct");

# the kernel's outcome: alive, oops, panic or hung (a taint the campaign
# could not classify counts as an oops)
def kernel_outcome:
  (.kernel.status // "alive") as $k
  | if $k == "tainted" then "oops" else $k end;

# one word per trial: the kernel's outcome when it is not alive, else what
# the caller saw; "masked": correct although the fault fired; "not-fired":
# correct and the fault point was never reached
def result:
  kernel_outcome as $k
  | if $k != "alive" then $k
    elif (.fault.arm_status // 0) != 0 then "arm-failed"
    elif .caller.outcome == "correct" then (if fault_fired then "masked" else "not-fired" end)
    else .caller.outcome end;

def crash_kinds: ["null", "wild", "abort", "stack", "kill9"];
def hang_kinds: ["loop", "sleep"];
