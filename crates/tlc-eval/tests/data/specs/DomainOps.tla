---- MODULE DomainOps ----
\* DOMAIN in membership, \E, CHOOSE and set filters over a state variable (evaluated
\* without building the domain): each initial state below is checked against TLC's.
EXTENDS Naturals, Bags
VARIABLES f, net, x, y, z
Init ==
  /\ f \in {[k \in {1, 3} |-> 0], [k \in {2, 3, 4} |-> 1]}
  /\ net = SetToBag({[type |-> "tok"], [type |-> "pl"]})
  /\ x \in {k \in 1..4 : k \in DOMAIN f}
  /\ y = CHOOSE m \in DOMAIN f : m > 1
  /\ z = <<\E m \in DOMAIN net : m.type = "tok", [type |-> "pl"] \in DOMAIN net,
          [type |-> "x"] \in DOMAIN net, \A k \in DOMAIN f : k > 1>>
Next == UNCHANGED <<f, net, x, y, z>>
====
