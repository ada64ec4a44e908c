\* tlc-rs check ../../examples/Jugs.tla
This file only carries the command above.
FIXME(integrator): today the checker is not wired and this exits 153; once it is,
the snapshot must show TLC's verdict (Invariant NotSolved is violated, 7 states).
