\* tlc-rs check ../../specs/refinement/Steps.tla --config ../../specs/refinement/Steps_violated.cfg
IncX, which matched Up on every earlier step, breaks the refinement at x = 2, y = 2: exit 13 with TLC 2.15 trace (6 states) and counts (25 generated, 13 distinct). TLC names the action ("Action property line 11, col 19 to line 11, col 29 of module AbsSteps is violated.").
