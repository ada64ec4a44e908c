//! Diagnostics: every error the CLI reports, rendered in one place with
//! codespan-reporting (file, line, column, the source line and a caret).

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor};
use std::io::IsTerminal;
use std::ops::Range;
use std::path::Path;
use tlc_syntax::loader::LoadError;
use tlc_syntax::{FileId, SourceMap, Span, SyntaxError};

/// Which tool phase produced an error; decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// The spec's text or its modules (exit 150).
    Spec,
    /// The config file (exit 151).
    Config,
    /// The file system or the tool itself (exit 153).
    System,
}

/// One error to show the user.
#[derive(Debug, Clone)]
pub struct Diag {
    /// Which phase it belongs to.
    pub phase: Phase,
    /// The message, one sentence without a trailing period.
    pub message: String,
    /// Where in the sources, if anywhere.
    pub span: Option<Span>,
    /// Extra lines shown under the snippet.
    pub notes: Vec<String>,
}

impl Diag {
    /// An error without a source location.
    pub fn plain(phase: Phase, message: impl Into<String>) -> Diag {
        Diag {
            phase,
            message: message.into(),
            span: None,
            notes: Vec::new(),
        }
    }

    /// A diagnostic for a loader error.
    pub fn from_load(e: &LoadError) -> Diag {
        let phase = if e.is_system_error() {
            Phase::System
        } else {
            Phase::Spec
        };
        let mut notes = Vec::new();
        if let LoadError::ModuleNotFound { name, searched, .. } = e {
            let dirs: Vec<String> = searched.iter().map(|d| d.display().to_string()).collect();
            notes.push(format!(
                "looked for {name}.tla in: {} (add a folder with --lib or TLA_PATH)",
                dirs.join(", ")
            ));
        }
        Diag {
            phase,
            message: e.to_string(),
            span: e.span(),
            notes,
        }
    }

    /// A diagnostic for a config syntax error.
    pub fn from_config(e: &SyntaxError) -> Diag {
        Diag {
            phase: Phase::Config,
            message: e.message.clone(),
            span: Some(e.span),
            notes: Vec::new(),
        }
    }

    /// `(file, line, column)` of the start of the span, if any.
    pub fn location<'a>(&self, sources: &'a SourceMap) -> Option<(&'a Path, u32, u32)> {
        let span = self.span?;
        sources.get(span.file)?;
        Some(sources.location(span))
    }
}

/// The TLC exit code for a list of errors: 153 if any is a system error, else
/// 150 if any is in the spec, else 151 if any is in the config, else 0.
pub fn exit_code(diags: &[Diag]) -> i32 {
    match diags.iter().map(|d| d.phase).max_by_key(|p| match p {
        Phase::System => 2,
        Phase::Spec => 1,
        Phase::Config => 0,
    }) {
        None => 0,
        Some(Phase::System) => 153,
        Some(Phase::Spec) => 150,
        Some(Phase::Config) => 151,
    }
}

/// codespan-reporting's view of a [`SourceMap`].
struct SourceFiles<'a>(&'a SourceMap);

impl<'a> Files<'a> for SourceFiles<'a> {
    type FileId = FileId;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<String, FilesError> {
        let f = self.0.get(id).ok_or(FilesError::FileMissing)?;
        Ok(f.path.display().to_string())
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        let f = self.0.get(id).ok_or(FilesError::FileMissing)?;
        Ok(&f.text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        let f = self.0.get(id).ok_or(FilesError::FileMissing)?;
        Ok(f.line_col(byte_index as u32).0 as usize - 1)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let f = self.0.get(id).ok_or(FilesError::FileMissing)?;
        let text: &str = &f.text;
        // Find the start of line `line_index` by counting newlines.
        let mut start = 0usize;
        let mut seen = 0usize;
        if line_index > 0 {
            let mut found = false;
            for (i, b) in text.bytes().enumerate() {
                if b == b'\n' {
                    seen += 1;
                    if seen == line_index {
                        start = i + 1;
                        found = true;
                        break;
                    }
                }
            }
            if !found {
                return Err(FilesError::LineTooLarge {
                    given: line_index,
                    max: seen,
                });
            }
        }
        let end = text[start..]
            .find('\n')
            .map(|i| start + i + 1)
            .unwrap_or(text.len());
        Ok(start..end)
    }

    fn column_number(
        &'a self,
        id: FileId,
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let f = self.0.get(id).ok_or(FilesError::FileMissing)?;
        Ok(f.line_col(byte_index as u32).1 as usize)
    }
}

/// Whether to colour diagnostics written to stderr.
pub fn stderr_color() -> termcolor::ColorChoice {
    if std::env::var_os("NO_COLOR").is_some() || !std::io::stderr().is_terminal() {
        termcolor::ColorChoice::Never
    } else {
        termcolor::ColorChoice::Auto
    }
}

/// Renders `diags` into `out`.
pub fn render(
    out: &mut dyn termcolor::WriteColor,
    sources: &SourceMap,
    diags: &[Diag],
) -> std::io::Result<()> {
    let files = SourceFiles(sources);
    let config = term::Config::default();
    for d in diags {
        let mut diagnostic = Diagnostic::error().with_message(&d.message);
        if let Some(span) = d.span.filter(|s| sources.get(s.file).is_some()) {
            let f = sources.file(span.file);
            let len = f.text.len();
            let start = (span.start as usize).min(len);
            let end = (span.end as usize).clamp(start, len);
            diagnostic = diagnostic.with_labels(vec![Label::primary(span.file, start..end)]);
        }
        if !d.notes.is_empty() {
            diagnostic = diagnostic.with_notes(d.notes.clone());
        }
        if let Err(e) = term::emit(out, &config, &files, &diagnostic) {
            // A span outside its file: fall back to the bare message.
            writeln!(out, "error: {} ({e})", d.message)?;
        }
    }
    Ok(())
}

/// Renders `diags` to stderr.
pub fn render_stderr(sources: &SourceMap, diags: &[Diag]) {
    let stderr = termcolor::StandardStream::stderr(stderr_color());
    let mut lock = stderr.lock();
    let _ = render(&mut lock, sources, diags);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_to_string(sources: &SourceMap, diags: &[Diag]) -> String {
        let mut buf = termcolor::NoColor::new(Vec::new());
        render(&mut buf, sources, diags).expect("render");
        String::from_utf8(buf.into_inner()).expect("utf-8")
    }

    #[test]
    fn renders_file_line_column_and_caret() {
        let mut sources = SourceMap::new();
        let f = sources.add("Spec.tla", "---- MODULE Spec ----\nx == (1 + \n====\n");
        let d = Diag {
            phase: Phase::Spec,
            message: "unclosed parenthesis".into(),
            span: Some(Span::new(f, 27, 28)),
            notes: vec![],
        };
        let out = render_to_string(&sources, &[d]);
        assert!(out.contains("Spec.tla:2:6"), "{out}");
        assert!(out.contains("x == (1 + "), "{out}");
        assert!(out.contains('^'), "{out}");
    }

    #[test]
    fn out_of_range_span_does_not_panic() {
        let mut sources = SourceMap::new();
        let f = sources.add("a.tla", "x");
        let d = Diag {
            phase: Phase::Spec,
            message: "m".into(),
            span: Some(Span::new(f, 50, 60)),
            notes: vec![],
        };
        let out = render_to_string(&sources, &[d]);
        assert!(out.contains("error: m"), "{out}");
    }

    #[test]
    fn exit_code_prefers_system_then_spec_then_config() {
        let d = |p| Diag::plain(p, "x");
        assert_eq!(exit_code(&[]), 0);
        assert_eq!(exit_code(&[d(Phase::Config)]), 151);
        assert_eq!(exit_code(&[d(Phase::Config), d(Phase::Spec)]), 150);
        assert_eq!(exit_code(&[d(Phase::Spec), d(Phase::System)]), 153);
    }
}
