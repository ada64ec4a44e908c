---- MODULE First ----
A == 1
====
Some text between modules.
---- MODULE Second ----
EXTENDS First
B == A
====
