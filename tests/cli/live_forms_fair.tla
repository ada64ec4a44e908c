\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_fair.cfg
TLC: exit 0, 3 distinct states: [], <>, []<>, ~>, /\, \A, [][A]_v, ENABLED and a state predicate hold under WF.
