//! Telemetry access-log filters (CEL) against the real istioctl: valid
//! expressions, then each mutated by deleting, inserting and duplicating
//! characters and dropping words, plus literal, escape, macro and nesting
//! corner cases. One Telemetry per expression, one istioctl run over all of
//! them. Accept/reject must agree on every one; the full message (all of
//! cel-go's error blocks) on nearly all, as ANTLR's recovery after a first
//! syntax error is not reproduced.

#![allow(clippy::print_stderr)] // conformance reports go to the test log

mod support;

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::{Value, json};

const VALID: &[&str] = &[
    "response.code >= 400",
    "request.url_path.startsWith('/api') && response.code == 200",
    "has(request.headers.x) || !has(a.b)",
    "[1, 2, 3].all(x, x > 0)",
    "m.map(k, v, k + v)",
    "a ? b : c ? d : e",
    "{'a': 1, 'b': 2,}['a'] == 1",
    "x.exists_one(y, y == 1u) && l.filter(e, e in [1, 2])",
    "b'\\x00\\377' + r'raw\\q' + '''tri\n''' + \"\\u00e9\\U0001F600\"",
    "-9223372036854775808 < 0x7fffffffffffffff",
    "18446744073709551615u == 0xFFFFFFFFFFFFFFFFu",
    "1.5e3 < .5 && 1e-400 == 0.0",
    "M.n{f: 1, g: [1,]} == .a.b{}",
    "a.`b c` // comment",
    "!!a || -x == --y",
    "size('abc') % 2 != 0 && '\\101\\n' == \"A\\n\"",
];

const EXTRA: &[&str] = &[
    "",
    " ",
    "a b",
    "(a",
    "a)",
    "f(a,",
    "a.",
    "a.true",
    "if",
    "a.if",
    "x.all(1, y)",
    "x.map(__result__, y)",
    "99999999999999999999",
    "18446744073709551616u",
    "1e400",
    "'\\q'",
    "b'\\u0041'",
    "'\\uD800'",
    "'abc",
    "'''abc",
    "a = b",
    "a & b",
    "#",
    "é + 1",
    "a.?b",
    "[?a]",
    "{?a: b}",
    "x[?1]",
    "a ? b",
    "-)",
    "!)",
    "`a`",
    "r\"abc",
    "a\n+\n",
    "'\\U00110000'",
    "x.exists(.a, b)",
    "a[b",
    "has(if)",
    "let",
    "f(a b)",
    "{a b}",
    "m{a 1}",
    "[a, )",
];

const INSERTS: &[&str] = &[
    "+", "-", "*", "&&", "||", "<", "==", "in", "?", ":", ".", "(", ")", "[", "]", "{", "}", ",",
    "!", "1", "a", "'s'", "\\", "\"", "'", "`", "=", "&", "|",
];

/// Every valid expression mutated, deterministically.
fn corpus() -> Vec<String> {
    let mut out: Vec<String> = VALID.iter().chain(EXTRA).map(ToString::to_string).collect();
    for (n, base) in VALID.iter().enumerate() {
        let chars: Vec<char> = base.chars().collect();
        for i in (0..chars.len()).step_by(2) {
            let mut del = chars.clone();
            del.remove(i);
            out.push(del.into_iter().collect());
            let mut ins = chars.clone();
            let tok = INSERTS[(i + n) % INSERTS.len()];
            for (k, c) in tok.chars().enumerate() {
                ins.insert(i + k, c);
            }
            out.push(ins.into_iter().collect());
            let mut dup = chars.clone();
            dup.insert(i, chars[i]);
            out.push(dup.into_iter().collect());
        }
        let words: Vec<&str> = base.split(' ').collect();
        for w in 0..words.len() {
            let mut ws = words.clone();
            ws.remove(w);
            out.push(ws.join(" "));
        }
    }
    for n in [124, 125, 249, 250, 251] {
        out.push(format!("{}a{}", "(".repeat(n), ")".repeat(n)));
        out.push(format!("a{}", ".b".repeat(n)));
        out.push(format!("a{}", "+b".repeat(n)));
        out.push(format!("{}c{}", "(a.b + ".repeat(n / 2), ")".repeat(n / 2)));
    }
    out.sort();
    out.dedup();
    out
}

/// The CEL message of each Telemetry, by name.
fn messages(stdout: &[u8]) -> BTreeMap<String, String> {
    let text = String::from_utf8_lossy(stdout);
    let start = text.find("\n[").map_or(0, |i| i + 1);
    let v: Value =
        serde_json::from_str(&text[start..]).unwrap_or_else(|e| panic!("not JSON ({e})"));
    v.as_array()
        .unwrap()
        .iter()
        .filter(|m| m["code"] == "IST0106")
        .filter_map(|m| {
            let origin = m["origin"].as_str()?.strip_prefix("Telemetry cel/")?;
            Some((origin.to_string(), m["message"].as_str()?.to_string()))
        })
        .collect()
}

#[test]
fn mast_parses_cel_filters_as_istioctl_does() {
    let exprs = corpus();
    let docs: Vec<String> = exprs
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({
                "apiVersion": "telemetry.istio.io/v1",
                "kind": "Telemetry",
                "metadata": {"name": format!("t{i}"), "namespace": "cel"},
                "spec": {
                    "selector": {"matchLabels": {"app": format!("a{i}")}},
                    "accessLogging": [{"providers": [{"name": "envoy"}], "filter": {"expression": e}}],
                },
            })
            .to_string()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cel.yaml");
    std::fs::write(&file, docs.join("\n---\n")).unwrap();
    let ist = support::run_istioctl([
        "analyze".as_ref(),
        "--use-kube=false".as_ref(),
        "-A".as_ref(),
        "-o".as_ref(),
        "json".as_ref(),
        file.as_os_str(),
    ]);
    let want = messages(&ist.stdout);
    let out = Command::new(env!("CARGO_BIN_EXE_mast"))
        .args(["analyze", "--use-kube=false", "-o", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let got = messages(&out.stdout);

    assert!(want.len() > 300, "istioctl rejected only {}", want.len());
    let mut verdict = Vec::new();
    let mut same_text = 0;
    for (i, e) in exprs.iter().enumerate() {
        let name = format!("t{i}");
        match (want.get(&name), got.get(&name)) {
            (Some(w), Some(g)) if w == g => same_text += 1,
            (None, None) => same_text += 1,
            (Some(_), Some(_)) => {}
            (w, g) => verdict.push(format!("{e:?}: istioctl {w:?}\n  mast {g:?}")),
        }
    }
    eprintln!(
        "{} expressions, istioctl rejects {}; accept/reject agree on {}, full text on {}",
        exprs.len(),
        want.len(),
        exprs.len() - verdict.len(),
        same_text
    );
    assert!(verdict.is_empty(), "{}", verdict.join("\n"));
    // ANTLR's recovery after the first syntax error is not reproduced.
    assert!(
        same_text * 100 >= exprs.len() * 95,
        "full text agrees on only {same_text} of {}",
        exprs.len()
    );
}
