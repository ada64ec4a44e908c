\* tlc-rs check ../../specs/liveness/Procs.tla --config ../../specs/liveness/Procs_symmetry.cfg
TLC: exit 13, 6 distinct, lasso of 4 states, Back to state 2 -- a spurious violation caused by SYMMETRY (tlaplus #59): without it EachFair holds. tlc-rs agrees and warns.
