\* tlc-rs check ../../specs/liveness/Counter.tla --config ../../specs/liveness/Counter_fair.cfg
Liveness: <>P, []<>P, P ~> Q, \A over a constant set and a plain state predicate, all hold under WF (exit 0, 4 states, as TLC).
