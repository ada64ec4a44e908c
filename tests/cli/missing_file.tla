\* tlc-rs parse does_not_exist.tla
This file only carries the command above: the spec it names does not exist.
