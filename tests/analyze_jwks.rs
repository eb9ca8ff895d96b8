//! Inline `jwks` of RequestAuthentication JWT rules against the real
//! istioctl (lestrrat-go/jwx v1 `jwk.Parse` over Go's `encoding/json`):
//! valid key sets of every key type in real-world shapes, then each key's
//! fields removed or given wrong types and bad base64, truncations at every
//! byte and byte substitutions of a few documents, whitespace, trailing
//! data, nesting at Go's depth limit, unknown key types, private keys,
//! `keys` variants, escapes and `x5c` certificates. One RequestAuthentication
//! per string, one istioctl run over all of them. Accept/reject and the full
//! message list (the IST0106 parse error, or the IST0133 private-key
//! warnings) must agree on every case.

#![allow(clippy::print_stderr)] // conformance reports go to the test log

mod support;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Map, Value, json};

// A 1024-bit RSA key, an EC P-256 key and an Ed25519 key (test material
// only), and a self-signed P-256 certificate.
const RSA_N: &str = "qSFq2apas6KkSc8f9hM2AZgfxjGHm819LJ5ASKHdv-zKxM1qADbcOYsAjm0rJTxW4NXeCwtHXO4KWu8d-XgTiJT4k94Gm1lPlsW6SGiqHIsKy2QkmjnjK-LXT1-axsT5a97J6B57_Gq2wUoaaKLWmbPtF9u1A7FNbDZ3hE8c1jU";
const RSA_D: &str = "bF-XYgZAvF55OzpXVoyUzIy3v325UWJo1RBKTMA7oWGPxG-DfsOodc7V-m2FegSh_svLzfPaNHfrdr1FzbbdfFqadvUJUJx_C20K6HhBbPU9aDT_keywpSr--cjiumtW1kiaA6fUW7VMd81NnbBm2XmmuNPTQdWq4SSVEDLrvgE";
const RSA_P: &str =
    "0j32XXyvjbGsB8JJQhrMckhFahoQ_NllOO4X2GJdxXd_t_Pp-NjSiW4hYX9nmABqwUnAMs2CZEejTT9NYY2rwQ";
const RSA_Q: &str =
    "zfDZUfZ7lFCnxQnGofIZWX-RKq1hxUhiSZE1bpbFHCCOxmGnLk5SHc4GclH0VoKt_Nd8UYWtQqekzQrIFq8XdQ";
const RSA_DP: &str =
    "ik5ayQtiTZtpKT2FhegtQK0MhQ0aycuVzErNAvtK5sGDEpdx_tNcRS5e5U2z74musPL8bi9FrQR3iDSxihBxwQ";
const RSA_DQ: &str =
    "fL4D1QrZJiiIxug6AgRUaIrF0rT9APPsXSVw2RDISlZKRU4HZxwXz2fpLbwIpZI4c2vPKM4w-av0PiLmuh7KtQ";
const RSA_QI: &str =
    "cFxW4q9M5MIlShmu6JaoXs1UeYGTm2FOYeSkoFYnwww6VbpeFvUjx3bEArrxG6BXye25s_NSmq0kGXxFHbPPow";
const EC_X: &str = "wc0wKAbFmqTIVDU50pXfiUW6Os6gi6o1L8CiE-RYGk4";
const EC_Y: &str = "RLvRpANVDTE2cpkQO-0G8NQkeJdhsxs91PMS0Jp6dqc";
const EC_D: &str = "_hBVpVQUH9Fhfodf1iV3uaNRL3YbymQHsrTG3tagvU0";
const ED_X: &str = "qpMpeEkS71YU33An4X21ZDwJ8FFSiseGHVAecM-XP6A";
const ED_D: &str = "ervC2W1mPyfKMd2VDwUJOcGKgPTOhidqNMuS7ZhMJE0";
const CERT: &str = "MIIBgDCCASWgAwIBAgIUarlabMsjMP4ZTRpsawffaCug9q4wCgYIKoZIzj0EAwIwFDESMBAGA1UEAwwJandrcy10ZXN0MCAXDTI2MTEyNjIzNDExMFoYDzIxMjYxMTAyMjM0MTEwWjAUMRIwEAYDVQQDDAlqd2tzLXRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATBzTAoBsWapMhUNTnSld+JRbo6zqCLqjUvwKIT5FgaTkS70aQDVQ0xNnKZEDvtBvDUJHiXYbMbPdTzEtCaenano1MwUTAdBgNVHQ4EFgQUhmBHSKnDQvs2hxpMTqVJQZoWmxkwHwYDVR0jBBgwFoAUhmBHSKnDQvs2hxpMTqVJQZoWmxkwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEAvB2eWegMQXmh8G41wfKLQkM42lZBY5pNNy1HBvxDkEACIQC326GwtsHvfH9l4CvP78oLDJlbir8r8mnRJFXXsIirJQ==";

/// One key of each type and visibility, as identity providers publish them.
fn keys() -> Vec<Value> {
    vec![
        json!({"kty": "RSA", "alg": "RS256", "use": "sig", "kid": "rsa-1", "n": RSA_N, "e": "AQAB"}),
        json!({"kty": "RSA", "kid": "rsa-priv", "n": RSA_N, "e": "AQAB", "d": RSA_D, "p": RSA_P,
               "q": RSA_Q, "dp": RSA_DP, "dq": RSA_DQ, "qi": RSA_QI}),
        json!({"kty": "EC", "crv": "P-256", "kid": "ec-1", "use": "sig", "x": EC_X, "y": EC_Y}),
        json!({"kty": "EC", "crv": "P-256", "x": EC_X, "y": EC_Y, "d": EC_D}),
        json!({"kty": "OKP", "crv": "Ed25519", "kid": "ed", "x": ED_X}),
        json!({"kty": "OKP", "crv": "Ed25519", "x": ED_X, "d": ED_D}),
        json!({"kty": "oct", "kid": "hmac", "alg": "HS256", "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}),
        json!({"kty": "RSA", "kid": "x5c", "x5t": "abc", "x5t#S256": "def", "x5c": [CERT],
               "key_ops": ["verify"], "n": RSA_N, "e": "AQAB"}),
    ]
}

/// Values every field is also given.
fn wrong_values() -> Vec<Value> {
    vec![
        json!(null),
        json!(1),
        json!(true),
        json!([]),
        json!({}),
        json!(""),
        json!("!!"),
        json!("AQAB="),
        json!("AQ=="),
        json!("AQ="),
        json!("A"),
        json!("a+b-"),
        json!("ab/c"),
        json!("AQ\nAB"),
        json!("AQ AB"),
        json!(1e300),
        json!(["AQAB"]),
    ]
}

fn set(keys: &[Value]) -> String {
    json!({ "keys": keys }).to_string()
}

fn corpus() -> Vec<String> {
    let keys = keys();
    let mut out: Vec<String> = Vec::new();
    out.push(set(&keys));
    for k in &keys {
        out.push(set(std::slice::from_ref(k)));
        out.push(k.to_string()); // the sole-key form
        let Value::Object(members) = k else { continue };
        for name in members.keys() {
            // Each field removed.
            let mut m = members.clone();
            m.shift_remove(name);
            out.push(set(&[Value::Object(m)]));
            // Each field given other values.
            for w in wrong_values() {
                let mut m = members.clone();
                m.insert(name.clone(), w);
                out.push(set(&[Value::Object(m)]));
            }
        }
        // Fields upper-cased (Go matches `kty` and `d` case-insensitively).
        let upper: Map<String, Value> = members
            .iter()
            .map(|(n, v)| (n.to_uppercase(), v.clone()))
            .collect();
        out.push(set(&[Value::Object(upper)]));
        // Fields other key types have, and unknown ones.
        for (name, v) in [
            ("crv", json!("P-384")),
            ("y", json!(EC_Y)),
            ("k", json!("AAAA")),
            ("d", json!(null)),
            ("D", json!("x")),
            ("dp", json!(1)),
            ("x5u", json!(1)),
            ("x58", json!(1)),
            ("ext", json!({"a": [1, {"b": null}], "c": 1e300})),
            ("big", json!("1e400")),
            ("key_ops", json!(["sign", "nonsense"])),
            ("key_ops", json!(["sign", 2])),
            ("x5c", json!(null)),
            ("x5c", json!([null])),
            ("x5c", json!(["aGVsbG8"])),
            ("x5c", json!(["QQ="])),
            ("x5c", json!(["Q Q"])),
            ("x5c", json!([CERT, 1])),
        ] {
            let mut m = members.clone();
            m.insert(name.into(), v);
            out.push(set(&[Value::Object(m)]));
        }
    }
    // Key types, known and not.
    for kty in [
        json!("rsa"),
        json!(""),
        json!("DSA"),
        json!("oct "),
        json!(1),
        json!(null),
        json!(["RSA"]),
    ] {
        out.push(set(&[json!({"kty": kty, "n": RSA_N, "e": "AQAB"})]));
    }
    for raw in RAW {
        out.push((*raw).to_string());
    }
    // Certificates: cut, with trailing bytes, two in a row.
    let der = base64_decode(CERT);
    for cut in [0, 1, 2, 3, 10, 100, der.len() - 1] {
        out.push(x5c(&der[..cut]));
    }
    let mut trailing = der.clone();
    trailing.push(0);
    out.push(x5c(&trailing));
    let mut two = der.clone();
    two.extend_from_slice(&der);
    out.push(x5c(&two));
    // Truncations at every byte and substitutions of a few documents.
    let docs = [
        set(&keys[2..3]),
        keys[4].to_string(),
        r#"{"keys":[{"kty":"oct","k":"AA\u0041A"}],"x":[true,false,null,-1.5e+3]}"#.to_string(),
    ];
    for (n, doc) in docs.iter().enumerate() {
        let bytes = doc.as_bytes();
        for cut in 0..bytes.len() {
            out.push(String::from_utf8_lossy(&bytes[..cut]).into_owned());
        }
        for i in 0..bytes.len() {
            let junk = SUBSTITUTES[(i + n) % SUBSTITUTES.len()];
            let mut b = bytes.to_vec();
            b[i] = junk;
            out.push(String::from_utf8_lossy(&b).into_owned());
            let mut d = bytes.to_vec();
            d.remove(i);
            out.push(String::from_utf8_lossy(&d).into_owned());
        }
    }
    // Go's nesting limit (10000), at the top and inside a set.
    for depth in [9999, 10000, 10001] {
        out.push(format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        out.push(format!(
            "{{\"keys\":[],\"x\":{}1{}}}",
            "[".repeat(depth - 1),
            "]".repeat(depth - 1)
        ));
        out.push(format!("{}1", "{\"a\":".repeat(depth)));
    }
    out.retain(|s| !s.is_empty());
    out.sort();
    out.dedup();
    out
}

const SUBSTITUTES: &[u8] = b"x}],:\"\\ {[0-.e";

/// Hand-written inputs: syntax, whitespace, top-level values, `keys`
/// variants, escapes, numbers.
const RAW: &[&str] = &[
    "xyz",
    "{",
    " ",
    "\n\t\r ",
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1e400",
    "-1e400",
    "1e-400",
    "01",
    "1.",
    "1.e5",
    "1e",
    "1e+",
    "-",
    "--1",
    "\"keys\"",
    "\"abc\"",
    "\"a\\nb\\u00e9\\u0001\"",
    "[]",
    "[1,2]",
    "{}",
    "{} xyz",
    "{}{}",
    " \n{}\n ",
    "{\"keys\":[]}   trailing",
    "{\"keys\":[]}",
    "{\"keys\":null}",
    "{\"keys\":{}}",
    "{\"keys\":\"x\"}",
    "{\"keys\":1}",
    "{\"keys\":true}",
    "{\"keys\":[null]}",
    "{\"keys\":[1]}",
    "{\"keys\":[\"x\"]}",
    "{\"keys\":[[]]}",
    "{\"keys\":[true]}",
    "{\"keys\":[{}]}",
    "{\"keys\":[{\"kty\":\"oct\",\"k\":\"\"}],\"keys\":[{\"kty\":\"oct\",\"k\":\"\"},{}]}",
    "{\"keys\":[{\"kty\":\"oct\",\"k\":\"\"}],\"keys\":null}",
    "{\"Keys\":[]}",
    "{\"k\\u0065ys\":[]}",
    "{\"keys\":[],\"kty\":\"RSA\"}",
    "{\"kty\":\"oct\",\"k\":\"AAAA\",\"keys\":[]}",
    "{\"a\":1e400,\"keys\":[]}",
    "{\"keys\":[],\"\u{e9}\\n\u{a0}\":1e400}",
    "{\"keys\":[{\"kty\":\"oct\",\"k\":\"AA\"}],\"a\":-1e400}",
    "{\"\\u006bty\":\"oct\",\"k\":\"AA\"}",
    "{\"\u{212a}TY\":\"oct\",\"k\":\"AA\"}",
    "{\"kty\":\"\\ud800\",\"k\":\"AA\"}",
    "{\"kty\":\"\\ud83d\\ude00\",\"k\":\"AA\"}",
    "{\"kty\":\"\\ud83d\\u0041\",\"k\":\"AA\"}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"kty\":\"RSA\"}",
    "{\"kty\":\"RSA\",\"KTY\":\"oct\",\"k\":\"AA\"}",
    "{\"kty\":\"oct\",\"KTY\":null,\"k\":\"AA\"}",
    "{\"kty\":\"oct\",\"KTY\":1,\"k\":\"AA\"}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"k\":1}",
    "{\"kty\":\"oct\",\"k\":null}",
    "{\"kty\":\"oct\"}",
    "{\"kty\":\"EC\",\"crv\":null,\"x\":\"AA\",\"y\":\"AA\"}",
    "{\"kty\":\"EC\",\"crv\":\"nope\",\"x\":\"AA\",\"y\":\"AA\"}",
    "{\"kty\":\"EC\",\"x\":\"AA\",\"y\":\"AA\",\"d\":\"AA\"}",
    "{\"kty\":\"OKP\",\"x\":\"AA\"}",
    "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"d\":\"AA\"}",
    "{\"kty\":\"RSA\",\"d\":\"AA\"}",
    "{\"kty\":\"RSA\",\"d\":\"AA\",\"e\":\"AA\"}",
    "{\"kty\":\"oct\",\"k\":\"AA\r\nAA\"}",
    "{\"kty\":\"oct\",\"k\":\"AA\\r\\nAA\"}",
    "{\"kty\":\"oct\",\"k\":\"AA==\\n\"}",
    "{\"kty\":\"oct\",\"k\":\"AA=\\n=\"}",
    "{\"kty\":\"oct\",\"k\":\"A===\"}",
    "{\"kty\":\"oct\",\"k\":\"AAA=AAA=\"}",
    "{\"kty\":\"oct\",\"k\":\"+/+/\"}",
    "{\"kty\":\"oct\",\"k\":\"-_-_\"}",
    "{\"kty\":\"oct\",\"k\":\"-_+/\"}",
    "{\"kty\":\"oct\",\"k\":\"AB\"}",
    "{\"kty\":\"oct\",\"k\":\"ABC\"}",
    "{\"kty\":\"oct\",\"k\":\"ABCDE\"}",
    "{\"kty\":\"oct\",\"k\":\"ABCDE=\"}",
    "{\"kty\":\"oct\",\"k\":\"ABCDEF==\"}",
    "{\"kty\":\"oct\",\"k\":\"AB==CD==\"}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"x5c\":[\"AB==\\nCD\"]}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"x5c\":[\"AB=\"]}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"x5c\":[\"ABC==\"]}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"x5c\":[\"A\"]}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"x5c\":[\"AAAA-A+A\"]}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"x5c\":[\"AAAA\\r\\n\\r\\nA\"]}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"x5c\":{}}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"x5c\":[[]]}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"key_ops\":null}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"key_ops\":[null]}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"key_ops\":{}}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"alg\":null,\"kid\":[]}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"x5t#S256\":false}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"use\":{\"a\":1}}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"a\":[1e400, 1]}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"a\":1E+400}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"a\":179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"a\":1.7976931348623157e308}",
    "{\"kty\":\"oct\",\"k\":\"AA\",\"a\":1.7976931348623159e308}",
    "{\"a\" 1}",
    "{\"a\":1,}",
    "{,}",
    "{\"a\":}",
    "{\"a\"}",
    "{a:1}",
    "{'a':1}",
    "[1,]",
    "[,1]",
    "[1 2]",
    "tru",
    "trux",
    "fals",
    "nul",
    "nulx",
    "\"abc",
    "\"a\\x\"",
    "\"a\\u12g4\"",
    "\"a\tb\"",
    "\"\u{7f}\"",
    "\u{e9}",
    "\u{80}",
    "\u{a0}",
    "\u{ad}",
    "\u{2028}",
    "\u{1f600}",
    "'",
    "\\",
    "\u{1}",
    "\u{7f}",
    "}",
    "]",
    ":",
    ",",
    "#",
    "{\"keys\":[{\"kty\":\"oct\",\"k\":\"AA\"} {}]}",
    "{\"keys\":[{\"kty\":\"oct\",\"k\":\"AA\"}]]",
    "{\"keys\":[{\"kty\":\"oct\",\"k\":\"AA\"}}",
];

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

fn x5c(der: &[u8]) -> String {
    use base64::Engine as _;
    let cert = base64::engine::general_purpose::STANDARD.encode(der);
    json!({"keys": [{"kty": "EC", "crv": "P-256", "x": EC_X, "y": EC_Y, "x5c": [cert]}]})
        .to_string()
}

/// JSON text with every character beyond printable ASCII escaped, so that
/// the YAML reader sees only printable characters.
fn ascii(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() && c != '\u{7f}' {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
        }
    }
    out
}

/// The IST0106/IST0133 messages of each RequestAuthentication, by name.
fn messages(stdout: &[u8]) -> BTreeMap<String, Vec<String>> {
    let text = String::from_utf8_lossy(stdout);
    let start = text.find("\n[").map_or(0, |i| i + 1);
    let v: Value =
        serde_json::from_str(&text[start..]).unwrap_or_else(|e| panic!("not JSON ({e})"));
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in v.as_array().unwrap() {
        let Some(origin) = m["origin"]
            .as_str()
            .and_then(|o| o.strip_prefix("RequestAuthentication jwks/"))
        else {
            continue;
        };
        let (Some(code), Some(msg)) = (m["code"].as_str(), m["message"].as_str()) else {
            continue;
        };
        out.entry(origin.to_string())
            .or_default()
            .push(format!("{code} {msg}"));
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

fn rejected(messages: Option<&Vec<String>>) -> bool {
    messages.is_some_and(|m| m.iter().any(|m| m.starts_with("IST0106")))
}

/// What may differ in a known difference.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Known {
    /// The message text (accept/reject still agrees).
    Text,
    /// Even whether the string is rejected.
    Verdict,
}

/// Strings mast does not reproduce exactly, with why.
fn known_differences() -> Vec<(String, Known, &'static str)> {
    let quote = "Go's strconv.Quote escapes characters that are not printable by its \
                 Unicode category tables (format, private-use and unassigned ones); mast \
                 approximates them without the tables";
    let mut out = Vec::new();
    for c in ['\u{378}', '\u{600}', '\u{890}', '\u{f0000}'] {
        out.push((format!("\"x{c}\""), Known::Text, quote));
        out.push((format!("{{\"a{c}\":1e400}}"), Known::Text, quote));
    }
    let x509 = "Go's x509.ParseCertificate checks what a certificate holds (names, \
                times, public key, extensions) and names the part that is malformed; \
                mast reads its DER structure only";
    let der = base64_decode(CERT);
    for i in (4..der.len()).step_by(7) {
        let mut flipped = der.clone();
        flipped[i] ^= 0x55;
        out.push((x5c(&flipped), Known::Verdict, x509));
    }
    out
}

/// One RequestAuthentication per string, named `{prefix}{index}`.
fn documents(prefix: &str, strings: &[String]) -> Vec<String> {
    strings
        .iter()
        .enumerate()
        .map(|(i, jwks)| {
            let doc = json!({
                "apiVersion": "security.istio.io/v1",
                "kind": "RequestAuthentication",
                "metadata": {"name": format!("{prefix}{i}"), "namespace": "jwks"},
                "spec": {
                    "selector": {"matchLabels": {"app": format!("{prefix}{i}")}},
                    "jwtRules": [{"issuer": "https://issuer.example", "jwks": jwks}],
                },
            });
            ascii(&doc.to_string())
        })
        .collect()
}

#[test]
fn mast_parses_inline_jwks_as_istioctl_does() {
    let cases = corpus();
    let known = known_differences();
    let known_strings: Vec<String> = known.iter().map(|k| k.0.clone()).collect();
    let mut docs = documents("r", &cases);
    docs.extend(documents("k", &known_strings));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jwks.yaml");
    std::fs::write(&file, docs.join("\n---\n")).unwrap();
    let (ist, mast) = support::analyze_file_both(&file);
    let want = messages(&ist.stdout);
    let got = messages(&mast.stdout);

    let rejects = (0..cases.len())
        .filter(|i| rejected(want.get(&format!("r{i}"))))
        .count();
    assert!(rejects > 500, "istioctl rejected only {rejects}");
    let mut verdict = Vec::new();
    let mut text = Vec::new();
    let strings = cases.iter().map(|s| ("r", s, None)).enumerate();
    let known_ones = known.iter().map(|(s, k, _)| ("k", s, Some(*k))).enumerate();
    let (mut known_verdict, mut known_text) = (0, 0);
    for (i, (prefix, jwks, allowed)) in strings.chain(known_ones) {
        let name = format!("{prefix}{i}");
        let (w, g) = (want.get(&name), got.get(&name));
        let short: String = jwks.chars().take(300).collect();
        let line = format!("{short:?}: istioctl {w:?}\n  mast {g:?}");
        if rejected(w) != rejected(g) {
            match allowed {
                Some(Known::Verdict) => known_verdict += 1,
                _ => verdict.push(line),
            }
        } else if w != g {
            match allowed {
                Some(_) => known_text += 1,
                None => text.push(line),
            }
        }
    }
    eprintln!(
        "{} jwks strings, istioctl rejects {rejects}; accept/reject agree on {}, full text on {}",
        cases.len(),
        cases.len() - verdict.len(),
        cases.len() - verdict.len() - text.len()
    );
    eprintln!(
        "{} known differences: accept/reject differs on {known_verdict}, only the text on {known_text}",
        known.len()
    );
    for reason in known
        .iter()
        .map(|k| k.2)
        .collect::<std::collections::BTreeSet<_>>()
    {
        eprintln!("  not reproduced: {reason}");
    }
    assert!(verdict.is_empty(), "{}", verdict.join("\n"));
    assert!(text.is_empty(), "{}", text.join("\n"));
}
