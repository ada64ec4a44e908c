---------------------------- MODULE Toggle ----------------------------
(* Finish is enabled only while flag is TRUE, and Flip keeps switching    *)
(* flag. Weak fairness of Finish does not force it (it is never enabled   *)
(* continuously); strong fairness does (it is enabled infinitely often).  *)
VARIABLES flag, done
vars == <<flag, done>>

Init == flag = FALSE /\ done = FALSE
Flip == flag' = ~flag /\ UNCHANGED done
Finish == flag /\ ~done /\ done' = TRUE /\ UNCHANGED flag
Next == Flip \/ Finish

WFSpec == Init /\ [][Next]_vars /\ WF_vars(Flip) /\ WF_vars(Finish)
SFSpec == Init /\ [][Next]_vars /\ WF_vars(Flip) /\ SF_vars(Finish)

EventuallyDone == <>done
=============================================================================
