\* tlc-rs check ../../specs/liveness/Toggle.tla --config ../../specs/liveness/Toggle_wf.cfg
WF of an action enabled every other state does not force it: violated, lasso back to state 1 (as TLC).
