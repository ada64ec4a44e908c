---- MODULE MissingEnd ----
A == 1
B == 2
