---- MODULE Proofs ----
EXTENDS Naturals
THEOREM T1 == \A n \in Nat : n >= 0
  OBVIOUS
LEMMA ASSUME NEW x \in Nat, NEW CONSTANT c, NEW VARIABLE v, NEW Op(_)
      PROVE x >= 0
  BY DEF Nat
COROLLARY C1 == TRUE
PROOF OMITTED
PROPOSITION P1 == 1 = 1
AXIOM Ax == TRUE
THEOREM T2 == ASSUME NEW S, NEW STATE s PROVE S = S
<1>1. S = S
  BY ONLY <1>1 DEF T1
<1> DEFINE D == 1
        E == 2
<1>2. SUFFICES ASSUME NEW y \in S PROVE y = y
  PROOF OBVIOUS
<1>a. CASE S = {}
<1>3. PICK z \in S : z = z
<1>4. HAVE S = S
<1> Impl(a) == a
<1> g[i \in S] == i
<1>. Impl2 == 3
<1>5. TAKE w \in S
<1>6. WITNESS 1, 2
<1> USE <1>1 DEF D
<1> HIDE DEF D
<1>7. TRUE <=> <1>6
  BY <1>5!1, <1>6 DEF ^+, -.
Bar(x) == x
<1>8. QED
  <2>1. TRUE
    BY MODULE Naturals
  <2> QED
    BY <2>1
THEOREM T3 == TRUE
<*> TRUE
  <+> QED OBVIOUS
<*> QED
USE DEF T1
HIDE T1
AfterProof == 1
====
