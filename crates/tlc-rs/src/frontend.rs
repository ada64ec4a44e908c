//! The CLI's one door to the syntax crate: load a spec with its modules, and
//! read a config. Everything the CLI knows about parsing goes through here, so
//! wiring a new parser entry point is a change in this file only.

use std::path::{Path, PathBuf};
use tlc_syntax::cfg::Config;
use tlc_syntax::loader::{load_spec, LoadedSpec};
use tlc_syntax::{FileId, ParsedFile, SourceMap, SyntaxError};

/// Parses one `.tla` file.
pub fn parse_tla(file: FileId, src: &str) -> ParsedFile {
    tlc_syntax::parse_file(file, src)
}

/// Parses a `.cfg` file: the config and its syntax errors.
pub fn parse_cfg(file: FileId, src: &str) -> (Config, Vec<SyntaxError>) {
    tlc_syntax::cfg::parse_config(file, src)
}

/// Loads the root module and, transitively, every module it depends on.
pub fn load(spec: &Path, search_path: &[PathBuf]) -> LoadedSpec {
    load_spec(spec, search_path)
}

/// A config file read into the source map and parsed.
#[derive(Debug)]
pub struct LoadedConfig {
    /// The config's file id in the spec's source map.
    pub file: FileId,
    /// The config (partial if there are errors).
    pub config: Config,
    /// Its syntax errors.
    pub errors: Vec<SyntaxError>,
}

/// Why a config could not be read.
#[derive(Debug)]
pub struct ReadError {
    /// The file.
    pub path: PathBuf,
    /// The operating system's reason.
    pub reason: std::io::Error,
}

/// Reads `path` into `sources` and parses it as a TLC config.
pub fn load_config(path: &Path, sources: &mut SourceMap) -> Result<LoadedConfig, ReadError> {
    let text = std::fs::read_to_string(path).map_err(|reason| ReadError {
        path: path.to_path_buf(),
        reason,
    })?;
    let file = sources.add(path, text);
    let (config, errors) = parse_cfg(file, &sources.file(file).text);
    Ok(LoadedConfig {
        file,
        config,
        errors,
    })
}
