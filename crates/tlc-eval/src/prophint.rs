//! `[][A]_v` properties evaluated sub-action by sub-action, the one that held last time for
//! the same kind of step first.
//!
//! A refinement property `[][Abstract!Next]_vars` is checked on every transition. Its `A` is
//! a disjunction of many sub-actions (`Abstract!Next` split like the next-state relation:
//! `SendMsg(0)`, `RecvMsg(0)`, ..., `PassToken(2)`), and a step of the concrete spec almost
//! always matches the same abstract sub-action as the previous step produced by the same
//! concrete action. So, per thread and per (property, concrete action), the index of the
//! sub-action that held last is kept and tried first; on a miss the sub-actions are tried in
//! order, then `UNCHANGED v`. The verdict is that of `A \/ UNCHANGED v` whatever the order
//! (a disjunction); what can differ from TLC's left-to-right evaluation is only whether an
//! evaluation error in a sub-action *before* the one that holds is reported. Sub-actions
//! that may have effects or read the run (`TLCSet`, `Print`, `TLCGet`, random choice,
//! operator parameters) disable the reordering for their property.

use std::cell::RefCell;

use crate::eval::{Cx, Slot, ER};
use crate::ir::{Ex, ExKind};
use crate::stepmemo::impure_builtin;
use crate::{Named, Program};

/// The sub-actions of a `[A]_v` property and its `UNCHANGED v`.
#[derive(Debug)]
pub(crate) struct BoxParts {
    /// `A` split as the next-state relation is (at least two parts).
    pub parts: Vec<Ex>,
    /// `UNCHANGED v`.
    pub unchanged: Ex,
}

thread_local! {
    /// Per (program, property, hint key): the index of the sub-action that held last.
    static HINTS: RefCell<ahash::AHashMap<(u64, u32, u32), u32>> = RefCell::new(ahash::AHashMap::new());
}

impl Program {
    /// The sub-actions of property `n` (`[A]_v`), if `A` splits into several and none of
    /// them may have effects or read the run.
    pub(crate) fn box_parts_of(&mut self, n: &Named) -> Option<BoxParts> {
        let ExKind::BoxAction(a, v) = &n.expr.kind else {
            return None;
        };
        let (a, v) = ((**a).clone(), (**v).clone());
        let top = vec![Slot::Empty; n.frame as usize];
        let parts: Vec<Ex> = self
            .split(&a, &n.name, &mut Vec::new(), &top)
            .into_iter()
            .map(|(x, _, _)| x)
            .collect();
        if parts.len() < 2 {
            return None;
        }
        let mut pure = true;
        for p in &parts {
            self.visit_deep(p, &mut Vec::new(), &mut |x| match &x.kind {
                ExKind::Builtin(b, _) | ExKind::BuiltinOp(b, _) if impure_builtin(*b) => {
                    pure = false
                }
                ExKind::CallParam { .. } => pure = false,
                _ => {}
            });
        }
        let unchanged = Ex {
            span: v.span,
            kind: ExKind::Unchanged(Box::new(v)),
        };
        pure.then_some(BoxParts { parts, unchanged })
    }
}

/// Evaluates `[A]_v` given as `bp` in `cx` (current and next state set up): the sub-action
/// that held last for `(uid, prop, key)` first, then the others in order, then
/// `UNCHANGED v`.
pub(crate) fn eval_box_parts<'p>(
    cx: &mut Cx<'p>,
    bp: &'p BoxParts,
    uid: u64,
    prop: u32,
    key: u32,
) -> ER<bool> {
    let hint = HINTS
        .try_with(|h| h.borrow().get(&(uid, prop, key)).copied())
        .ok()
        .flatten();
    if let Some(h) = hint {
        if let Some(p) = bp.parts.get(h as usize) {
            if cx.eval_bool(p, "an action")? {
                return Ok(true);
            }
        }
    }
    for (j, p) in bp.parts.iter().enumerate() {
        if Some(j as u32) == hint {
            continue;
        }
        if cx.eval_bool(p, "an action")? {
            let _ = HINTS.try_with(|h| h.borrow_mut().insert((uid, prop, key), j as u32));
            return Ok(true);
        }
    }
    cx.eval_bool(&bp.unchanged, "an action")
}
