//! A strict checker for the JSON object that `tlc-rs check --format json`
//! prints (schema 1, documented in docs/CI-GUIDE.md). The conformance runner
//! applies it to every corpus model and the CLI tests to the error paths, so a
//! change to the output that a CI script would notice fails a test.
//!
//! Strict means: every documented field is present with its documented type,
//! no undocumented field appears, `result` matches `exit_code` (and the process
//! exit code when one is given), `violation`, `trace`, `loop_index` and `error`
//! are filled exactly when the result says they should be, and every trace step
//! has the same variables.

use serde_json::{Map, Value};

/// The `schema` version this checker knows.
pub const SCHEMA_VERSION: u64 = 1;

/// The exit codes a `result` string may come with.
pub fn exit_codes_of(result: &str) -> Option<&'static [i64]> {
    Some(match result {
        "ok" => &[0],
        "assumption_failed" => &[10],
        "deadlock" => &[11],
        "invariant_violated" => &[12],
        "property_violated" => &[13],
        "assert_failed" => &[14],
        "eval_error" => &[75, 76],
        "property_tautology" => &[77],
        "parse_error" => &[150],
        "config_error" => &[151],
        "state_space_too_large" => &[152],
        "system_error" => &[153],
        _ => return None,
    })
}

/// The `violation.kind` a result requires (`None`: `violation` must be null).
fn violation_kind_of(result: &str) -> Option<&'static str> {
    match result {
        "assumption_failed" => Some("assumption"),
        "deadlock" => Some("deadlock"),
        "invariant_violated" => Some("invariant"),
        "property_violated" | "property_tautology" => Some("property"),
        "assert_failed" => Some("assert"),
        _ => None,
    }
}

/// Results that must come with a filled `error` object.
fn needs_error(result: &str) -> bool {
    matches!(
        result,
        "eval_error" | "parse_error" | "config_error" | "system_error"
    )
}

/// Results that must come with a non-empty counterexample.
fn needs_trace(result: &str) -> bool {
    matches!(
        result,
        "invariant_violated" | "deadlock" | "property_violated"
    )
}

const REQUIRED: &[&str] = &[
    "schema",
    "result",
    "exit_code",
    "spec",
    "model",
    "workers",
    "distinct_states",
    "states_generated",
    "depth",
    "elapsed_seconds",
    "violation",
    "trace",
    "error",
];
const OPTIONAL: &[&str] = &["loop_index", "stuttering", "loop_action", "warnings"];

/// Collects the problems found while checking one object.
struct Problems(Vec<String>);

impl Problems {
    fn push(&mut self, msg: String) {
        self.0.push(msg);
    }

    /// Checks that `obj` has exactly the keys in `required` (plus any of `optional`).
    fn keys(&mut self, what: &str, obj: &Map<String, Value>, required: &[&str], optional: &[&str]) {
        for k in required {
            if !obj.contains_key(*k) {
                self.push(format!("{what}: missing field `{k}`"));
            }
        }
        for k in obj.keys() {
            if !required.contains(&k.as_str()) && !optional.contains(&k.as_str()) {
                self.push(format!("{what}: unknown field `{k}`"));
            }
        }
    }

    fn uint(&mut self, what: &str, v: &Value) -> Option<u64> {
        let n = v.as_u64();
        if n.is_none() && !v.is_null() {
            self.push(format!("{what}: expected a non-negative integer, got {v}"));
        } else if n.is_none() {
            self.push(format!("{what}: expected a non-negative integer, got null"));
        }
        n
    }

    fn string<'v>(&mut self, what: &str, v: &'v Value) -> Option<&'v str> {
        let s = v.as_str();
        if s.is_none() {
            self.push(format!("{what}: expected a string, got {v}"));
        }
        s
    }

    fn opt_string(&mut self, what: &str, v: &Value) {
        if !v.is_null() && !v.is_string() {
            self.push(format!("{what}: expected a string or null, got {v}"));
        }
    }

    fn opt_uint(&mut self, what: &str, v: &Value) {
        if !v.is_null() && v.as_u64().is_none() {
            self.push(format!(
                "{what}: expected a non-negative integer or null, got {v}"
            ));
        }
    }
}

/// Checks one `check --format json` object. `process_exit` is the exit code of
/// the process that printed it, if known. Returns the problems found (empty =
/// the object follows the schema).
pub fn validate(v: &Value, process_exit: Option<i32>) -> Vec<String> {
    let mut p = Problems(Vec::new());
    let Some(obj) = v.as_object() else {
        return vec![format!("expected a JSON object, got {v}")];
    };
    p.keys("object", obj, REQUIRED, OPTIONAL);
    let null = Value::Null;
    let get = |k: &str| obj.get(k).unwrap_or(&null);

    if get("schema").as_u64() != Some(SCHEMA_VERSION) {
        p.push(format!(
            "schema: expected {SCHEMA_VERSION}, got {}",
            get("schema")
        ));
    }
    let result = p.string("result", get("result")).unwrap_or("");
    let exit = get("exit_code").as_i64();
    match (exit, exit_codes_of(result)) {
        (None, _) => p.push(format!(
            "exit_code: expected an integer, got {}",
            get("exit_code")
        )),
        (_, None) => p.push(format!("result: unknown value {:?}", result)),
        (Some(e), Some(codes)) if !codes.contains(&e) => {
            p.push(format!("result {result:?} does not go with exit_code {e}"))
        }
        _ => {}
    }
    if let (Some(e), Some(pe)) = (exit, process_exit) {
        if e != i64::from(pe) {
            p.push(format!("exit_code {e} but the process exited with {pe}"));
        }
    }
    p.string("spec", get("spec"));
    p.string("model", get("model"));
    if let Some(w) = p.uint("workers", get("workers")) {
        if w == 0 {
            p.push("workers: expected at least 1".into());
        }
    }
    let distinct = p.uint("distinct_states", get("distinct_states"));
    let generated = p.uint("states_generated", get("states_generated"));
    let depth = p.uint("depth", get("depth"));
    if !get("elapsed_seconds").as_f64().is_some_and(|s| s >= 0.0) {
        p.push(format!(
            "elapsed_seconds: expected a non-negative number, got {}",
            get("elapsed_seconds")
        ));
    }
    if result == "ok" {
        if let (Some(d), Some(g)) = (distinct, generated) {
            if g < d {
                p.push(format!("states_generated {g} < distinct_states {d}"));
            }
        }
        if distinct.is_some_and(|d| d > 0) && depth == Some(0) {
            p.push("depth 0 with states found".into());
        }
    }

    // violation
    match (get("violation"), violation_kind_of(result)) {
        (Value::Null, None) => {}
        (Value::Null, Some(k)) => p.push(format!(
            "violation: null, but result {result:?} needs kind {k:?}"
        )),
        (Value::Object(o), want) => {
            p.keys("violation", o, &["kind", "name"], &[]);
            let kind = p.string("violation.kind", o.get("kind").unwrap_or(&null));
            let name = p.string("violation.name", o.get("name").unwrap_or(&null));
            match want {
                None => p.push(format!("violation: expected null for result {result:?}")),
                Some(k) if kind.is_some_and(|kind| kind != k) => p.push(format!(
                    "violation.kind: expected {k:?} for result {result:?}, got {kind:?}"
                )),
                _ => {}
            }
            if let Some(n) = name {
                if kind == Some("deadlock") && !n.is_empty() {
                    p.push(format!(
                        "violation.name: expected \"\" for a deadlock, got {n:?}"
                    ));
                }
                if kind != Some("deadlock") && n.is_empty() {
                    p.push("violation.name: empty".into());
                }
            }
        }
        (other, _) => p.push(format!(
            "violation: expected an object or null, got {other}"
        )),
    }

    // trace
    let steps = match get("trace") {
        Value::Array(a) => a.as_slice(),
        other => {
            p.push(format!("trace: expected an array, got {other}"));
            &[]
        }
    };
    if needs_trace(result) && steps.is_empty() {
        p.push(format!(
            "trace: empty, but result {result:?} needs a counterexample"
        ));
    }
    if result == "ok" && !steps.is_empty() {
        p.push("trace: not empty for result \"ok\"".into());
    }
    let mut vars: Option<Vec<&String>> = None;
    for (i, s) in steps.iter().enumerate() {
        let what = format!("trace[{i}]");
        let Some(o) = s.as_object() else {
            p.push(format!("{what}: expected an object, got {s}"));
            continue;
        };
        p.keys(&what, o, &["action", "location", "state"], &[]);
        if let Some(a) = p.string(&format!("{what}.action"), o.get("action").unwrap_or(&null)) {
            if (i == 0) != (a == "Initial predicate") {
                p.push(format!(
                    "{what}.action: {a:?} (only the first step is \"Initial predicate\")"
                ));
            }
        }
        match o.get("location").unwrap_or(&null) {
            Value::Null => {}
            Value::Object(l) => {
                let lw = format!("{what}.location");
                p.keys(
                    &lw,
                    l,
                    &["module", "line", "column", "end_line", "end_column"],
                    &[],
                );
                p.string(&format!("{lw}.module"), l.get("module").unwrap_or(&null));
                for k in ["line", "column", "end_line", "end_column"] {
                    p.uint(&format!("{lw}.{k}"), l.get(k).unwrap_or(&null));
                }
            }
            other => p.push(format!(
                "{what}.location: expected an object or null, got {other}"
            )),
        }
        match o.get("state").unwrap_or(&null) {
            Value::Object(st) => {
                for (k, val) in st {
                    if !val.is_string() {
                        p.push(format!(
                            "{what}.state.{k}: expected TLA+ text (a string), got {val}"
                        ));
                    }
                }
                let mut names: Vec<&String> = st.keys().collect();
                names.sort();
                match &vars {
                    None => vars = Some(names),
                    Some(first) if *first != names => p.push(format!(
                        "{what}.state: variables {names:?} differ from trace[0]'s {first:?}"
                    )),
                    _ => {}
                }
            }
            other => p.push(format!("{what}.state: expected an object, got {other}")),
        }
    }

    // loop_index / stuttering (lasso counterexamples only)
    match obj.get("loop_index") {
        None => {
            if obj.contains_key("stuttering") {
                p.push("stuttering without loop_index".into());
            }
        }
        Some(li) => {
            if result != "property_violated" {
                p.push(format!(
                    "loop_index: only for property violations, result is {result:?}"
                ));
            }
            if let Some(i) = p.uint("loop_index", li) {
                if i as usize >= steps.len() {
                    p.push(format!(
                        "loop_index {i} outside the trace of {} states",
                        steps.len()
                    ));
                }
                match obj.get("stuttering") {
                    None => {}
                    Some(Value::Bool(true)) if i as usize + 1 == steps.len() => {}
                    Some(Value::Bool(true)) => {
                        p.push(format!("stuttering: loop_index {i} is not the last state"))
                    }
                    Some(other) => p.push(format!("stuttering: expected true, got {other}")),
                }
            }
        }
    }
    if let Some(la) = obj.get("loop_action") {
        if !obj.contains_key("loop_index") || obj.contains_key("stuttering") {
            p.push(
                "loop_action: only for lassos that loop back (loop_index without stuttering)"
                    .into(),
            );
        }
        match la.as_object() {
            Some(m) => {
                p.keys("loop_action", m, &["action", "location"], &[]);
                if !m.get("action").is_some_and(Value::is_string) {
                    p.push("loop_action.action: expected a string".into());
                }
            }
            None => p.push(format!("loop_action: expected an object, got {la}")),
        }
    }
    if let Some(w) = obj.get("warnings") {
        match w.as_array() {
            Some(a) if a.iter().all(Value::is_string) => {}
            _ => p.push(format!("warnings: expected an array of strings, got {w}")),
        }
    }

    // error
    match get("error") {
        Value::Null => {
            if needs_error(result) {
                p.push(format!(
                    "error: null, but result {result:?} needs an error object"
                ));
            }
        }
        Value::Object(e) => {
            p.keys("error", e, &["message", "file", "line", "column"], &[]);
            if p.string("error.message", e.get("message").unwrap_or(&null))
                .is_some_and(|m| m.trim().is_empty())
            {
                p.push("error.message: empty".into());
            }
            p.opt_string("error.file", e.get("file").unwrap_or(&null));
            p.opt_uint("error.line", e.get("line").unwrap_or(&null));
            p.opt_uint("error.column", e.get("column").unwrap_or(&null));
            if result == "ok" {
                p.push("error: expected null for result \"ok\"".into());
            }
        }
        other => p.push(format!("error: expected an object or null, got {other}")),
    }
    p.0
}

/// Parses `stdout` as exactly one JSON object (one line, nothing else) and
/// validates it; returns the object, or every problem found.
pub fn parse_and_validate(stdout: &str, process_exit: Option<i32>) -> Result<Value, Vec<String>> {
    let body = stdout.strip_suffix('\n').unwrap_or(stdout);
    if body.contains('\n') {
        return Err(vec![format!(
            "stdout has {} lines, expected one JSON object on one line",
            stdout.lines().count()
        )]);
    }
    let v: Value = serde_json::from_str(body)
        .map_err(|e| vec![format!("stdout is not one JSON object: {e}")])?;
    let problems = validate(&v, process_exit);
    if problems.is_empty() {
        Ok(v)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok() -> Value {
        json!({"schema": 1, "result": "ok", "exit_code": 0, "spec": "S.tla", "model": "S.cfg",
               "workers": 1, "distinct_states": 3, "states_generated": 5, "depth": 2,
               "elapsed_seconds": 0.01, "violation": null, "trace": [], "error": null})
    }

    fn step(action: &str, x: &str) -> Value {
        json!({"action": action, "location": null, "state": {"x": x}})
    }

    #[test]
    fn accepts_documented_objects() {
        assert_eq!(validate(&ok(), Some(0)), Vec::<String>::new());
        let mut inv = ok();
        inv["result"] = json!("invariant_violated");
        inv["exit_code"] = json!(12);
        inv["violation"] = json!({"kind": "invariant", "name": "Inv"});
        inv["trace"] = json!([step("Initial predicate", "0"),
            {"action": "Inc", "location": {"module": "S", "line": 1, "column": 2, "end_line": 3, "end_column": 4},
             "state": {"x": "1"}}]);
        assert_eq!(validate(&inv, Some(12)), Vec::<String>::new());
        let mut lasso = inv.clone();
        lasso["result"] = json!("property_violated");
        lasso["exit_code"] = json!(13);
        lasso["violation"] = json!({"kind": "property", "name": "Live"});
        lasso["loop_index"] = json!(1);
        lasso["stuttering"] = json!(true);
        assert_eq!(validate(&lasso, Some(13)), Vec::<String>::new());
        let mut err = ok();
        err["result"] = json!("parse_error");
        err["exit_code"] = json!(150);
        err["distinct_states"] = json!(0);
        err["depth"] = json!(0);
        err["error"] =
            json!({"message": "unexpected `)`", "file": "S.tla", "line": 3, "column": 7});
        assert_eq!(validate(&err, Some(150)), Vec::<String>::new());
    }

    #[test]
    fn rejects_each_kind_of_mismatch() {
        let cases: Vec<(Value, &str)> = vec![
            (json!({"exit_code": 1}), "does not go with exit_code 1"),
            (
                json!({"result": "invariant_violated"}),
                "does not go with exit_code 0",
            ),
            (json!({"result": "done"}), "result: unknown value"),
            (
                json!({"distinct_states": "3"}),
                "distinct_states: expected a non-negative integer",
            ),
            (json!({"extra": 1}), "unknown field `extra`"),
            (
                json!({"violation": {"kind": "invariant", "name": "I"}}),
                "violation: expected null",
            ),
            (
                json!({"trace": [{"action": "Initial predicate", "location": null, "state": {"x": 1}}]}),
                "expected TLA+ text",
            ),
            (
                json!({"trace": [step("Initial predicate", "0")]}),
                "trace: not empty",
            ),
            (
                json!({"error": {"message": "boom"}}),
                "error: missing field `file`",
            ),
            (
                json!({"loop_index": 0}),
                "loop_index: only for property violations",
            ),
            (json!({"schema": 2}), "schema: expected 1"),
            (json!({"workers": 0}), "workers: expected at least 1"),
        ];
        for (patch, want) in cases {
            let mut v = ok();
            for (k, val) in patch.as_object().unwrap() {
                v[k] = val.clone();
            }
            let problems = validate(&v, None).join("\n");
            assert!(
                problems.contains(want),
                "{patch}: expected a problem mentioning {want:?}, got {problems:?}"
            );
        }
        let mut v = ok();
        v["result"] = json!("deadlock");
        v["exit_code"] = json!(11);
        let problems = validate(&v, Some(11));
        assert!(
            problems.iter().any(|p| p.contains("needs kind")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("needs a counterexample")),
            "{problems:?}"
        );
        assert_eq!(
            validate(&ok(), Some(12)),
            ["exit_code 0 but the process exited with 12"]
        );
    }

    #[test]
    fn one_object_on_one_line() {
        assert!(parse_and_validate(&format!("{}\n", ok()), Some(0)).is_ok());
        let two = format!("{}\n{}\n", ok(), ok());
        assert!(parse_and_validate(&two, Some(0)).is_err());
        assert!(parse_and_validate("", Some(0)).is_err());
    }
}
