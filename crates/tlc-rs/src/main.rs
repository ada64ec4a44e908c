//! The `tlc-rs` binary: parses the command line and runs [`tlc_rs::cmd::run`].

use clap::Parser;

fn main() {
    let cli = tlc_rs::flags::Cli::parse();
    let code = match std::panic::catch_unwind(move || tlc_rs::cmd::run(cli)) {
        Ok(code) => code,
        Err(_) => {
            eprintln!("tlc-rs: internal error (this is a bug in tlc-rs; please report it)");
            255
        }
    };
    std::process::exit(code);
}
