//! The JSON output of `check --format json`: exactly one object on stdout,
//! schema version 1 (documented in docs/CI-GUIDE.md).

use crate::report::{CheckReport, LoopBack, SourceRange, TraceStep};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// The schema version written in every object's `schema` field.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Json<'a> {
    schema: u32,
    result: &'static str,
    exit_code: i32,
    spec: &'a str,
    model: &'a str,
    workers: usize,
    distinct_states: u64,
    states_generated: u64,
    depth: u64,
    elapsed_seconds: f64,
    violation: Option<Violation<'a>>,
    trace: Vec<Step<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    loop_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stuttering: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    loop_action: Option<LoopAction<'a>>,
    error: Option<Error<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
}

/// The closing step of a lasso that loops back (`Back to state k: <Action ...>`).
#[derive(Serialize)]
struct LoopAction<'a> {
    action: &'a str,
    location: Option<&'a SourceRange>,
}

#[derive(Serialize)]
struct Violation<'a> {
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Step<'a> {
    action: &'a str,
    location: Option<&'a SourceRange>,
    state: State<'a>,
}

/// Serializes variables as a JSON object in declaration order.
struct State<'a>(&'a [(String, String)]);

impl Serialize for State<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Serialize for SourceRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("module", &self.module)?;
        m.serialize_entry("line", &self.line)?;
        m.serialize_entry("column", &self.column)?;
        m.serialize_entry("end_line", &self.end_line)?;
        m.serialize_entry("end_column", &self.end_column)?;
        m.end()
    }
}

#[derive(Serialize)]
struct Error<'a> {
    message: &'a str,
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
}

fn step(s: &TraceStep) -> Step<'_> {
    Step {
        action: &s.action,
        location: s.location.as_ref(),
        state: State(&s.state),
    }
}

/// The report as one line of JSON (no trailing newline).
pub fn to_json(info: &super::RunInfo, r: &CheckReport) -> String {
    let trace = r.trace.as_ref();
    let (loop_index, stuttering, loop_action) =
        match trace.and_then(|t| t.loop_back.as_ref().map(|l| (l, t.steps.len()))) {
            Some((
                LoopBack::BackTo {
                    index,
                    action,
                    location,
                },
                _,
            )) => (
                Some(*index),
                None,
                Some(LoopAction {
                    action,
                    location: location.as_ref(),
                }),
            ),
            Some((LoopBack::Stuttering, n)) => (Some(n.saturating_sub(1)), Some(true), None),
            None => (None, None, None),
        };
    let j = Json {
        schema: SCHEMA_VERSION,
        result: r.outcome.result_name(),
        exit_code: r.exit_code(),
        spec: &info.spec,
        model: &info.model,
        workers: info.workers,
        distinct_states: r.stats.distinct_states,
        states_generated: r.stats.states_generated,
        depth: r.stats.depth,
        elapsed_seconds: (r.stats.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
        violation: r
            .outcome
            .violation()
            .map(|(kind, name)| Violation { kind, name }),
        trace: trace
            .map(|t| t.steps.iter().map(step).collect())
            .unwrap_or_default(),
        loop_index,
        stuttering,
        loop_action,
        error: r.error.as_ref().map(|e| Error {
            message: &e.message,
            file: e.file.as_deref(),
            line: e.line,
            column: e.column,
        }),
        warnings: &r.warnings,
    };
    serde_json::to_string(&j).unwrap_or_else(|e| {
        // Serializing plain strings and numbers cannot fail; keep the promise of one object anyway.
        format!(
            "{{\"schema\":{SCHEMA_VERSION},\"result\":\"system_error\",\"exit_code\":153,\"error\":{{\"message\":{}}}}}",
            serde_json::Value::String(e.to_string())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::RunInfo;
    use crate::report::*;
    use std::time::Duration;

    fn info() -> RunInfo {
        RunInfo {
            spec: "Spec.tla".into(),
            model: "Spec.cfg".into(),
            workers: 1,
        }
    }

    #[test]
    fn invariant_violation_with_trace() {
        let r = CheckReport {
            outcome: Outcome::InvariantViolated { name: "Inv".into() },
            stats: Stats {
                distinct_states: 3,
                states_generated: 4,
                depth: 2,
                queue_left: 1,
                elapsed: Duration::from_millis(12),
            },
            trace: Some(Trace {
                steps: vec![
                    TraceStep {
                        action: "Initial predicate".into(),
                        location: None,
                        state: vec![("x".into(), "0".into()), ("a".into(), "{}".into())],
                    },
                    TraceStep {
                        action: "Inc".into(),
                        location: Some(SourceRange {
                            module: "Spec".into(),
                            line: 5,
                            column: 1,
                            end_line: 6,
                            end_column: 12,
                        }),
                        state: vec![("x".into(), "1".into()), ("a".into(), "{\"s\"}".into())],
                    },
                ],
                loop_back: None,
            }),
            error: None,
            warnings: Vec::new(),
        };
        insta::assert_snapshot!(to_json(&info(), &r));
    }

    #[test]
    fn parse_error_and_lasso() {
        let r = CheckReport::early(
            Outcome::ParseError,
            ErrorInfo {
                message: "unexpected `)`".into(),
                file: Some("Spec.tla".into()),
                line: Some(3),
                column: Some(7),
            },
        );
        insta::assert_snapshot!(to_json(&info(), &r));
        let lasso = CheckReport {
            outcome: Outcome::PropertyViolated {
                name: "Live".into(),
            },
            stats: Stats::default(),
            trace: Some(Trace {
                steps: vec![TraceStep {
                    action: "Initial predicate".into(),
                    location: None,
                    state: vec![("x".into(), "0".into())],
                }],
                loop_back: Some(LoopBack::Stuttering),
            }),
            error: None,
            warnings: Vec::new(),
        };
        let v: serde_json::Value = serde_json::from_str(&to_json(&info(), &lasso)).unwrap();
        assert_eq!(v["loop_index"], 0);
        assert_eq!(v["stuttering"], true);
        assert_eq!(v["violation"]["kind"], "property");
        assert_eq!(v["exit_code"], 13);
        assert!(v.get("loop_action").is_none());
        let mut back = lasso.clone();
        if let Some(t) = back.trace.as_mut() {
            t.loop_back = Some(LoopBack::BackTo {
                index: 0,
                action: "Tick".into(),
                location: Some(SourceRange {
                    module: "M".into(),
                    line: 3,
                    column: 1,
                    end_line: 3,
                    end_column: 9,
                }),
            });
        }
        let v: serde_json::Value = serde_json::from_str(&to_json(&info(), &back)).unwrap();
        assert_eq!(v["loop_index"], 0);
        assert!(v.get("stuttering").is_none());
        assert_eq!(v["loop_action"]["action"], "Tick");
        assert_eq!(v["loop_action"]["location"]["line"], 3);
    }
}
