---- MODULE ActionLabelsCalls ----
\* Sub-actions through operators with arguments (PlusCal's `\E self \in P : proc(self)`):
\* TLC names them after the innermost definitions a(self), b(self).
EXTENDS Naturals
VARIABLES pc
a(self) == pc[self] = "a" /\ pc' = [pc EXCEPT ![self] = "b"]
b(self) == pc[self] = "b" /\ pc' = [pc EXCEPT ![self] = "done"]
proc(self) == a(self) \/ b(self)
Init == pc = [i \in {1, 2} |-> "a"]
Next == \E self \in {1, 2} : proc(self)
====
