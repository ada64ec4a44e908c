\* tlc-rs check ../../specs/liveness/Procs.tla --config ../../specs/liveness/Procs_view.cfg
TLC: exit 0, 9 distinct (VIEW = all variables, so nothing is merged); tlc-rs warns that VIEW and liveness do not mix.
