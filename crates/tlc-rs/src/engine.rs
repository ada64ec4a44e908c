//! The seam between the CLI and the model checker: [`run`] gets the loaded
//! spec, the config and the settings, compiles the spec with `tlc-eval`,
//! searches it with `tlc-check`, and returns a [`CheckReport`]. This is the
//! only place the CLI calls into the evaluator and the engine.

use crate::diag::{self, Diag, Phase};
use crate::flags::CheckSettings;
use crate::frontend::LoadedConfig;
use crate::progress::{Progress, Snapshot};
use crate::report::{
    CheckReport, ErrorInfo, LoopBack, Outcome, SourceRange, Stats, Trace, TraceStep,
};
use std::time::{Duration, Instant};
use tlc_check::liveness::{self, Cycle, LivenessRecorder, RecordError, Verdict};
use tlc_check::tla::TlaModel;
use tlc_check::tla_live::TlaLiveness;
use tlc_check::{Checker, ErrorSite, Model};
use tlc_eval::{EvalError, EvalErrorKind, ModelConfig, Program, State};
use tlc_syntax::loader::LoadedSpec;
use tlc_syntax::Span;

/// Everything a model-checking run needs, parsed and validated.
pub struct CheckInput<'a> {
    /// The root module and its dependencies, with their sources.
    pub spec: &'a LoadedSpec,
    /// The parsed config (its text is in `spec.sources`).
    pub config: &'a LoadedConfig,
    /// Resolved command-line settings (workers, deadlock flag, ...).
    pub settings: &'a CheckSettings,
}

/// Runs the model checker.
pub fn run(input: CheckInput<'_>, progress: &Progress) -> CheckReport {
    let start = Instant::now();
    let spec = input.spec;
    // In JSON mode stdout carries exactly one JSON object: Print output goes to stderr.
    tlc_eval::print_to_stderr(input.settings.format == crate::flags::Format::Json);
    let mc = ModelConfig::from_config(&input.config.config);
    let prog = match Program::compile(&spec.modules, &mc) {
        Ok(p) => p,
        Err(errs) => {
            let diags: Vec<Diag> = errs
                .iter()
                .map(|e| Diag {
                    // Errors without a place are about the configuration as a whole.
                    phase: if e.span.is_some() {
                        Phase::Spec
                    } else {
                        Phase::Config
                    },
                    message: e.message.clone(),
                    span: e.span,
                    notes: Vec::new(),
                })
                .collect();
            diag::render_stderr(&spec.sources, &diags);
            let outcome = if diag::exit_code(&diags) == 151 {
                Outcome::ConfigError
            } else {
                Outcome::ParseError
            };
            return CheckReport::early(outcome, error_info(spec, &diags[0]));
        }
    };

    let check_deadlock =
        input.settings.check_deadlock_cli && input.config.config.check_deadlock.unwrap_or(true);
    // TLCGet("config") (ASSUMEs may read it, so before they are checked)
    prog.set_run_info(tlc_eval::RunInfo {
        workers: i64::try_from(input.settings.workers).unwrap_or(i64::MAX),
        check_deadlock,
        ..tlc_eval::RunInfo::default()
    });
    if let Some(report) = check_assumptions(spec, &prog) {
        return report;
    }
    if prog.init.is_none() && prog.next.is_none() {
        // A model with no behaviour spec: only the assumptions are checked (as TLC).
        return finished(Outcome::Ok, Stats::default(), None, None);
    }
    if prog.init.is_none() || prog.next.is_none() {
        let missing = if prog.init.is_none() { "INIT" } else { "NEXT" };
        let d = Diag::plain(
            Phase::Config,
            format!("the configuration names no {missing} (give INIT and NEXT, or SPECIFICATION)"),
        );
        diag::render_stderr(&spec.sources, std::slice::from_ref(&d));
        return CheckReport::early(Outcome::ConfigError, error_info(spec, &d));
    }
    let live = match TlaLiveness::new(&prog) {
        Ok(l) => l,
        Err(e) => {
            let d = eval_diag(&e);
            diag::render_stderr(&spec.sources, std::slice::from_ref(&d));
            let outcome = match e.kind {
                EvalErrorKind::Unsupported => Outcome::SystemError,
                _ => Outcome::EvalError {
                    in_invariant: false,
                },
            };
            return CheckReport::early(outcome, error_info(spec, &d));
        }
    };
    if let Some(name) = tautology(&live) {
        // TLC rejects such a property before exploring (FAILURE_LIVENESS_EVAL, exit 77).
        let d = Diag::plain(
            Phase::System,
            format!("temporal property {name} is a tautology: it holds for every behavior"),
        );
        diag::render_stderr(&spec.sources, std::slice::from_ref(&d));
        return CheckReport::early(Outcome::Tautology { name }, error_info(spec, &d));
    }
    let warnings = liveness_warnings(&prog, &live);
    if input.settings.format != crate::flags::Format::Json {
        for w in &warnings {
            eprintln!("warning: {w}");
        }
    }

    let model = TlaModel::new(&prog);
    let recorder = live
        .has_properties()
        .then(|| LivenessRecorder::new(&live, input.settings.workers));
    let checker = Checker::new(&model)
        .workers(input.settings.workers)
        .check_deadlock(check_deadlock)
        .progress(Duration::from_millis(250), |p| {
            progress.update(Snapshot {
                depth: p.depth,
                generated: p.states_generated,
                distinct: p.distinct_states,
                queue: p.queue,
            });
        });
    let result = match &recorder {
        Some(rec) => checker.recorder(rec).run(),
        None => checker.run(),
    };
    let st = &result.stats;
    let stats = Stats {
        distinct_states: st.distinct_states,
        states_generated: st.states_generated,
        depth: st.depth,
        queue_left: st.queue_left,
        elapsed: start.elapsed(),
    };
    use tlc_check::Outcome as O;
    let mut report = match &result.outcome {
        O::Success => match recorder {
            Some(rec) => check_liveness(spec, &model, &live, rec, stats),
            None => finished(Outcome::Ok, stats, None, None),
        },
        O::InvariantViolated { invariant, trace } => finished(
            Outcome::InvariantViolated {
                name: model.invariant_name(*invariant),
            },
            stats,
            Some(render_trace(spec, &model, trace)),
            None,
        ),
        O::PropertyViolated {
            property, trace, ..
        } => finished(
            Outcome::PropertyViolated {
                name: model.property_name(*property),
            },
            stats,
            Some(render_trace(spec, &model, trace)),
            None,
        ),
        O::Deadlock { trace } => finished(
            Outcome::Deadlock,
            stats,
            Some(render_trace(spec, &model, trace)),
            None,
        ),
        O::Error { error, site, trace } => {
            let (outcome, d) = eval_failure(error, *site == ErrorSite::Invariant);
            diag::render_stderr(&spec.sources, std::slice::from_ref(&d));
            let trace = (!trace.steps.is_empty()).then(|| render_trace(spec, &model, trace));
            finished(outcome, stats, trace, Some(error_info(spec, &d)))
        }
        O::Interrupted => finished(
            Outcome::SystemError,
            stats,
            None,
            Some(plain_error("interrupted")),
        ),
        O::StateSpaceTooLarge => finished(
            Outcome::SystemError,
            stats,
            None,
            Some(plain_error(
                "the state space is too large: one BFS level holds more than 2^32 states",
            )),
        ),
    };
    report.warnings = warnings;
    report
}

/// The first temporal property whose negation is trivially false (checked on an empty
/// graph: only the formula matters).
fn tautology(live: &TlaLiveness<'_>) -> Option<String> {
    let empty = liveness::BehaviorGraph::new(liveness::AtomEvaluator::<State>::layout(live));
    live.properties().iter().find_map(|(name, f)| {
        match liveness::check(&empty, live.fairness(), f) {
            Ok(o) if o.stats.branches == 0 => Some(name.clone()),
            _ => None,
        }
    })
}

/// Warnings about liveness checking that TLC users asked for (tlaplus #59, #644, #839).
fn liveness_warnings(prog: &Program, live: &TlaLiveness<'_>) -> Vec<String> {
    let mut w = Vec::new();
    if !live.has_properties() {
        return w;
    }
    if !prog.symmetry.is_empty() {
        w.push(
            "SYMMETRY is used together with temporal properties: liveness checking under \
             symmetry can miss violations (or report spurious ones), as in TLC"
                .to_string(),
        );
    }
    if prog.view.is_some() {
        w.push(
            "VIEW is used together with temporal properties: states identified by the VIEW \
             are merged in the behaviour graph, so liveness violations can be missed, as in TLC"
                .to_string(),
        );
    }
    // One warning for both kinds of constraint, as TLC prints one.
    let what = match (
        prog.constraints.is_empty(),
        prog.action_constraints.is_empty(),
    ) {
        (true, true) => None,
        (false, true) => Some("a state CONSTRAINT is"),
        (true, false) => Some("an ACTION_CONSTRAINT is"),
        (false, false) => Some("a state CONSTRAINT and an ACTION_CONSTRAINT are"),
    };
    if let Some(what) = what {
        w.push(format!(
            "{what} used together with temporal properties: behaviours are cut where the \
             constraint fails, so properties can hold vacuously"
        ));
    }
    w
}

/// Checks the temporal properties on the recorded behaviour graph (after a complete search).
fn check_liveness(
    spec: &LoadedSpec,
    model: &TlaModel<'_>,
    live: &TlaLiveness<'_>,
    rec: LivenessRecorder<'_, TlaLiveness<'_>, State>,
    mut stats: Stats,
) -> CheckReport {
    let t0 = Instant::now();
    let graph = match rec.finish() {
        Ok(g) => g,
        Err(RecordError::Eval(e)) => {
            let (outcome, d) = eval_failure(&e, false);
            diag::render_stderr(&spec.sources, std::slice::from_ref(&d));
            return finished(outcome, stats, None, Some(error_info(spec, &d)));
        }
        Err(RecordError::Graph(e)) => {
            return finished(
                Outcome::SystemError,
                stats,
                None,
                Some(plain_error(&format!("liveness checking failed: {e}"))),
            )
        }
    };
    let props: Vec<liveness::Ltl> = live.properties().iter().map(|(_, f)| f.clone()).collect();
    let results = liveness::check_all(&graph, live.fairness(), &props);
    stats.elapsed += t0.elapsed();
    for ((name, _), r) in live.properties().iter().zip(results) {
        let out = match r {
            Ok(o) => o,
            Err(e) => {
                return finished(
                    Outcome::SystemError,
                    stats,
                    None,
                    Some(plain_error(&format!(
                        "liveness checking of {name} failed: {e}"
                    ))),
                );
            }
        };
        match out.verdict {
            Verdict::Holds if out.stats.branches == 0 => {
                // TLC stops with FAILURE_LIVENESS_EVAL (77): the property says nothing.
                return finished(
                    Outcome::Tautology { name: name.clone() },
                    stats,
                    None,
                    Some(plain_error(&format!(
                        "temporal property {name} is a tautology: it holds for every behavior"
                    ))),
                );
            }
            Verdict::Holds => {}
            Verdict::Violated(cex) => {
                let fps = cex.fingerprints();
                let replayed = tlc_check::replay_fps(model, &fps);
                let mut trace = render_trace(spec, model, &replayed);
                trace.loop_back = Some(match cex.cycle {
                    Cycle::BackTo { index, action } => LoopBack::BackTo {
                        index,
                        action: model.action_label(tlc_check::ActionId(action)),
                        location: model
                            .program()
                            .actions
                            .get(action as usize)
                            .and_then(|n| source_range(spec, n.span)),
                    },
                    Cycle::Stuttering => LoopBack::Stuttering,
                });
                return finished(
                    Outcome::PropertyViolated { name: name.clone() },
                    stats,
                    Some(trace),
                    None,
                );
            }
        }
    }
    finished(Outcome::Ok, stats, None, None)
}

fn finished(
    outcome: Outcome,
    stats: Stats,
    trace: Option<Trace>,
    error: Option<ErrorInfo>,
) -> CheckReport {
    CheckReport {
        outcome,
        stats,
        trace,
        error,
        warnings: Vec::new(),
    }
}

fn plain_error(message: &str) -> ErrorInfo {
    ErrorInfo {
        message: message.into(),
        file: None,
        line: None,
        column: None,
    }
}

/// Checks the ASSUMEs; `Some(report)` when one is false or fails to evaluate.
fn check_assumptions(spec: &LoadedSpec, prog: &Program) -> Option<CheckReport> {
    match prog.check_assumptions() {
        Ok(None) => None,
        Ok(Some(i)) => {
            let a = &prog.assumptions[i];
            let d = Diag {
                phase: Phase::Spec,
                message: format!("assumption {} is false", a.name),
                span: Some(a.span).filter(|s| *s != Span::default()),
                notes: Vec::new(),
            };
            diag::render_stderr(&spec.sources, std::slice::from_ref(&d));
            Some(CheckReport::early(
                Outcome::AssumptionFailed {
                    name: a.name.to_string(),
                },
                error_info(spec, &d),
            ))
        }
        Err(e) => {
            let (outcome, d) = match e.kind {
                EvalErrorKind::Assert => eval_failure(&e, false),
                // TLC reports an assumption that fails to evaluate with exit code 10.
                _ => (
                    Outcome::AssumptionFailed {
                        name: "ASSUME".into(),
                    },
                    eval_diag(&e),
                ),
            };
            diag::render_stderr(&spec.sources, std::slice::from_ref(&d));
            Some(CheckReport::early(outcome, error_info(spec, &d)))
        }
    }
}

fn eval_diag(e: &EvalError) -> Diag {
    Diag {
        phase: Phase::Spec,
        message: e.message.clone(),
        span: e.span,
        notes: Vec::new(),
    }
}

/// The outcome and the diagnostic for an evaluation error.
fn eval_failure(e: &EvalError, in_invariant: bool) -> (Outcome, Diag) {
    let d = eval_diag(e);
    let outcome = match e.kind {
        EvalErrorKind::Assert => Outcome::AssertFailed {
            message: e.message.clone(),
        },
        _ => Outcome::EvalError { in_invariant },
    };
    (outcome, d)
}

fn error_info(spec: &LoadedSpec, d: &Diag) -> ErrorInfo {
    match d.location(&spec.sources) {
        Some((path, line, column)) => ErrorInfo {
            message: d.message.clone(),
            file: Some(path.display().to_string()),
            line: Some(line),
            column: Some(column),
        },
        None => plain_error(&d.message),
    }
}

/// TLC's `line L, col C to line L2, col C2 of module M` for a span.
fn source_range(spec: &LoadedSpec, span: Span) -> Option<SourceRange> {
    if span == Span::default() {
        return None;
    }
    let file = spec.sources.get(span.file)?;
    let module = spec
        .modules
        .iter()
        .filter(|m| m.span.contains(span))
        .min_by_key(|m| m.span.end - m.span.start)?;
    let (line, column) = file.line_col(span.start);
    let (end_line, end_column) = file.line_col(span.end.saturating_sub(1).max(span.start));
    Some(SourceRange {
        module: module.name.name.to_string(),
        line,
        column,
        end_line,
        end_column,
    })
}

/// Renders a trace's states as TLA+ text (variables sorted by name, as TLC prints them).
fn render_trace(spec: &LoadedSpec, model: &TlaModel<'_>, trace: &tlc_check::Trace<State>) -> Trace {
    let prog = model.program();
    let mut order: Vec<usize> = (0..prog.vars.len()).collect();
    order.sort_by(|&a, &b| prog.vars[a].cmp(&prog.vars[b]));
    let steps = trace
        .steps
        .iter()
        .map(|step| {
            let (action, location) = match step.action {
                None => ("Initial predicate".to_string(), None),
                Some(a) => {
                    let named = prog.actions.get(a.0 as usize);
                    (
                        model.action_label(a),
                        named.and_then(|n| source_range(spec, n.span)),
                    )
                }
            };
            let state = render_state(prog, &order, &step.state);
            TraceStep {
                action,
                location,
                state,
            }
        })
        .collect();
    Trace {
        steps,
        loop_back: None::<LoopBack>,
    }
}

/// The variables of a state (or its ALIAS, when the config gives one) as `(name, TLA+ text)`.
fn render_state(prog: &Program, order: &[usize], s: &State) -> Vec<(String, String)> {
    if let Some(alias) = &prog.alias {
        if let Ok(v) = prog.eval_state_fn(alias, s) {
            if let Ok(pairs) = v.func_pairs() {
                return pairs
                    .into_iter()
                    .map(|(k, v)| {
                        let key = match &k {
                            tlc_value::Value::Str(s) => s.as_str().to_string(),
                            _ => k.to_string(),
                        };
                        (key, v.to_string())
                    })
                    .collect();
            }
        }
    }
    order
        .iter()
        .map(|&i| (prog.vars[i].to_string(), s[i].to_string()))
        .collect()
}
