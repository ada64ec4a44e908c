//! Data-driven tests of [`Program::eval_expansion_atoms`]: for each `tests/data/live/X.tla`
//! with `X.cfg`, every reachable state's atoms computed from its successors (`ENABLED` and
//! `<<A>>_v` decided from the successors the search produced) must equal the atoms evaluated
//! one by one ([`Program::eval_state_atoms`], [`Program::eval_action_atoms`]). The snapshot
//! records how many atoms the plan derives, on how many the fast path is tried first, and
//! how many states and steps were compared.

use std::collections::{HashSet, VecDeque};
use tlc_eval::{LiveAtoms, ModelConfig, Program, Property, State};

fn compare(tla: &std::path::Path) -> String {
    let spec = tlc_syntax::loader::load_spec_with(tla, &[], tlc_syntax::parse_file);
    assert!(spec.errors.is_empty(), "{:?}", spec.errors);
    let src = std::fs::read_to_string(tla.with_extension("cfg")).expect("cfg file");
    let (c, errs) = tlc_syntax::cfg::parse_config(tlc_syntax::FileId(99), &src);
    assert!(errs.is_empty(), "{errs:?}");
    let p = Program::compile(&spec.modules, &ModelConfig::from_config(&c)).expect("compiles");
    let mut atoms = LiveAtoms::new();
    for prop in &p.properties {
        if let Property::Temporal(n) = prop {
            p.translate_temporal(n, &mut atoms)
                .expect("property translates");
        }
    }
    for n in p.fairness.iter().chain(&p.spec_temporal) {
        p.translate_temporal(n, &mut atoms)
            .expect("fairness translates");
    }
    let plan = p.expansion_plan(&atoms);
    let (sw, aw) = (
        atoms.num_state().div_ceil(64),
        atoms.num_action().div_ceil(64),
    );
    let mut inits = Vec::new();
    p.init_states(&mut |s| inits.push(s)).expect("init");
    let mut seen = HashSet::new();
    let mut queue: VecDeque<State> = VecDeque::new();
    for s in inits {
        if p.in_model(&s).expect("constraint") && seen.insert(p.fingerprint(&s).expect("fp")) {
            queue.push_back(s);
        }
    }
    let (mut states, mut steps) = (0, 0);
    while let Some(s) = queue.pop_front() {
        let mut succs: Vec<(u32, State)> = Vec::new();
        p.successors(&s, &mut |a, t| succs.push((a.0, t)))
            .expect("next");
        succs.retain(|(_, t)| {
            p.in_model(t).expect("constraint") && p.action_in_model(&s, t).expect("constraint")
        });
        // evaluated one by one
        let mut want_state = vec![0u64; sw];
        p.eval_state_atoms(&atoms, &s, &mut want_state)
            .expect("state atoms");
        let mut want_stutter = vec![0u64; aw];
        p.eval_action_atoms(&atoms, &s, &s, &mut want_stutter)
            .expect("stutter atoms");
        let mut want_edges = vec![0u64; aw * succs.len()];
        for (j, (_, t)) in succs.iter().enumerate() {
            p.eval_action_atoms(&atoms, &s, t, &mut want_edges[j * aw..(j + 1) * aw])
                .expect("action atoms");
        }
        // from the expansion
        let (mut got_state, mut got_stutter) = (vec![0u64; sw], vec![0u64; aw]);
        let mut got_edges = vec![0u64; aw * succs.len()];
        let steps_in: Vec<(u32, &[tlc_value::Value])> =
            succs.iter().map(|(a, t)| (*a, &**t)).collect();
        p.eval_expansion_atoms(
            &atoms,
            &plan,
            &s,
            &steps_in,
            &mut got_state,
            &mut got_stutter,
            &mut got_edges,
        )
        .expect("expansion atoms");
        assert_eq!(got_state, want_state, "state atoms of {s:?}");
        assert_eq!(got_stutter, want_stutter, "stuttering atoms of {s:?}");
        assert_eq!(got_edges, want_edges, "step atoms from {s:?}: {succs:?}");
        states += 1;
        steps += succs.len();
        for (_, t) in succs {
            if seen.insert(p.fingerprint(&t).expect("fp")) {
                queue.push_back(t);
            }
        }
    }
    let (ds, da) = plan.derived();
    let (fs, fa) = atoms.num_fast();
    format!(
        "state atoms: {} ({ds} derived, {fs} fast)\naction atoms: {} ({da} derived, {fa} fast)\n\
         states compared: {states}\nsteps compared: {steps}\n",
        atoms.num_state(),
        atoms.num_action()
    )
}

#[test]
fn derived_atoms_equal_evaluated_atoms() {
    insta::glob!("data/live/*.tla", |path| {
        insta::assert_snapshot!(compare(path));
    });
}
