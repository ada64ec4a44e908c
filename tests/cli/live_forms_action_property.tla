\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_action_property.cfg
TLC: exit 13, 3 distinct, Action property OnlyUp violated by the Reset step, a 4-state trace.
