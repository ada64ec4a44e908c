\* tlc-rs check ../../specs/liveness/Counter.tla --config ../../specs/liveness/Counter_tautology.cfg
A property that holds for every behaviour: exit 77 before exploring, as TLC.
