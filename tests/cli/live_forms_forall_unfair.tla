\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_forall_unfair.cfg
TLC: exit 13, 3 distinct, 0 -> 1 -> 2 then Stuttering at 2 (3 states); tlc-rs: Stuttering at 1 (2 states, shortest). TLC's lassos are not shortest.
