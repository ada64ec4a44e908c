\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_leads_to_unfair.cfg
TLC: exit 13, 3 distinct, 0 -> 1 -> 2 then Stuttering at 2 (3 states); tlc-rs: 0 -> 1 then Stuttering at 1 (2 states, shortest). Both violate (x = 1) ~> (x = 0); TLC's lassos are not shortest.
