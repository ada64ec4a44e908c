//! Development harness: loads corpus models, enumerates the full state space with a
//! simple single-threaded BFS over fingerprints, and compares distinct-state counts with
//! TLC's (models.tsv). Usage: `cargo run --release -p tlc-eval --example corpus -- [filter] [tier]`.

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tlc_eval::{ModelConfig, Program};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let filter = args.get(1).cloned().unwrap_or_default();
    let tier = args.get(2).cloned().unwrap_or_else(|| "core".into());
    let limit: usize = std::env::var("LIMIT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2_000_000);
    let corpus = Path::new("/work/shared/corpus");
    let tsv = std::fs::read_to_string(corpus.join("models.tsv")).expect("models.tsv");
    let (mut ok, mut total) = (0, 0);
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 6 || (tier != "all" && f[1] != tier) || !f[0].contains(&filter) {
            continue;
        }
        total += 1;
        let (id, tla, cfg, exit, distinct) = (f[0], f[2], f[3], f[4], f[5]);
        let t0 = Instant::now();
        let r = run(&corpus.join(tla), &corpus.join(cfg), limit);
        let verdict = match &r {
            Ok((n, viol)) => {
                let good = match exit {
                    "0" => distinct.parse::<usize>().ok() == Some(*n) && viol.is_none(),
                    "12" => viol.is_some(),
                    _ => false,
                };
                if good {
                    ok += 1;
                }
                format!(
                    "{} got {} states{} (TLC exit {exit}, {distinct})",
                    if good { "OK  " } else { "DIFF" },
                    n,
                    viol.as_ref()
                        .map(|v| format!(", violation {v}"))
                        .unwrap_or_default()
                )
            }
            Err(e) => format!("ERR  {e} (TLC exit {exit}, {distinct})"),
        };
        println!("{id}: {verdict} [{:.1}s]", t0.elapsed().as_secs_f64());
    }
    println!("{ok}/{total} agree");
}

fn run(tla: &Path, cfg: &Path, limit: usize) -> Result<(usize, Option<String>), String> {
    let lib = PathBuf::from("/work/shared/corpus/lib");
    let spec = tlc_syntax::loader::load_spec_with(tla, &[lib], tlc_syntax::parse_file);
    if let Some(e) = spec.errors.first() {
        return Err(format!("load: {e}"));
    }
    let src = std::fs::read_to_string(cfg).map_err(|e| e.to_string())?;
    let (c, errs) = tlc_syntax::cfg::parse_config(tlc_syntax::FileId(999), &src);
    if let Some(e) = errs.first() {
        return Err(format!("cfg: {}", e.message));
    }
    let mc = ModelConfig::from_config(&c);
    let p = Program::compile(&spec.modules, &mc).map_err(|es| {
        let e = &es[0];
        match e.span {
            Some(s) if spec.sources.get(s.file).is_some() => {
                let (path, l, col) = spec.sources.location(s);
                format!("compile: {} at {}:{l}:{col}", e.message, path.display())
            }
            _ => format!("compile: {}", e.message),
        }
    })?;
    let loc = |e: &tlc_eval::EvalError| match e.span {
        Some(s) if spec.sources.get(s.file).is_some() => {
            let (path, l, col) = spec.sources.location(s);
            format!(
                "{} at {}:{l}:{col}",
                e.message,
                path.file_name()
                    .map(|x| x.to_string_lossy())
                    .unwrap_or_default()
            )
        }
        _ => e.message.clone(),
    };
    if let Some(i) = p.check_assumptions().map_err(|e| loc(&e))? {
        return Err(format!("assumption {i} false"));
    }
    if p.init.is_none() {
        return Ok((0, None));
    }
    let mut seen = HashSet::new();
    let mut queue = VecDeque::new();
    let mut viol = None;
    let mut inits = Vec::new();
    p.init_states(&mut |s| inits.push(s)).map_err(|e| loc(&e))?;
    if std::env::var("DEBUG").is_ok() {
        eprintln!(
            "{} initial states, actions: {:?}",
            inits.len(),
            p.actions
                .iter()
                .map(|a| a.name.to_string())
                .collect::<Vec<_>>()
        );
        for s in inits.iter().take(3) {
            eprintln!("  {:?}", s);
        }
    }
    let check = |s: &[tlc_value::Value], viol: &mut Option<String>| -> Result<(), String> {
        for (i, inv) in p.invariants.iter().enumerate() {
            if !p.eval_invariant(i, s).map_err(|e| loc(&e))? && viol.is_none() {
                *viol = Some(inv.name.to_string());
            }
        }
        for prop in &p.properties {
            if let tlc_eval::Property::Invariant(n) = prop {
                if !p.eval_predicate(n, s).map_err(|e| loc(&e))? && viol.is_none() {
                    *viol = Some(n.name.to_string());
                }
            }
        }
        Ok(())
    };
    for s in inits {
        if !p.in_model(&s).map_err(|e| loc(&e))? {
            continue;
        }
        if seen.insert(p.fingerprint(&s).map_err(|e| loc(&e))?) {
            check(&s, &mut viol)?;
            queue.push_back(s);
        }
    }
    while let Some(s) = queue.pop_front() {
        if viol.is_some() {
            break;
        }
        let mut succ = Vec::new();
        p.successors(&s, &mut |_, t| succ.push(t))
            .map_err(|e| loc(&e))?;
        for t in succ {
            if !p.in_model(&t).map_err(|e| loc(&e))?
                || !p.action_in_model(&s, &t).map_err(|e| loc(&e))?
            {
                continue;
            }
            if seen.insert(p.fingerprint(&t).map_err(|e| loc(&e))?) {
                check(&t, &mut viol)?;
                queue.push_back(t);
            }
        }
        if seen.len() > limit {
            return Err(format!("more than {limit} states"));
        }
    }
    Ok((seen.len(), viol))
}
