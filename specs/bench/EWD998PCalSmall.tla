---- MODULE EWD998PCalSmall ----
\* EWD998PCal (../shared/corpus/specs/ewd998) with a tighter state constraint: 20,870
\* distinct states instead of 321,370, small enough to count instructions under
\* callgrind (scripts/bench-instructions.sh). Run with
\* --lib ../shared/corpus/specs/ewd998 --lib ../shared/corpus/lib.
EXTENDS EWD998PCal
SmallConstraint == \A i \in DOMAIN counter : counter[i] < 2
====
