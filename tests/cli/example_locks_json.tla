\* tlc-rs check ../../examples/Locks.tla --format json
This file only carries the command above: a deadlock (exit 11) as one JSON object.
