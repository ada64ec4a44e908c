---- MODULE unicode ----
Init ≜ ∧ x = 0
       ∧ y ∈ {1, 2}
       ∧ ∀ i ∈ S : i ≠ 0 ∨ i ≤ 3
Spec ≜ Init ∧ □[Next]_⟨x, y⟩
====
