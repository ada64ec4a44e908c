\* tlc-rs check ../../specs/liveness/Counter.tla --config ../../specs/liveness/Counter_unfair.cfg
Liveness: <>(x = 3) without fairness is violated by a lasso that ends in stuttering (exit 13).
