---- MODULE errors ----
a == "unterminated
b == 1 ` 2
c == \foo
d == (* unterminated
====
