\* tlc-rs check ../../examples/Jugs.tla
This file only carries the command above: an invariant violation (exit 12) with
TLC's 7-state trace, changed variables marked.
