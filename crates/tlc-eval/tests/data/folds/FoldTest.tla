---- MODULE FoldTest ----
\* Native folds against the definition (a recursive function over SUBSET S, not replaced).
EXTENDS Integers, Sequences, TLC, Functions, FiniteSetsExt, SequencesExt
Ref(op(_,_), base, f(_), choose(_), S) ==
  LET g[s \in SUBSET S] == IF s = {} THEN base
                           ELSE LET x == choose(s) IN op(f(x), g[s \ {x}])
  IN g[S]
cons(x, y) == <<x, y>>
First(s) == CHOOSE x \in s : TRUE
Seq3 == <<"c", "a", "b">>
Sq == [i \in {5, 7, 9} |-> i * i]
ASSUME FoldSet(cons, 0, {3, 1, 2}) = Ref(cons, 0, LAMBDA x : x, First, {3, 1, 2})
ASSUME FoldSet(cons, 0, {}) = 0
ASSUME FoldSet(+, 0, 1..10) = 55
ASSUME FoldSet(LAMBDA x, y : x \cup y, {}, {{1}, {2, 3}}) = {1, 2, 3}
ASSUME FoldFunction(cons, 0, Seq3) = Ref(cons, 0, LAMBDA i : Seq3[i], First, 1..3)
ASSUME FoldFunctionOnSet(cons, "z", Sq, {9, 5}) = Ref(cons, "z", LAMBDA i : Sq[i], First, {9, 5})
ASSUME FoldFunctionOnSet(+, 0, Sq, {}) = 0
ASSUME FoldSeq(cons, 0, Seq3) = Ref(cons, 0, LAMBDA i : Seq3[i], First, 1..3)
ASSUME FoldLeft(cons, 0, <<3, 1, 2>>) = << << <<0, 3>>, 1>>, 2>>
ASSUME FoldLeft(cons, 0, <<>>) = 0
ASSUME FoldRight(cons, <<3, 1, 2>>, 0) = << 3, << 1, <<2, 0>> >> >>
ASSUME FoldLeft(cons, 0, 2 :> "a" @@ 5 :> "b") = << <<0, "a">>, "b">>
ASSUME FoldRight(cons, 2 :> "a" @@ 5 :> "b", 0) = <<"a", <<"b", 0>> >>
ASSUME MapThenFoldSet(cons, 0, LAMBDA x : 10 * x, LAMBDA s : Max(s), {1, 2, 3})
       = Ref(cons, 0, LAMBDA x : 10 * x, LAMBDA s : Max(s), {1, 2, 3})
ASSUME MapThenFoldSet(cons, 0, LAMBDA x : 10 * x, LAMBDA s : Min(s), {1, 2, 3})
       = Ref(cons, 0, LAMBDA x : 10 * x, LAMBDA s : Min(s), {1, 2, 3})
ASSUME MapThenFoldSet(cons, 0, LAMBDA x : x, LAMBDA s : CHOOSE x \in s : \A y \in s : Len(x) >= Len(y),
                      {<<1>>, <<1, 2>>, <<>>})
       = Ref(cons, 0, LAMBDA x : x, LAMBDA s : CHOOSE x \in s : \A y \in s : Len(x) >= Len(y),
             {<<1>>, <<1, 2>>, <<>>})
ASSUME MapThenFoldSet(cons, 0, LAMBDA x : x, First, {"b", "a"}) = Ref(cons, 0, LAMBDA x : x, First, {"b", "a"})
====
