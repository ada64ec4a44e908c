\* tlc-rs check ../../specs/liveness/TwoPhaseClock.tla --config ../../specs/liveness/TwoPhaseClock.cfg
Refinement through INSTANCE (Init, [][Next]_v and WF of the abstract spec) holds: exit 0, 24 states (as TLC).
