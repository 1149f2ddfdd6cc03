# The mutant campaign's figures per build, from its records (kind "mutant";
# jq -s -L faultinject/campaign -f report-mutants.jq): the Nooks-form
# totals, and what a record means. Used as a module by the report too:
# include "report-mutants";
include "report-lib";

# the kernel's outcome of a mutant's trial: panic, hung, taint (a WARN or
# a taint without an oops on the console), oops, or alive
def mut_kernel:
  kernel_outcome as $k
  | if $k == "oops" and ((.kernel.console // "") | test("^(WARNING|\\s*$)")) then "taint"
    else $k end;

def mut_crashed: mut_kernel == "oops" or mut_kernel == "panic";
def mut_alive: mut_kernel == "alive";
# the site ran its mutated code at least once, or the kernel died before
# it could say (the trial's record is then the campaign's: fired -1)
def mut_fired: (.fault.fired // -1) > 0 or (mut_alive | not);
# the split build's daemon died (or was replaced) during the call or the battery
def mut_daemon_died: .daemon.died == true;
# a wrong value reached a caller with a success status: the op's call or
# any op of the battery
def mut_silent: mut_alive and (.caller.silent == true or (.battery.silent // 0) > 0);
# a silent wrong answer of a trial whose daemon died: a kernel hook that
# returns void or a bare value gave its caller the kernel's placeholder
def mut_silent_placeholder: mut_silent and mut_daemon_died;
# an errno (or no answer) reached a caller
def mut_error: mut_alive and ((.caller.outcome == "error" or .caller.outcome == "no-answer")
  or (.battery.error // 0) > 0 or (.battery.no_answer // 0) > 0);
def mut_recovered: mut_alive and .recovery.recovered == true;
# nothing a caller, the kernel or the supervisor could see
def mut_no_effect: mut_alive and .caller.outcome == "correct"
  and (.battery.ops // 0) > 0 and (.battery.correct == .battery.ops)
  and (mut_daemon_died | not) and .recovery.recovered == true;

def mut_totals:
  {
    tried: length,
    fired: (map(select(mut_fired)) | length),
    kernel_crashes: (map(select(mut_crashed)) | length),
    panics: (map(select(mut_kernel == "panic")) | length),
    hangs: (map(select(mut_kernel == "hung")) | length),
    taints: (map(select(mut_kernel == "taint")) | length),
    daemon_crashes: (map(select(mut_daemon_died)) | length),
    recovered: (map(select(mut_recovered)) | length),
    silent: (map(select(mut_silent)) | length),
    silent_placeholder: (map(select(mut_silent_placeholder)) | length),
    errors: (map(select(mut_error)) | length),
    no_effect: (map(select(mut_no_effect)) | length),
    ping_lost: (map(.ping.lost // 0) | add // 0),
    nic_dead: (map(select(.nic.dead == true)) | length)
  };

def mut_by_build: group_by(.build) | map({key: .[0].build, value: mut_totals}) | from_entries;
