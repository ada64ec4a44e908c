\* tlc-rs check ../../examples/Starvation.tla
This file only carries the command above: a liveness violation (exit 13) shown as a lasso.
