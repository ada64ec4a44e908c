This text is before the module and is ignored: /\ " (* `
-------------------------------- MODULE outside --------------------------------
EXTENDS Naturals, Sequences
CONSTANTS N, M
VARIABLE x
----
---- MODULE Inner ----
a == 1
====
Numbers == <<\b101, \o17, \hFF, 1.5, "s\"t">>
================================================================================
Ignored trailer ====
---- MODULE second ----
b == 2
====
