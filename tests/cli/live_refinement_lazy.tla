\* tlc-rs check ../../specs/liveness/TwoPhaseClock.tla --config ../../specs/liveness/TwoPhaseClock_lazy.cfg
Refinement without fairness: WF_hr(HNext) of the abstract spec is violated by stuttering (exit 13).
