\* tlc-rs check ../../specs/liveness/Procs.tla --config ../../specs/liveness/Procs_symmetry.cfg --format json
The same in JSON: the SYMMETRY warning is in the warnings array.
