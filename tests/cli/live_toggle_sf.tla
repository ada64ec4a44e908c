\* tlc-rs check ../../specs/liveness/Toggle.tla --config ../../specs/liveness/Toggle_sf.cfg
SF of the same action forces it: exit 0 (as TLC).
