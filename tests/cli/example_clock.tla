\* tlc-rs check ../../examples/Clock.tla --workers 2
This file only carries the command above: a passing check (exit 0, 360 distinct states).
