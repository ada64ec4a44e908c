//! Rough timing of fingerprinting (run with `cargo run --release -p tlc-value --example fp_bench`).

use std::time::Instant;
use tlc_value::{fingerprint_state, Str, Value};

fn main() {
    let n = 1_000_000u64;
    // A "typical" small state: 3 ints, a short sequence, a record of 3 fields,
    // a function from 3 model values to ints (freshly built each time, so no cached fps).
    let procs: Vec<Value> = ["p1", "p2", "p3"].iter().map(|p| Value::model(p)).collect();
    let (fa, fb, fc) = (Str::new("pc"), Str::new("ctr"), Str::new("flag"));
    let t0 = Instant::now();
    let mut acc = 0u64;
    for k in 0..n as i64 {
        let state = [
            Value::int(k),
            Value::int(k & 7),
            Value::int(3),
            Value::tuple([Value::int(k & 3), Value::int(1)]),
            Value::record([
                (fa, Value::string("idle")),
                (fb, Value::int(k & 15)),
                (fc, Value::Bool(k & 1 == 0)),
            ]),
            Value::func(
                procs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.clone(), Value::int(k + i as i64))),
            ),
        ];
        acc ^= fingerprint_state(&state);
    }
    let build_and_fp = t0.elapsed();
    // Same state fingerprinted repeatedly (compound fps cached).
    let state = [
        Value::int(1),
        Value::int(2),
        Value::int(3),
        Value::tuple([Value::int(1), Value::int(1)]),
        Value::record([
            (fa, Value::string("idle")),
            (fb, Value::int(1)),
            (fc, Value::TRUE),
        ]),
        Value::func(procs.iter().map(|p| (p.clone(), Value::int(0)))),
    ];
    let t1 = Instant::now();
    for _ in 0..n {
        acc ^= fingerprint_state(std::hint::black_box(&state));
    }
    let cached = t1.elapsed();
    // Fingerprint only, fresh values: build first, then time fingerprinting.
    let states: Vec<[Value; 6]> = (0..100_000i64)
        .map(|k| {
            [
                Value::int(k),
                Value::int(k & 7),
                Value::int(3),
                Value::tuple([Value::int(k & 3), Value::int(1)]),
                Value::record([
                    (fa, Value::string("idle")),
                    (fb, Value::int(k)),
                    (fc, Value::TRUE),
                ]),
                Value::func(procs.iter().map(|p| (p.clone(), Value::int(k)))),
            ]
        })
        .collect();
    let t2 = Instant::now();
    for s in &states {
        acc ^= fingerprint_state(s);
    }
    let fresh = t2.elapsed();
    println!("size_of::<Value>() = {}", std::mem::size_of::<Value>());
    println!(
        "build+fingerprint state: {:.0} ns/state",
        build_and_fp.as_nanos() as f64 / n as f64
    );
    println!(
        "fingerprint fresh state (uncached compounds): {:.0} ns/state",
        fresh.as_nanos() as f64 / states.len() as f64
    );
    println!(
        "fingerprint state with cached compounds: {:.0} ns/state",
        cached.as_nanos() as f64 / n as f64
    );
    let t3 = Instant::now();
    for k in 0..n as i64 {
        acc ^= std::hint::black_box(Value::int(k)).fingerprint();
    }
    println!(
        "fingerprint of one small int: {:.1} ns",
        t3.elapsed().as_nanos() as f64 / n as f64
    );
    let ints: Vec<Value> = (0..6).map(Value::int).collect();
    let t4 = Instant::now();
    for _ in 0..n {
        acc ^= fingerprint_state(std::hint::black_box(&ints));
    }
    println!(
        "fingerprint of a state of 6 small ints: {:.1} ns",
        t4.elapsed().as_nanos() as f64 / n as f64
    );
    let buf = [7u8; 64];
    let t5 = Instant::now();
    for _ in 0..n {
        acc ^= xxhash_rust::xxh3::xxh3_64_with_seed(std::hint::black_box(&buf), 12345);
    }
    println!(
        "raw xxh3 of 64 bytes: {:.1} ns",
        t5.elapsed().as_nanos() as f64 / n as f64
    );
    println!("(checksum {acc:x})");
}
