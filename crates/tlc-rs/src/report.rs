//! The result of a `check` run, independent of how it is shown: the engine
//! fills a [`CheckReport`], and the text and JSON renderers in [`crate::output`]
//! read it. Exit codes are TLC's (`tlc2.output.EC.ExitStatus`).

use std::time::Duration;

/// How a model-checking run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The state space was explored and no error was found (exit 0).
    Ok,
    /// An `ASSUME` is false or could not be evaluated (exit 10).
    AssumptionFailed {
        /// The assumption's name, or its text/location when unnamed.
        name: String,
    },
    /// A state without successors was reached while checking deadlock (exit 11).
    Deadlock,
    /// An invariant is false in a reachable state (exit 12).
    InvariantViolated {
        /// The invariant's name as written in the config.
        name: String,
    },
    /// A temporal or action property is violated (exit 13).
    PropertyViolated {
        /// The property's name as written in the config.
        name: String,
    },
    /// A temporal property is trivially true, i.e. a tautology (exit 77, TLC's
    /// `FAILURE_LIVENESS_EVAL`).
    Tautology {
        /// The property's name as written in the config.
        name: String,
    },
    /// A TLC `Assert` failed (exit 14).
    AssertFailed {
        /// The assertion's message.
        message: String,
    },
    /// Evaluation failed; `in_invariant` selects exit 76 rather than 75.
    EvalError {
        /// True if the failing expression was an invariant.
        in_invariant: bool,
    },
    /// A syntax, module or semantic error in the spec (exit 150).
    ParseError,
    /// An error in the config (exit 151).
    ConfigError,
    /// The state space is too large for the tool (exit 152).
    StateSpaceTooLarge,
    /// An I/O error, or something the tool cannot do (exit 153).
    SystemError,
}

impl Outcome {
    /// TLC's exit code for this outcome.
    pub fn exit_code(&self) -> i32 {
        match self {
            Outcome::Ok => 0,
            Outcome::AssumptionFailed { .. } => 10,
            Outcome::Deadlock => 11,
            Outcome::InvariantViolated { .. } => 12,
            Outcome::PropertyViolated { .. } => 13,
            Outcome::AssertFailed { .. } => 14,
            Outcome::Tautology { .. } => 77,
            Outcome::EvalError {
                in_invariant: false,
            } => 75,
            Outcome::EvalError { in_invariant: true } => 76,
            Outcome::ParseError => 150,
            Outcome::ConfigError => 151,
            Outcome::StateSpaceTooLarge => 152,
            Outcome::SystemError => 153,
        }
    }

    /// The `result` string of the JSON output.
    pub fn result_name(&self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::AssumptionFailed { .. } => "assumption_failed",
            Outcome::Deadlock => "deadlock",
            Outcome::InvariantViolated { .. } => "invariant_violated",
            Outcome::PropertyViolated { .. } => "property_violated",
            Outcome::AssertFailed { .. } => "assert_failed",
            Outcome::Tautology { .. } => "property_tautology",
            Outcome::EvalError { .. } => "eval_error",
            Outcome::ParseError => "parse_error",
            Outcome::ConfigError => "config_error",
            Outcome::StateSpaceTooLarge => "state_space_too_large",
            Outcome::SystemError => "system_error",
        }
    }

    /// `(kind, name)` of the violated check, for violations that have one.
    pub fn violation(&self) -> Option<(&'static str, &str)> {
        match self {
            Outcome::InvariantViolated { name } => Some(("invariant", name)),
            Outcome::PropertyViolated { name } => Some(("property", name)),
            Outcome::Tautology { name } => Some(("property", name)),
            Outcome::AssumptionFailed { name } => Some(("assumption", name)),
            Outcome::AssertFailed { message } => Some(("assert", message)),
            Outcome::Deadlock => Some(("deadlock", "")),
            _ => None,
        }
    }
}

/// Counts of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Distinct states found.
    pub distinct_states: u64,
    /// States generated (including duplicates), as TLC counts them.
    pub states_generated: u64,
    /// Depth of the state graph explored (length of the longest shortest path + 1, as TLC).
    pub depth: u64,
    /// States left on the queue when the run stopped.
    pub queue_left: u64,
    /// Wall time of the run.
    pub elapsed: Duration,
}

/// A source range, 1-based lines and columns (TLC's `line L, col C to line L2, col C2 of module M`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRange {
    /// The module's name.
    pub module: String,
    /// First line.
    pub line: u32,
    /// First column.
    pub column: u32,
    /// Last line.
    pub end_line: u32,
    /// Last column.
    pub end_column: u32,
}

/// One state of a counterexample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceStep {
    /// The action that produced the state (`Initial predicate` for the first).
    pub action: String,
    /// Where the action is defined, if known.
    pub location: Option<SourceRange>,
    /// Each variable with its value as TLA+ text, in printing order (TLC sorts by name).
    pub state: Vec<(String, String)>,
}

/// How a lasso-shaped (liveness) counterexample closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoopBack {
    /// The last state leads back to the state at this 0-based index, by this action.
    BackTo {
        /// 0-based index of the state the loop returns to.
        index: usize,
        /// Name of the action of the closing step (TLC's `Back to state k: <Action ...>`).
        action: String,
        /// Where that action is defined.
        location: Option<SourceRange>,
    },
    /// The last state stutters forever.
    Stuttering,
}

/// A counterexample: states in order, and for liveness how it loops.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    /// The states, first to last.
    pub steps: Vec<TraceStep>,
    /// `Some` for lasso traces.
    pub loop_back: Option<LoopBack>,
}

/// An error message with the place it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The message.
    pub message: String,
    /// The file, if known (as given on the command line or found on the search path).
    pub file: Option<String>,
    /// 1-based line, if known.
    pub line: Option<u32>,
    /// 1-based column, if known.
    pub column: Option<u32>,
}

/// Everything a `check` run reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// How it ended.
    pub outcome: Outcome,
    /// Counts.
    pub stats: Stats,
    /// The counterexample, for violations that have one.
    pub trace: Option<Trace>,
    /// The error, for errors (parse, config, evaluation, system).
    pub error: Option<ErrorInfo>,
    /// Warnings about the run (e.g. liveness with SYMMETRY, VIEW or CONSTRAINT).
    pub warnings: Vec<String>,
}

impl CheckReport {
    /// A report for a run that stopped before exploring any state.
    pub fn early(outcome: Outcome, error: ErrorInfo) -> CheckReport {
        CheckReport {
            outcome,
            stats: Stats::default(),
            trace: None,
            error: Some(error),
            warnings: Vec::new(),
        }
    }

    /// The process exit code.
    pub fn exit_code(&self) -> i32 {
        self.outcome.exit_code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_tlcs() {
        let cases = [
            (Outcome::Ok, 0),
            (Outcome::AssumptionFailed { name: "A".into() }, 10),
            (Outcome::Deadlock, 11),
            (Outcome::InvariantViolated { name: "I".into() }, 12),
            (Outcome::PropertyViolated { name: "P".into() }, 13),
            (
                Outcome::AssertFailed {
                    message: "m".into(),
                },
                14,
            ),
            (
                Outcome::EvalError {
                    in_invariant: false,
                },
                75,
            ),
            (Outcome::EvalError { in_invariant: true }, 76),
            (Outcome::ParseError, 150),
            (Outcome::ConfigError, 151),
            (Outcome::Tautology { name: "T".into() }, 77),
            (Outcome::StateSpaceTooLarge, 152),
            (Outcome::SystemError, 153),
        ];
        for (o, code) in cases {
            assert_eq!(o.exit_code(), code, "{o:?}");
        }
    }
}
