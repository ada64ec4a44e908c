\* tlc-rs check ../../specs/refinement/Steps.tla --config ../../specs/refinement/Steps.cfg
Refinement through an abstract action of four sub-actions (prophint.rs tries the last one that held first): holds, 12 distinct and 27 generated, as TLC 2.15.
