//! Side-by-side benchmark: render Istio's sidecar injection template for one
//! pod with mast's engine and with Go's text/template (the `gotmpl` oracle in
//! testenv/gotmpl, same template, same JSON data), check both outputs are
//! identical, and report the speed ratio.
//!
//! Run: `cargo bench --bench template -- --ignored --nocapture`
//! (needs Go and the pinned Istio module; set `MAST_ISTIO_SRC` to the module
//! directory or let it be found with `go mod download`).
#![allow(clippy::print_stderr)] // reporting the numbers is the point

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use mast::template::{FuncSet, Template, Value};

const ISTIO: &str = "istio.io/istio@v0.0.0-20260827124520-eed52ebb66ad";

fn istio_dir() -> PathBuf {
    if let Ok(d) = std::env::var("MAST_ISTIO_SRC") {
        return PathBuf::from(d);
    }
    let out = Command::new("go")
        .args(["mod", "download", "-json", ISTIO])
        .output()
        .expect("run go mod download");
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("go mod download json");
    PathBuf::from(j["Dir"].as_str().expect("Dir"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
#[ignore = "benchmark: needs Go; run with --ignored"]
fn sidecar_template_vs_go() {
    let tmpl_path = istio_dir()
        .join("manifests/charts/istio-control/istio-discovery/files/injection-template.yaml");
    let data_path = root().join("tests/data/template/sidecar-bench-data.json");
    let text = std::fs::read_to_string(&tmpl_path).expect("read injection template");
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&data_path).expect("read data"))
            .expect("json");

    let gotmpl = Command::new(root().join("testenv/gotmpl/build"))
        .output()
        .expect("build gotmpl");
    let bin = String::from_utf8(gotmpl.stdout)
        .expect("utf8")
        .trim()
        .to_string();
    let go_out = Command::new(&bin)
        .args([
            "-bench",
            tmpl_path.to_str().unwrap_or_default(),
            data_path.to_str().unwrap_or_default(),
            "0",
        ])
        .output()
        .expect("run gotmpl");
    let go_render = String::from_utf8(go_out.stdout).expect("utf8");

    let t = Template::parse("bench", &text, &FuncSet::istio()).expect("parse");
    let value = Value::from_json(&data);
    let ours = t.execute(&value).expect("execute");
    assert_eq!(
        ours, go_render,
        "mast and Go render the sidecar template differently"
    );

    let n = 2000u32;
    let go_ns: f64 = String::from_utf8(
        Command::new(&bin)
            .args([
                "-bench",
                tmpl_path.to_str().unwrap_or_default(),
                data_path.to_str().unwrap_or_default(),
                &n.to_string(),
            ])
            .output()
            .expect("run gotmpl")
            .stdout,
    )
    .expect("utf8")
    .trim()
    .parse()
    .expect("ns");

    // warm up, then measure
    for _ in 0..100 {
        std::hint::black_box(t.execute(&value).expect("execute"));
    }
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(t.execute(&value).expect("execute"));
    }
    let ours_ns = start.elapsed().as_secs_f64() * 1e9 / f64::from(n);
    eprintln!(
        "sidecar injection template, one pod: mast {:.1} µs, Go {:.1} µs, mast is {:.1}x faster",
        ours_ns / 1000.0,
        go_ns / 1000.0,
        go_ns / ours_ns
    );
}
