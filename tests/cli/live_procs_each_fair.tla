\* tlc-rs check ../../specs/liveness/Procs.tla --config ../../specs/liveness/Procs_each_fair.cfg
TLC: exit 0, 9 distinct: \A p \in Procs : WF_pc(Step(p)) makes every process return to 0.
