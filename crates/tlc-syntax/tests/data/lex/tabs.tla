---- MODULE tabs ----
\* a tab advances to the next multiple of 8 (SANY): the tab line is at column 9
\* and continues the \/ list (TLC evaluates A to FALSE)
A == /\ FALSE
     /\ \/ FALSE
	\/ TRUE
B == /\ x
  	/\ y
====
