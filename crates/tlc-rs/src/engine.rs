//! The seam between the CLI and the model checker: [`run`] gets the loaded
//! spec, the config and the settings, and returns a [`CheckReport`]. This is
//! the only place the CLI will call into `tlc-eval`/`tlc-check`.

use crate::flags::CheckSettings;
use crate::frontend::LoadedConfig;
use crate::progress::Progress;
use crate::report::{CheckReport, ErrorInfo, Outcome};
use tlc_syntax::loader::LoadedSpec;

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
///
/// FIXME(integrator): wire the engine here. The steps are:
/// 1. build the evaluator's model from `input.spec.modules` and the config
///    (`tlc_eval`), mapping its errors to `Outcome::ParseError` (150),
///    `Outcome::ConfigError` (151) or `Outcome::AssumptionFailed` (10);
/// 2. run `tlc_check` with `input.settings.workers` workers, deadlock checking
///    = `input.settings.check_deadlock_cli && config's CHECK_DEADLOCK`,
///    calling `progress.update(Snapshot { .. })` from time to time;
/// 3. convert the verdict, the counts and the trace (variable values rendered
///    as TLA+ text) into a [`CheckReport`].
pub fn run(input: CheckInput<'_>, progress: &mut Progress) -> CheckReport {
    let _ = (input.spec, input.config, input.settings, progress);
    CheckReport::early(
        Outcome::SystemError,
        ErrorInfo {
            message: "the model checker is not wired into tlc-rs yet: the spec and its config \
                      parsed without error"
                .into(),
            file: None,
            line: None,
            column: None,
        },
    )
}
