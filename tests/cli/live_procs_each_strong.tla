\* tlc-rs check ../../specs/liveness/Procs.tla --config ../../specs/liveness/Procs_each_strong.cfg
TLC: exit 0, 9 distinct: the same with SF per process.
