//! Fuzz target: `tlc_syntax::cfg::parse_config` must never panic, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlc_syntax::FileId;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let (_config, errors) = tlc_syntax::cfg::parse_config(FileId(0), src);
        for e in &errors {
            assert!(e.span.start <= e.span.end && e.span.end as usize <= src.len());
        }
    }
});
