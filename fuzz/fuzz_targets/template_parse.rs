//! Fuzz the Go-template parser (and, for what parses, a bounded execution):
//! any input must give a template or an error, never a panic or a hang.
#![no_main]

#[allow(dead_code, clippy::all, clippy::pedantic)]
#[path = "../../src/template/mod.rs"]
mod template;

// The template engine's one crate-level dependency (its YAML emitter).
#[allow(dead_code, clippy::all, clippy::pedantic)]
#[path = "../../src/goyaml/mod.rs"]
mod goyaml;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let funcs = template::FuncSet::istio();
    if let Ok(mut t) = template::Template::parse("fuzz", text, &funcs) {
        let o = t.options_mut();
        o.max_steps = 20_000;
        o.max_output = 1 << 16;
        o.max_depth = 20;
        let data = template::Value::from_json(&serde_json::json!({
            "a": [1, 2, {"b": "c"}], "s": "str", "n": 1.5, "m": {"k": "v"}, "z": null
        }));
        let _ = t.execute(&data);
    }
});
