//! TLC-like text output of `check`: a header, the verdict, a counterexample
//! one state per step (`State k: <Action line L, col C to line L2, col C2 of
//! module M>`, each variable as `/\ x = value`, changed variables marked), and
//! the final statistics.

use super::RunInfo;
use crate::report::{CheckReport, LoopBack, Outcome, SourceRange, Trace};
use codespan_reporting::term::termcolor::{Color, ColorSpec, WriteColor};
use std::io;

/// The header line printed before checking starts.
pub fn header(info: &RunInfo) -> String {
    let w = if info.workers == 1 {
        "worker"
    } else {
        "workers"
    };
    format!(
        "tlc-rs {}: checking {} with model {} using {} {w}",
        env!("CARGO_PKG_VERSION"),
        info.spec,
        info.model,
        info.workers
    )
}

fn location_text(action: &str, loc: Option<&SourceRange>) -> String {
    match loc {
        Some(l) => format!(
            "<{action} line {}, col {} to line {}, col {} of module {}>",
            l.line, l.column, l.end_line, l.end_column, l.module
        ),
        None => format!("<{action}>"),
    }
}

/// Writes the counterexample. Variables whose value differs from the previous
/// state are marked with a trailing `\* changed` comment (still valid TLA+) and,
/// when `out` supports colour, shown in bold yellow.
pub fn write_trace(out: &mut dyn WriteColor, trace: &Trace) -> io::Result<()> {
    let mut changed_spec = ColorSpec::new();
    changed_spec.set_fg(Some(Color::Yellow)).set_bold(true);
    let mut prev: Option<&[(String, String)]> = None;
    for (i, step) in trace.steps.iter().enumerate() {
        writeln!(
            out,
            "State {}: {}",
            i + 1,
            location_text(&step.action, step.location.as_ref())
        )?;
        for (name, value) in &step.state {
            let changed = prev.is_some_and(|p| {
                p.iter()
                    .find(|(n, _)| n == name)
                    .is_none_or(|(_, v)| v != value)
            });
            let value = value.replace('\n', "\n      ");
            if changed {
                out.set_color(&changed_spec)?;
                write!(out, "/\\ {name} = {value}")?;
                out.reset()?;
                writeln!(out, "  \\* changed")?;
            } else {
                writeln!(out, "/\\ {name} = {value}")?;
            }
        }
        writeln!(out)?;
        prev = Some(&step.state);
    }
    match trace.loop_back {
        Some(LoopBack::BackTo {
            index,
            ref action,
            ref location,
        }) => writeln!(
            out,
            "Back to state {}: {}",
            index + 1,
            location_text(action, location.as_ref())
        )?,
        Some(LoopBack::Stuttering) => writeln!(out, "State {}: Stuttering", trace.steps.len() + 1)?,
        None => {}
    }
    Ok(())
}

/// Writes the verdict, the trace (if any) and the statistics.
pub fn write_report(out: &mut dyn WriteColor, r: &CheckReport) -> io::Result<()> {
    let mut err_spec = ColorSpec::new();
    err_spec.set_fg(Some(Color::Red)).set_bold(true);
    let verdict = match &r.outcome {
        Outcome::Ok => None,
        Outcome::AssumptionFailed { name } => Some(format!("Assumption {name} is false.")),
        Outcome::Deadlock => Some("Deadlock reached.".to_string()),
        Outcome::InvariantViolated { name } => Some(format!("Invariant {name} is violated.")),
        Outcome::PropertyViolated { name } => {
            Some(format!("Temporal property {name} is violated."))
        }
        Outcome::AssertFailed { message } => Some(format!("Assertion failed: {message}")),
        Outcome::Tautology { name } => Some(format!(
            "Temporal property {name} is a tautology: it holds for every behavior, so checking it shows nothing."
        )),
        Outcome::StateSpaceTooLarge => Some("The state space is too large for tlc-rs.".into()),
        Outcome::EvalError { .. } | Outcome::SystemError => Some(
            r.error
                .as_ref()
                .map(|e| e.message.clone())
                .unwrap_or_else(|| "evaluation failed".into()),
        ),
        // Already reported as diagnostics on stderr.
        Outcome::ParseError | Outcome::ConfigError => None,
    };
    if let Some(v) = verdict {
        out.set_color(&err_spec)?;
        write!(out, "Error:")?;
        out.reset()?;
        writeln!(out, " {v}")?;
        if let Some(e) = &r.error {
            if let (Some(f), Some(l), Some(c)) = (&e.file, e.line, e.column) {
                writeln!(out, "  at {f}:{l}:{c}")?;
            }
        }
    }
    if let Some(t) = &r.trace {
        if !t.steps.is_empty() {
            if t.loop_back.is_some() {
                writeln!(
                    out,
                    "Error: The following behavior constitutes a counter-example:"
                )?;
            } else {
                writeln!(out, "Error: The behavior up to this point is:")?;
            }
            write_trace(out, t)?;
        }
    }
    if matches!(
        r.outcome,
        Outcome::ParseError | Outcome::ConfigError | Outcome::SystemError
    ) {
        return Ok(());
    }
    if r.outcome == Outcome::Ok {
        writeln!(out, "Model checking completed. No error has been found.")?;
    }
    let s = &r.stats;
    writeln!(
        out,
        "{} states generated, {} distinct states found, {} states left on queue.",
        s.states_generated, s.distinct_states, s.queue_left
    )?;
    writeln!(
        out,
        "The depth of the complete state graph search is {}.",
        s.depth
    )?;
    writeln!(out, "Finished in {:.2} s.", s.elapsed.as_secs_f64())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::*;
    use codespan_reporting::term::termcolor::NoColor;
    use std::time::Duration;

    fn render(r: &CheckReport) -> String {
        let mut out = NoColor::new(Vec::new());
        write_report(&mut out, r).expect("write");
        String::from_utf8(out.into_inner()).expect("utf-8")
    }

    fn step(action: &str, line: u32, vars: &[(&str, &str)]) -> TraceStep {
        TraceStep {
            action: action.into(),
            location: (line > 0).then(|| SourceRange {
                module: "Spec".into(),
                line,
                column: 3,
                end_line: line + 1,
                end_column: 20,
            }),
            state: vars
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }

    #[test]
    fn invariant_violation_trace() {
        let r = CheckReport {
            outcome: Outcome::InvariantViolated {
                name: "TypeOK".into(),
            },
            stats: Stats {
                distinct_states: 5,
                states_generated: 9,
                depth: 3,
                queue_left: 2,
                elapsed: Duration::from_millis(30),
            },
            trace: Some(Trace {
                steps: vec![
                    step("Initial predicate", 0, &[("x", "0"), ("y", "<<>>")]),
                    step("Inc", 7, &[("x", "1"), ("y", "<<>>")]),
                    step("Push", 10, &[("x", "1"), ("y", "<<1>>")]),
                ],
                loop_back: None,
            }),
            error: None,
            warnings: Vec::new(),
        };
        insta::assert_snapshot!(render(&r));
    }

    #[test]
    fn lasso_and_success() {
        let lasso = CheckReport {
            outcome: Outcome::PropertyViolated {
                name: "Live".into(),
            },
            stats: Stats::default(),
            trace: Some(Trace {
                steps: vec![
                    step("Initial predicate", 0, &[("x", "0")]),
                    step("Tick", 4, &[("x", "1")]),
                ],
                loop_back: Some(LoopBack::BackTo {
                    index: 0,
                    action: "Tock".into(),
                    location: None,
                }),
            }),
            error: None,
            warnings: Vec::new(),
        };
        insta::assert_snapshot!(render(&lasso));
        let ok = CheckReport {
            outcome: Outcome::Ok,
            stats: Stats {
                distinct_states: 12,
                states_generated: 24,
                depth: 12,
                queue_left: 0,
                elapsed: Duration::from_millis(1),
            },
            trace: None,
            error: None,
            warnings: Vec::new(),
        };
        insta::assert_snapshot!(render(&ok));
    }
}
