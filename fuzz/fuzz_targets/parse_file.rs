//! Fuzz target: `tlc_syntax::parse_file` must never panic, whatever the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlc_syntax::FileId;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let parsed = tlc_syntax::parse_file(FileId(0), src);
        for e in &parsed.errors {
            assert!(e.span.start <= e.span.end && e.span.end as usize <= src.len());
        }
    }
});
