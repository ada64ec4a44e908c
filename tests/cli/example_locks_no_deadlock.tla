\* tlc-rs check ../../examples/Locks.tla --no-deadlock
This file only carries the command above: --no-deadlock makes the check pass (6 states).
