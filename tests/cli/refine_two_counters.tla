\* tlc-rs check ../../specs/refinement/TwoCounters.tla --config ../../specs/refinement/TwoCounters.cfg
Refinement through INSTANCE whose mapping collapses states (n == (x + y) % M): holds, exit 0, 49 states (as TLC).
