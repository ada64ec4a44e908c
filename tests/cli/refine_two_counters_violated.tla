\* tlc-rs check ../../specs/refinement/TwoCounters.tla --config ../../specs/refinement/TwoCounters_violated.cfg
The same refinement violated only by the Reset step into the (already seen) initial state: exit 13 with TLC's 14-state trace. TLC's message names the action ("Action property line 9, col 19 to line 9, col 29 of module Sum is violated.").
