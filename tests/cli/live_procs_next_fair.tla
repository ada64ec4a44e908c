\* tlc-rs check ../../specs/liveness/Procs.tla --config ../../specs/liveness/Procs_next_fair.cfg
TLC: exit 13, 9 distinct, <<0,0>> <<1,0>> <<2,0>> then the cycle <<2,1>> <<2,2>> <<2,0>> (6 states, Back to state 4); tlc-rs: <<0,0>> <<1,0>> then the cycle <<1,1>> <<1,2>> <<1,0>> (4 states, Back to state 2, shortest). In both, process 1 waits forever, allowed by WF_pc(Next).
