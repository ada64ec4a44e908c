//! `[][A]_v` properties evaluated sub-action by sub-action, the one that held last time for
//! the same kind of step first.
//!
//! A refinement property `[][Abstract!Next]_vars` is checked on every transition. Its `A` is
//! a disjunction of many sub-actions (`Abstract!Next` split like the next-state relation:
//! `SendMsg(0)`, `RecvMsg(0)`, ..., `PassToken(2)`), and a step of the concrete spec almost
//! always matches the same abstract sub-action as the previous step produced by the same
//! concrete action. So, per thread and per (property, concrete action), the last two
//! different sub-actions that held are kept and tried first; on a miss the sub-actions are
//! tried in order, then `UNCHANGED v`. `UNCHANGED v` takes part like a sub-action: a concrete
//! action whose steps are often stuttering steps of the property (e.g. a node deactivating
//! that may already be inactive) has it among its two, instead of every sub-action failing
//! before it. A step from a state to itself satisfies `UNCHANGED v` (`v` is pure) and is not
//! evaluated at all. The verdict is that of `A \/ UNCHANGED v` whatever the order
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
    /// `A` split as the next-state relation is (one part when `A` does not split: the
    /// property then takes part in the same-state shortcut only, see `stepmemo`).
    pub parts: Vec<Ex>,
    /// `UNCHANGED v`.
    pub unchanged: Ex,
}

thread_local! {
    /// Per (program, property, hint key): the indices of the last two different sub-actions
    /// that held, most recent first (`parts.len()` for `UNCHANGED v`, `u32::MAX` for none).
    static HINTS: RefCell<ahash::AHashMap<(u64, u32, u32), [u32; 2]>> = RefCell::new(ahash::AHashMap::new());
}

impl Program {
    /// The sub-actions of property `n` (`[A]_v`), if neither they nor `v` may have effects
    /// or read the run.
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
        let mut pure = true;
        for p in parts.iter().chain([&v]) {
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

/// No entry in a hint.
const NONE: u32 = u32::MAX;

/// Evaluates `[A]_v` given as `bp` in `cx` (current and next state set up): the two outcomes
/// that held last for `(uid, prop, key)` are tried first, most recent first (a sub-action, or
/// `UNCHANGED v` when such a step was a stuttering step of the property, e.g. an action
/// that leaves the mapped variables alone), then the other sub-actions in order, then
/// `UNCHANGED v`.
pub(crate) fn eval_box_parts<'p>(
    cx: &mut Cx<'p>,
    bp: &'p BoxParts,
    uid: u64,
    prop: u32,
    key: u32,
) -> ER<bool> {
    if let [a] = &bp.parts[..] {
        // One part: `A \/ UNCHANGED v` as written.
        return Ok(cx.eval_bool(a, "an action")? || cx.eval_bool(&bp.unchanged, "an action")?);
    }
    let hint = HINTS
        .try_with(|h| h.borrow().get(&(uid, prop, key)).copied())
        .ok()
        .flatten()
        .unwrap_or([NONE; 2]);
    // Index `parts.len()` stands for `UNCHANGED v`.
    let unchanged = bp.parts.len() as u32;
    let part = |j: u32| {
        if j == unchanged {
            Some(&bp.unchanged)
        } else {
            bp.parts.get(j as usize)
        }
    };
    let held = |j: u32| {
        if j != hint[0] {
            let _ = HINTS.try_with(|h| h.borrow_mut().insert((uid, prop, key), [j, hint[0]]));
        }
        Ok(true)
    };
    for &h in &hint {
        if let Some(p) = part(h) {
            if cx.eval_bool(p, "an action")? {
                return held(h);
            }
        }
    }
    for j in 0..=unchanged {
        if hint.contains(&j) {
            continue;
        }
        if cx.eval_bool(part(j).expect("an index in range"), "an action")? {
            return held(j);
        }
    }
    Ok(false)
}
