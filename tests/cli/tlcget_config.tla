\* tlc-rs check tlcget_config.tla --workers 2 --no-deadlock
---- MODULE tlcget_config ----
\* TLCGet("config") reports the run's settings (TLC 1.8; the corpus's DieHardest assumes
\* worker = 1 under one worker): here 2 workers and no deadlock check, so the ASSUME holds
\* and x = 2 is not reported as a deadlock (exit 0, 3 distinct states).
EXTENDS Naturals, TLC
VARIABLE x
ASSUME /\ TLCGet("config").worker = 2
       /\ TLCGet("config").deadlock = FALSE
       /\ TLCGet("config").mode = "bfs"
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
