//! The module loader: reads a root `.tla` file and, transitively, every module
//! it `EXTENDS` or `INSTANCE`s, from the root's folder and a library search path.
//!
//! The loader is pure apart from reading files: it never looks at environment
//! variables (the CLI turns `--lib` and `TLA_PATH` into the `search_path`
//! argument) and never stops at the first error. Standard modules
//! ([`STANDARD_MODULES`]) are built into the evaluator and never searched for.
//!
//! Search order for a module `M`:
//! 1. a module named `M` already parsed (defined in the same file, nested in a
//!    module, or in any file loaded so far);
//! 2. `M.tla` in the root spec's folder;
//! 3. `M.tla` in each folder of `search_path`, in order.

use crate::ast::{Bound, Expr, Ident, LetDef, Module, Unit};
use crate::visit::Child;
use crate::{FileId, ParsedFile, SourceMap, Span, SyntaxError};
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Modules that TLC treats as built in (its `StandardModules` folder, without
/// the internal `_*` trace modules). They are implemented natively by the
/// evaluator; the loader never searches for them. `RealTime` is not one of
/// them: it is an ordinary spec module from *Specifying Systems*.
pub const STANDARD_MODULES: &[&str] = &[
    "Naturals",
    "Integers",
    "Reals",
    "Sequences",
    "FiniteSets",
    "Bags",
    "TLC",
    "TLCExt",
    "Randomization",
    "Toolbox",
];

/// True if `name` is one of the [`STANDARD_MODULES`].
pub fn is_standard_module(name: &str) -> bool {
    STANDARD_MODULES.contains(&name)
}

/// Something that went wrong while loading a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// A syntax error in one of the loaded files.
    Syntax(SyntaxError),
    /// A module named in `EXTENDS` or `INSTANCE` was found nowhere.
    ModuleNotFound {
        /// The module's name.
        name: Arc<str>,
        /// The name as written after `EXTENDS` / `INSTANCE`.
        span: Span,
        /// The folders that were searched, in order.
        searched: Vec<PathBuf>,
    },
    /// A file exists (or was named as the root) but could not be read.
    CannotRead {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
        /// The `EXTENDS` / `INSTANCE` name that led to the file, if any.
        span: Option<Span>,
    },
    /// The root file was read and parsed but contains no module.
    NoModule {
        /// The root file.
        path: PathBuf,
    },
}

impl LoadError {
    /// The source location of the error, if it has one.
    pub fn span(&self) -> Option<Span> {
        match self {
            LoadError::Syntax(e) => Some(e.span),
            LoadError::ModuleNotFound { span, .. } => Some(*span),
            LoadError::CannotRead { span, .. } => *span,
            LoadError::NoModule { .. } => None,
        }
    }

    /// True for errors caused by the file system (not by the spec's text).
    pub fn is_system_error(&self) -> bool {
        matches!(self, LoadError::CannotRead { .. })
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Syntax(e) => f.write_str(&e.message),
            LoadError::ModuleNotFound { name, .. } => write!(f, "cannot find module {name}"),
            LoadError::CannotRead { path, reason, .. } => {
                write!(f, "cannot read file {}: {reason}", path.display())
            }
            LoadError::NoModule { path } => {
                write!(f, "no module found in {}", path.display())
            }
        }
    }
}

/// A root module with every module it depends on, and the files they came from.
#[derive(Clone, Debug, Default)]
pub struct LoadedSpec {
    /// Every file read, including the root.
    pub sources: SourceMap,
    /// The root module first, then every other module of the loaded files
    /// (those the root `EXTENDS` or `INSTANCE`s, transitively, nested modules
    /// and other modules defined in the same files), in discovery order.
    /// Empty if the root file could not be read or holds no module.
    pub modules: Vec<Module>,
    /// Every error found, in discovery order.
    pub errors: Vec<LoadError>,
}

impl LoadedSpec {
    /// The root module, if the root file held one.
    pub fn root(&self) -> Option<&Module> {
        self.modules.first()
    }

    /// The first loaded module called `name`.
    pub fn module(&self, name: &str) -> Option<&Module> {
        self.modules.iter().find(|m| &*m.name.name == name)
    }

    /// True if any error was found.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// Loads `root` and every module it depends on, parsing with [`crate::parse_file`].
///
/// `search_path` lists library folders searched after the root's folder, in
/// order (the CLI passes `--lib` folders followed by `TLA_PATH` entries).
pub fn load_spec(root: &Path, search_path: &[PathBuf]) -> LoadedSpec {
    load_spec_with(root, search_path, crate::parse_file)
}

/// Like [`load_spec`], with the `.tla` parser given as an argument (used by
/// tests and by tools that want to wrap the parser).
pub fn load_spec_with<P>(root: &Path, search_path: &[PathBuf], mut parse: P) -> LoadedSpec
where
    P: FnMut(FileId, &str) -> ParsedFile,
{
    let mut spec = LoadedSpec::default();
    let root_dir = match root.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut dirs = vec![root_dir];
    dirs.extend(search_path.iter().cloned());

    let text = match std::fs::read_to_string(root) {
        Ok(t) => t,
        Err(e) => {
            spec.errors.push(LoadError::CannotRead {
                path: root.to_path_buf(),
                reason: e.to_string(),
                span: None,
            });
            return spec;
        }
    };
    let mut loader = Loader {
        spec: &mut spec,
        parse: &mut parse,
        by_name: HashMap::new(),
        loaded_paths: HashSet::new(),
        queue: VecDeque::new(),
    };
    let stem = root.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    loader.add_file(root, text, Some(stem));
    if loader.spec.modules.is_empty() && loader.spec.errors.is_empty() {
        loader.spec.errors.push(LoadError::NoModule {
            path: root.to_path_buf(),
        });
        return spec;
    }
    while let Some(r) = loader.queue.pop_front() {
        if is_standard_module(&r.name) || loader.by_name.contains_key(&r.name) {
            continue;
        }
        loader.find(&r, &dirs);
    }
    spec
}

/// A module name referenced by `EXTENDS` or `INSTANCE`.
struct Ref {
    name: Arc<str>,
    span: Span,
}

struct Loader<'a, P> {
    spec: &'a mut LoadedSpec,
    parse: &'a mut P,
    /// Module name -> index in `spec.modules` (first definition wins).
    by_name: HashMap<Arc<str>, usize>,
    loaded_paths: HashSet<PathBuf>,
    queue: VecDeque<Ref>,
}

impl<P: FnMut(FileId, &str) -> ParsedFile> Loader<'_, P> {
    /// Parses one file and registers its modules; `root_name` puts the module of
    /// that name (or else the first) at the front of the module list.
    fn add_file(&mut self, path: &Path, text: String, root_name: Option<&str>) {
        self.loaded_paths.insert(normalize(path));
        let file = self.spec.sources.add(path, text);
        let parsed = (self.parse)(file, &self.spec.sources.file(file).text);
        self.spec
            .errors
            .extend(parsed.errors.into_iter().map(LoadError::Syntax));
        let mut modules = parsed.modules;
        if let Some(name) = root_name {
            if let Some(i) = modules.iter().position(|m| &*m.name.name == name) {
                let m = modules.remove(i);
                modules.insert(0, m);
            }
        }
        for m in modules {
            self.add_module(m);
        }
    }

    /// Registers a module, its nested modules, and queues its references.
    fn add_module(&mut self, m: Module) {
        let mut refs = Vec::new();
        collect_module_refs(&m, &mut refs);
        let refs: Vec<Ref> = refs
            .into_iter()
            .map(|i| Ref {
                name: i.name.clone(),
                span: i.span,
            })
            .collect();
        let nested: Vec<Module> = m
            .units
            .iter()
            .filter_map(|u| match u {
                Unit::Module(n) => Some(n.clone()),
                _ => None,
            })
            .collect();
        self.by_name
            .entry(m.name.name.clone())
            .or_insert(self.spec.modules.len());
        self.spec.modules.push(m);
        for n in nested {
            self.add_module(n);
        }
        self.queue.extend(refs);
    }

    /// Looks for `M.tla` in `dirs`, loading the first one found.
    fn find(&mut self, r: &Ref, dirs: &[PathBuf]) {
        for dir in dirs {
            let path = dir.join(format!("{}.tla", r.name));
            if self.loaded_paths.contains(&normalize(&path)) {
                continue;
            }
            if !path.is_file() {
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    self.add_file(&path, text, Some(&r.name));
                    if self.by_name.contains_key(&r.name) {
                        return;
                    }
                }
                Err(e) => {
                    self.spec.errors.push(LoadError::CannotRead {
                        path,
                        reason: e.to_string(),
                        span: Some(r.span),
                    });
                    // Remember the name so the error is reported once.
                    self.by_name.insert(r.name.clone(), usize::MAX);
                    return;
                }
            }
        }
        self.spec.errors.push(LoadError::ModuleNotFound {
            name: r.name.clone(),
            span: r.span,
            searched: dirs.to_vec(),
        });
        self.by_name.insert(r.name.clone(), usize::MAX);
    }
}

/// A path made comparable: canonical if it exists, as given otherwise.
fn normalize(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Every module name that `m` refers to with `EXTENDS` or `INSTANCE`, excluding
/// its nested modules' references (those are collected when the nested module
/// is registered).
pub fn module_refs(m: &Module) -> Vec<&Ident> {
    let mut out = Vec::new();
    collect_module_refs(m, &mut out);
    out
}

fn collect_module_refs<'m>(m: &'m Module, out: &mut Vec<&'m Ident>) {
    out.extend(m.extends.iter());
    for u in &m.units {
        match u {
            Unit::Instance(i) => {
                out.push(&i.module);
                for (_, e) in &i.subs {
                    expr_refs(e, out);
                }
            }
            Unit::ModuleDef(d) => {
                out.push(&d.instance.module);
                for (_, e) in &d.instance.subs {
                    expr_refs(e, out);
                }
            }
            Unit::OpDef(d) => expr_refs(&d.body, out),
            Unit::FnDef(d) => {
                bounds_refs(&d.bounds, out);
                expr_refs(&d.body, out);
            }
            Unit::Assume(a) => expr_refs(&a.expr, out),
            Unit::Theorem(t) => {
                if let Some(e) = &t.expr {
                    expr_refs(e, out);
                }
            }
            Unit::Variables(_)
            | Unit::Constants(_)
            | Unit::Recursive(_)
            | Unit::Module(_)
            | Unit::UseOrHide(_) => {}
        }
    }
}

fn bounds_refs<'m>(bounds: &'m [Bound], out: &mut Vec<&'m Ident>) {
    for b in bounds {
        if let Some(s) = &b.set {
            expr_refs(s, out);
        }
    }
}

/// Collects `INSTANCE` references inside `LET` definitions anywhere in `e`.
fn expr_refs<'m>(e: &'m Expr, out: &mut Vec<&'m Ident>) {
    e.for_each_child(&mut |c| match c {
        Child::Expr(x) => expr_refs(x, out),
        Child::Bound(b) => bounds_refs(std::slice::from_ref(b), out),
        Child::Name(_) => {}
        Child::Def(LetDef::Op(d)) => expr_refs(&d.body, out),
        Child::Def(LetDef::Fn(d)) => {
            bounds_refs(&d.bounds, out);
            expr_refs(&d.body, out);
        }
        Child::Def(LetDef::Recursive(_)) => {}
        Child::Def(LetDef::Module(d)) => {
            out.push(&d.instance.module);
            for (_, x) in &d.instance.subs {
                expr_refs(x, out);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    //! Loader tests with a tiny line-based stand-in parser, so the loader's
    //! search logic is tested independently of the grammar. Lines understood:
    //! `---- MODULE X ----` (starts a module; nested if one is open),
    //! `====` (ends the innermost module), `EXTENDS A, B`, `INSTANCE C`,
    //! `N == INSTANCE C`, `L == LET N == INSTANCE C IN 1`, and `!!` (a syntax error).
    use super::*;
    use crate::ast::{Instance, ModuleDef, OpDef};
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn ident(file: FileId, name: &str, at: usize) -> Ident {
        Ident {
            name: name.into(),
            span: Span::new(file, at, at + name.len()),
        }
    }

    fn instance(file: FileId, line: &str, off: usize) -> Instance {
        let i = line.find("INSTANCE ").unwrap_or(0) + "INSTANCE ".len();
        let name = line[i..].split_whitespace().next().unwrap_or("");
        Instance {
            module: ident(file, name, off + i),
            subs: vec![],
            local: false,
            span: Span::new(file, off, off + line.len()),
        }
    }

    fn fake_parse(file: FileId, src: &str) -> ParsedFile {
        let mut out = ParsedFile::default();
        let mut stack: Vec<Module> = Vec::new();
        let mut off = 0;
        for line in src.split_inclusive('\n') {
            let l = line.trim_end();
            if let Some(rest) = l.strip_prefix("---- MODULE ") {
                let name = rest.trim_end_matches('-').trim();
                stack.push(Module {
                    name: ident(file, name, off + 12),
                    extends: vec![],
                    units: vec![],
                    span: Span::new(file, off, off),
                });
            } else if l.starts_with("====") {
                if let Some(m) = stack.pop() {
                    match stack.last_mut() {
                        Some(parent) => parent.units.push(Unit::Module(m)),
                        None => out.modules.push(m),
                    }
                }
            } else if let (Some(rest), Some(m)) = (l.strip_prefix("EXTENDS "), stack.last_mut()) {
                let mut at = off + 8;
                for part in rest.split(',') {
                    let name = part.trim();
                    let lead = part.len() - part.trim_start().len();
                    m.extends.push(ident(file, name, at + lead));
                    at += part.len() + 1;
                }
            } else if l.starts_with("INSTANCE ") {
                if let Some(m) = stack.last_mut() {
                    m.units.push(Unit::Instance(instance(file, l, off)));
                }
            } else if l.contains("== LET") {
                let inst = instance(file, l, off);
                let def = ModuleDef {
                    name: ident(file, "N", off),
                    params: vec![],
                    instance: inst,
                    local: false,
                    span: Span::new(file, off, off),
                };
                let body = Expr::new(
                    crate::ast::ExprKind::Let {
                        defs: vec![LetDef::Module(def)],
                        body: Box::new(Expr::new(
                            crate::ast::ExprKind::Num("1".into()),
                            Span::default(),
                        )),
                    },
                    Span::new(file, off, off),
                );
                if let Some(m) = stack.last_mut() {
                    m.units.push(Unit::OpDef(OpDef {
                        name: ident(file, "L", off),
                        params: vec![],
                        body,
                        local: false,
                        span: Span::new(file, off, off),
                    }));
                }
            } else if l.contains("== INSTANCE") {
                if let Some(m) = stack.last_mut() {
                    m.units.push(Unit::ModuleDef(ModuleDef {
                        name: ident(file, "N", off),
                        params: vec![],
                        instance: instance(file, l, off),
                        local: false,
                        span: Span::new(file, off, off),
                    }));
                }
            } else if l.contains("!!") {
                out.errors.push(SyntaxError {
                    span: Span::new(file, off, off + 2),
                    message: "unexpected `!!`".into(),
                });
            }
            off += line.len();
        }
        out
    }

    /// A fresh, empty temporary folder, removed when dropped.
    struct TempDir(PathBuf);

    impl std::ops::Deref for TempDir {
        type Target = Path;
        fn deref(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn temp_dir(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let d = std::env::temp_dir().join(format!(
            "tlc-loader-{}-{}-{}",
            tag,
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("create temp dir");
        TempDir(d)
    }

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("write temp file");
        p
    }

    fn names(spec: &LoadedSpec) -> Vec<String> {
        spec.modules
            .iter()
            .map(|m| m.name.name.to_string())
            .collect()
    }

    fn load(root: &Path, path: &[PathBuf]) -> LoadedSpec {
        load_spec_with(root, path, fake_parse)
    }

    #[test]
    fn extends_transitively_and_skips_standard_modules() {
        let d = temp_dir("ext");
        let root = write(
            &d,
            "A.tla",
            "---- MODULE A ----\nEXTENDS Naturals, B\n====\n",
        );
        write(&d, "B.tla", "---- MODULE B ----\nEXTENDS C, TLC\n====\n");
        write(&d, "C.tla", "---- MODULE C ----\n====\n");
        let spec = load(&root, &[]);
        assert_eq!(spec.errors, vec![]);
        assert_eq!(names(&spec), ["A", "B", "C"]);
        assert_eq!(spec.module("C").map(|m| &*m.name.name), Some("C"));
        assert!(spec.module("Naturals").is_none());
    }

    #[test]
    fn instance_forms_are_followed() {
        let d = temp_dir("inst");
        let root = write(
            &d,
            "A.tla",
            "---- MODULE A ----\nINSTANCE B\nM == INSTANCE C\nL == LET N == INSTANCE D IN 1\n====\n",
        );
        for m in ["B", "C", "D"] {
            write(
                &d,
                &format!("{m}.tla"),
                &format!("---- MODULE {m} ----\n====\n"),
            );
        }
        let spec = load(&root, &[]);
        assert_eq!(spec.errors, vec![]);
        assert_eq!(names(&spec), ["A", "B", "C", "D"]);
    }

    #[test]
    fn same_file_and_nested_modules_are_not_searched() {
        let d = temp_dir("same");
        // Inner is nested in A; Helper is a second module of the file, defined
        // before the root module (as in multi-module files).
        let root = write(
            &d,
            "A.tla",
            "---- MODULE Helper ----\n====\n---- MODULE A ----\nEXTENDS Helper\n---- MODULE Inner ----\n====\nINSTANCE Inner\n====\n",
        );
        let spec = load(&root, &[]);
        assert_eq!(spec.errors, vec![]);
        assert_eq!(names(&spec), ["A", "Inner", "Helper"]);
        assert_eq!(spec.sources.files().count(), 1);
    }

    #[test]
    fn search_order_is_root_folder_then_lib_dirs_in_order() {
        let d = temp_dir("order");
        let lib1 = d.join("lib1");
        let lib2 = d.join("lib2");
        std::fs::create_dir_all(&lib1).unwrap();
        std::fs::create_dir_all(&lib2).unwrap();
        let root = write(&d, "A.tla", "---- MODULE A ----\nEXTENDS B, C\n====\n");
        write(&d, "B.tla", "---- MODULE B ----\n====\n");
        write(&lib1, "B.tla", "---- MODULE B ----\n!!\n====\n");
        write(&lib2, "C.tla", "---- MODULE C ----\n====\n");
        write(&lib1, "C.tla", "---- MODULE C ----\nEXTENDS D\n====\n");
        write(&lib2, "D.tla", "---- MODULE D ----\n====\n");
        let spec = load(&root, &[lib1.clone(), lib2.clone()]);
        assert_eq!(spec.errors, vec![], "B from the root folder, C from lib1");
        assert_eq!(names(&spec), ["A", "B", "C", "D"]);
        let c = spec.module("C").unwrap();
        assert_eq!(spec.sources.file(c.name.span.file).path, lib1.join("C.tla"));
    }

    #[test]
    fn missing_module_is_reported_at_its_name() {
        let d = temp_dir("missing");
        let root = write(
            &d,
            "A.tla",
            "---- MODULE A ----\nEXTENDS Naturals, Nope\n====\n",
        );
        let spec = load(&root, &[d.join("lib")]);
        assert_eq!(names(&spec), ["A"]);
        assert_eq!(spec.errors.len(), 1);
        let e = &spec.errors[0];
        assert_eq!(e.to_string(), "cannot find module Nope");
        let span = e.span().unwrap();
        let (_, line, col) = spec.sources.location(span);
        assert_eq!((line, col), (2, 19));
        match e {
            LoadError::ModuleNotFound { searched, .. } => assert_eq!(searched.len(), 2),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn missing_module_referenced_twice_is_reported_once() {
        let d = temp_dir("twice");
        let root = write(&d, "A.tla", "---- MODULE A ----\nEXTENDS B, Nope\n====\n");
        write(&d, "B.tla", "---- MODULE B ----\nEXTENDS Nope\n====\n");
        let spec = load(&root, &[]);
        assert_eq!(spec.errors.len(), 1, "{:?}", spec.errors);
    }

    #[test]
    fn unreadable_root_is_a_system_error() {
        let d = temp_dir("noroot");
        let spec = load(&d.join("Nothing.tla"), &[]);
        assert!(spec.modules.is_empty());
        assert_eq!(spec.errors.len(), 1);
        assert!(spec.errors[0].is_system_error());
        assert!(spec.errors[0].to_string().starts_with("cannot read file"));
    }

    #[test]
    fn syntax_errors_of_dependencies_are_collected() {
        let d = temp_dir("syn");
        let root = write(&d, "A.tla", "---- MODULE A ----\nEXTENDS B\n!!\n====\n");
        write(&d, "B.tla", "---- MODULE B ----\n!!\n====\n");
        let spec = load(&root, &[]);
        assert_eq!(spec.errors.len(), 2);
        let files: Vec<_> = spec
            .errors
            .iter()
            .map(|e| spec.sources.location(e.span().unwrap()).0.to_path_buf())
            .collect();
        assert_eq!(files, [d.join("A.tla"), d.join("B.tla")]);
    }

    #[test]
    fn file_without_module_is_an_error() {
        let d = temp_dir("nomod");
        let root = write(&d, "A.tla", "just text\n");
        let spec = load(&root, &[]);
        assert!(matches!(spec.errors[..], [LoadError::NoModule { .. }]));
    }

    #[test]
    fn cyclic_extends_terminate() {
        let d = temp_dir("cycle");
        let root = write(&d, "A.tla", "---- MODULE A ----\nEXTENDS B\n====\n");
        write(&d, "B.tla", "---- MODULE B ----\nEXTENDS A\n====\n");
        let spec = load(&root, &[]);
        assert_eq!(names(&spec), ["A", "B"]);
    }

    #[test]
    fn real_parser_follows_every_reference_form() {
        let d = temp_dir("real");
        let root = write(
            &d,
            "Root.tla",
            "---- MODULE Root ----\n\
             EXTENDS Naturals, Ext\n\
             ---- MODULE Inner ----\n\
             INSTANCE Deep\n\
             ====\n\
             INSTANCE Inst WITH c <- 1\n\
             M(p) == INSTANCE Param\n\
             Op == LET L == INSTANCE InLet IN L!x\n\
             ====\n",
        );
        for m in ["Ext", "Deep", "Inst", "Param", "InLet"] {
            write(
                &d,
                &format!("{m}.tla"),
                &format!("---- MODULE {m} ----\nx == 1\n====\n"),
            );
        }
        let spec = load_spec(&root, &[]);
        assert_eq!(spec.errors, vec![]);
        let mut got = names(&spec);
        assert_eq!(got.remove(0), "Root");
        got.sort();
        assert_eq!(got, ["Deep", "Ext", "InLet", "Inner", "Inst", "Param"]);
    }

    #[test]
    fn real_parser_errors_carry_the_right_file() {
        let d = temp_dir("realerr");
        let root = write(&d, "A.tla", "---- MODULE A ----\nEXTENDS B\n====\n");
        write(&d, "B.tla", "---- MODULE B ----\nx == (1 +\n====\n");
        let spec = load_spec(&root, &[]);
        assert!(!spec.errors.is_empty());
        for e in &spec.errors {
            let (path, _, _) = spec.sources.location(e.span().expect("span"));
            assert_eq!(path, d.join("B.tla"));
        }
    }
}
