//! Bindings of `\E` / `\A` bounds in the order TLC's `ContextEnumerator` produces them.
//!
//! TLC enumerates the bound variables of a quantifier (and of a `\E` it splits into
//! actions) like an odometer whose *first* variable turns fastest: `\E i, j \in {1, 2}`
//! binds `(1,1), (2,1), (1,2), (2,2)`. The order is visible in the order of successors
//! (which trace is printed, how many states were generated at a violation) and in which
//! error a quantifier meets first. Set and function constructors keep [`Cx::for_each`]'s
//! lexicographic order (first variable slowest), which yields sorted domains.

use tlc_syntax::Span;
use tlc_value::Value;

use crate::error::EvalError;
use crate::eval::{set_elems, Cx, ER};
use crate::ir::{CBound, Pat};

impl<'p> Cx<'p> {
    /// Runs `f` for every binding of `bounds` in TLC's quantifier order (the first bound
    /// variable varies fastest); `f` returns false to stop. Returns false if stopped.
    pub fn for_each_ctx(
        &mut self,
        bounds: &'p [CBound],
        f: &mut dyn FnMut(&mut Cx<'p>) -> ER<bool>,
    ) -> ER<bool> {
        let single = matches!(bounds, [b] if b.pats.len() == 1);
        if single {
            return self.for_each(bounds, f);
        }
        let mut sets: Vec<Vec<Value>> = Vec::with_capacity(bounds.len());
        let mut groups: Vec<(&'p Pat, usize)> = Vec::new();
        for b in bounds {
            let Some(set) = &b.set else {
                return Err(EvalError::new(
                    Span::default(),
                    "TLC cannot evaluate an unbounded quantifier",
                ));
            };
            let sv = self.eval(set)?;
            let elems = set_elems(&sv, set.span)?;
            for p in &b.pats {
                groups.push((p, sets.len()));
            }
            sets.push(elems);
        }
        if sets.iter().any(|s| s.is_empty()) {
            return Ok(true);
        }
        // the last variable is the outermost loop, the first the innermost
        let n = groups.len();
        let mut idx = vec![0usize; n];
        loop {
            for (g, &i) in groups.iter().zip(&idx) {
                self.bind(g.0, sets[g.1][i].clone(), Span::default())?;
            }
            if !f(self)? {
                return Ok(false);
            }
            let mut k = 0;
            loop {
                idx[k] += 1;
                if idx[k] < sets[groups[k].1].len() {
                    break;
                }
                idx[k] = 0;
                k += 1;
                if k == n {
                    return Ok(true);
                }
            }
        }
    }
}
