//! More sprig: encodings and hashes, JSON, regular expressions, semver,
//! paths and the environment.

use std::fmt::Write as _;

use base64::Engine as _;
use sha2::Digest as _;

use super::super::value::{Object, Value};
use super::util::{from_json, strval, to_json};
use super::{Func, Param as P, fixed, variadic};

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        _ => 0,
    }
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// SHA-1 (for sprig's `sha1sum`).
fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 80];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                chunk[4 * i],
                chunk[4 * i + 1],
                chunk[4 * i + 2],
                chunk[4 * i + 3],
            ]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let (mut a, mut b, mut c, mut d, mut e) = (h[0], h[1], h[2], h[3], h[4]);
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | ((!b) & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        h[0] = h[0].wrapping_add(a);
        h[1] = h[1].wrapping_add(b);
        h[2] = h[2].wrapping_add(c);
        h[3] = h[3].wrapping_add(d);
        h[4] = h[4].wrapping_add(e);
    }
    let mut out = [0u8; 20];
    for (i, x) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

fn regex(pat: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(pat).map_err(|e| format!("error parsing regexp: {e}"))
}

/// Go's `Regexp.Expand` template syntax to the regex crate's.
fn go_repl(r: &str) -> String {
    r.to_string()
}

// --- semver (Masterminds) subset

#[derive(Clone, Debug, PartialEq, Eq)]
struct Version {
    major: u64,
    minor: u64,
    patch: u64,
    pre: String,
    meta: String,
    original: String,
}

fn parse_version(v: &str) -> Result<Version, String> {
    let orig = v.to_string();
    let t = v.trim().trim_start_matches('v');
    let (core, meta) = t.split_once('+').unwrap_or((t, ""));
    let (core, pre) = core.split_once('-').unwrap_or((core, ""));
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err("Invalid Semantic Version".into());
    }
    let num = |i: usize| -> Result<u64, String> {
        parts.get(i).map_or(Ok(0), |p| {
            p.parse::<u64>()
                .map_err(|_| "Invalid Semantic Version".to_string())
        })
    };
    Ok(Version {
        major: num(0)?,
        minor: num(1)?,
        patch: num(2)?,
        pre: pre.into(),
        meta: meta.into(),
        original: orig,
    })
}

fn cmp_pre(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    for (x, y) in a.split('.').zip(b.split('.')) {
        let o = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(p), Ok(q)) => p.cmp(&q),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            _ => x.cmp(y),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    a.split('.').count().cmp(&b.split('.').count())
}

fn cmp_ver(a: &Version, b: &Version) -> std::cmp::Ordering {
    (a.major, a.minor, a.patch)
        .cmp(&(b.major, b.minor, b.patch))
        .then_with(|| cmp_pre(&a.pre, &b.pre))
}

fn check_one(c: &str, v: &Version) -> Result<bool, String> {
    let c = c.trim();
    let ops = [">=", "<=", "!=", "=>", "=<", ">", "<", "=", "~>", "~", "^"];
    let (op, rest) = ops
        .iter()
        .find_map(|o| c.strip_prefix(o).map(|r| (*o, r.trim())))
        .unwrap_or(("", c));
    let wild = |x: &str| x == "x" || x == "X" || x == "*";
    let parts: Vec<&str> = rest
        .trim_start_matches('v')
        .split(['-', '+'])
        .next()
        .unwrap_or("")
        .split('.')
        .collect();
    let given = parts.iter().take_while(|p| !wild(p)).count();
    let cv = parse_version(&rest.replace(['x', 'X', '*'], "0"))
        .map_err(|_| format!("improper constraint: {c}"))?;
    if !v.pre.is_empty() && cv.pre.is_empty() {
        return Ok(false);
    }
    use std::cmp::Ordering::{Equal, Greater, Less};
    let o = cmp_ver(v, &cv);
    Ok(match op {
        "" | "=" => {
            if given < 3 {
                let vv = [v.major, v.minor, v.patch];
                let cc = [cv.major, cv.minor, cv.patch];
                vv[..given] == cc[..given]
            } else {
                o == Equal
            }
        }
        "!=" => o != Equal,
        ">" => o == Greater,
        "<" => o == Less,
        ">=" | "=>" => o != Less,
        "<=" | "=<" => o != Greater,
        "~" | "~>" => o != Less && v.major == cv.major && (given < 2 || v.minor == cv.minor),
        "^" => {
            o != Less
                && if cv.major > 0 || given < 2 {
                    v.major == cv.major
                } else if cv.minor > 0 || given < 3 {
                    v.major == 0 && v.minor == cv.minor
                } else {
                    v.major == 0 && v.minor == 0 && v.patch == cv.patch
                }
        }
        _ => false,
    })
}

fn semver_compare(c: &str, v: &str) -> Result<bool, String> {
    let v = parse_version(v)?;
    for alt in c.split("||") {
        let mut ok = true;
        for part in alt.split(',').flat_map(|p| {
            let p = p.trim();
            // "1.2 - 1.4" ranges
            if let Some((lo, hi)) = p.split_once(" - ") {
                vec![format!(">={lo}"), format!("<={hi}")]
            } else {
                let mut out = Vec::new();
                let mut cur = String::new();
                for tok in p.split_whitespace() {
                    if ["<", ">", "=", "<=", ">=", "!=", "~", "^"].contains(&tok) {
                        cur = tok.to_string();
                    } else {
                        out.push(format!("{cur}{tok}"));
                        cur.clear();
                    }
                }
                out
            }
        }) {
            if !check_one(&part, &v)? {
                ok = false;
                break;
            }
        }
        if ok {
            return Ok(true);
        }
    }
    Ok(false)
}

fn semver_object(v: &Version) -> Value {
    let mut text = format!("{}.{}.{}", v.major, v.minor, v.patch);
    if !v.pre.is_empty() {
        text.push('-');
        text.push_str(&v.pre);
    }
    if !v.meta.is_empty() {
        text.push('+');
        text.push_str(&v.meta);
    }
    #[allow(clippy::cast_possible_wrap)]
    let o = Object::new("*semver.Version")
        .method("Major", Value::Int(v.major as i64))
        .method("Minor", Value::Int(v.minor as i64))
        .method("Patch", Value::Int(v.patch as i64))
        .method("Prerelease", v.pre.as_str().into())
        .method("Metadata", v.meta.as_str().into())
        .method("Original", v.original.as_str().into())
        .method("String", text.as_str().into())
        .display(text);
    Value::object(o)
}

fn path_clean(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    if rooted {
        format!("/{body}")
    } else if body.is_empty() {
        ".".into()
    } else {
        body
    }
}

pub fn path_base(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let t = p.trim_end_matches('/');
    if t.is_empty() {
        return "/".into();
    }
    t.rsplit('/').next().unwrap_or(t).to_string()
}

fn path_dir(p: &str) -> String {
    let dir = match p.rfind('/') {
        Some(i) => &p[..=i],
        None => "",
    };
    path_clean(dir)
}

fn expand_env(s: &str) -> String {
    let re = regex::Regex::new(r"\$\{([^}]*)\}|\$([A-Za-z0-9_]+)").expect("static regex");
    re.replace_all(s, |c: &regex::Captures<'_>| {
        let name = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
        std::env::var(name).unwrap_or_default()
    })
    .into_owned()
}

pub static FUNCS: &[Func] = &[
    fixed("b64enc", &[P::Any], |_, a| {
        Ok(base64::engine::general_purpose::STANDARD
            .encode(strval(&a[0]))
            .into())
    }),
    fixed("b64dec", &[P::Any], |_, a| {
        Ok(
            match base64::engine::general_purpose::STANDARD.decode(strval(&a[0])) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned().into(),
                Err(e) => format!("illegal base64 data: {e}").into(),
            },
        )
    }),
    fixed("sha256sum", &[P::String], |_, a| {
        Ok(hex(&sha2::Sha256::digest(s(&a[0]).as_bytes())).into())
    }),
    fixed("sha512sum", &[P::String], |_, a| {
        Ok(hex(&sha2::Sha512::digest(s(&a[0]).as_bytes())).into())
    }),
    fixed("sha1sum", &[P::String], |_, a| {
        Ok(hex(&sha1(s(&a[0]).as_bytes())).into())
    }),
    fixed("adler32sum", &[P::String], |_, a| {
        Ok(adler32(s(&a[0]).as_bytes()).to_string().into())
    }),
    fixed("toJson", &[P::Any], |_, a| {
        Ok(to_json(&a[0], true, None).unwrap_or_default().into())
    }),
    fixed("mustToJson", &[P::Any], |_, a| {
        Ok(to_json(&a[0], true, None)?.into())
    }),
    fixed("toPrettyJson", &[P::Any], |_, a| {
        Ok(to_json(&a[0], true, Some("  ")).unwrap_or_default().into())
    }),
    fixed("mustToPrettyJson", &[P::Any], |_, a| {
        Ok(to_json(&a[0], true, Some("  "))?.into())
    }),
    fixed("toRawJson", &[P::Any], |_, a| {
        Ok(to_json(&a[0], false, None).unwrap_or_default().into())
    }),
    fixed("mustToRawJson", &[P::Any], |_, a| {
        Ok(to_json(&a[0], false, None)?.into())
    }),
    fixed("fromJson", &[P::String], |_, a| {
        Ok(from_json(s(&a[0])).unwrap_or(Value::Nil))
    }),
    fixed("mustFromJson", &[P::String], |_, a| from_json(s(&a[0]))),
    fixed("regexMatch", &[P::String, P::String], |_, a| {
        Ok(regex(s(&a[0])).is_ok_and(|r| r.is_match(s(&a[1]))).into())
    }),
    fixed("mustRegexMatch", &[P::String, P::String], |_, a| {
        Ok(regex(s(&a[0]))?.is_match(s(&a[1])).into())
    }),
    fixed("regexFind", &[P::String, P::String], |_, a| {
        Ok(regex(s(&a[0]))
            .ok()
            .and_then(|r| r.find(s(&a[1])).map(|m| m.as_str().to_string()))
            .unwrap_or_default()
            .into())
    }),
    fixed("mustRegexFind", &[P::String, P::String], |_, a| {
        Ok(regex(s(&a[0]))?
            .find(s(&a[1]))
            .map(|m| m.as_str().to_string())
            .unwrap_or_default()
            .into())
    }),
    fixed("regexFindAll", &[P::String, P::String, P::Int], |_, a| {
        let Ok(r) = regex(s(&a[0])) else {
            return Ok(Value::list(Vec::new()));
        };
        let n = int(&a[2]);
        let it = r.find_iter(s(&a[1])).map(|m| Value::from(m.as_str()));
        let v: Vec<Value> = if n < 0 {
            it.collect()
        } else {
            it.take(usize::try_from(n).unwrap_or(0)).collect()
        };
        Ok(Value::list(v))
    }),
    fixed(
        "regexReplaceAll",
        &[P::String, P::String, P::String],
        |_, a| {
            let Ok(r) = regex(s(&a[0])) else {
                return Ok(a[1].clone());
            };
            Ok(r.replace_all(s(&a[1]), go_repl(s(&a[2])).as_str())
                .into_owned()
                .into())
        },
    ),
    fixed(
        "mustRegexReplaceAll",
        &[P::String, P::String, P::String],
        |_, a| {
            Ok(regex(s(&a[0]))?
                .replace_all(s(&a[1]), go_repl(s(&a[2])).as_str())
                .into_owned()
                .into())
        },
    ),
    fixed(
        "regexReplaceAllLiteral",
        &[P::String, P::String, P::String],
        |_, a| {
            let Ok(r) = regex(s(&a[0])) else {
                return Ok(a[1].clone());
            };
            Ok(r.replace_all(s(&a[1]), regex::NoExpand(s(&a[2])))
                .into_owned()
                .into())
        },
    ),
    fixed("regexSplit", &[P::String, P::String, P::Int], |_, a| {
        let Ok(r) = regex(s(&a[0])) else {
            return Ok(Value::list(Vec::new()));
        };
        let n = int(&a[2]);
        let v: Vec<Value> = if n < 0 {
            r.split(s(&a[1])).map(Value::from).collect()
        } else {
            r.splitn(s(&a[1]), usize::try_from(n).unwrap_or(0))
                .map(Value::from)
                .collect()
        };
        Ok(Value::list(v))
    }),
    fixed("regexQuoteMeta", &[P::String], |_, a| {
        Ok(regex::escape(s(&a[0])).into())
    }),
    fixed("semverCompare", &[P::String, P::String], |_, a| {
        Ok(semver_compare(s(&a[0]), s(&a[1]))?.into())
    }),
    fixed("semver", &[P::String], |_, a| {
        Ok(semver_object(&parse_version(s(&a[0]))?))
    }),
    fixed("env", &[P::String], |_, a| {
        Ok(std::env::var(s(&a[0])).unwrap_or_default().into())
    }),
    fixed("expandenv", &[P::String], |_, a| {
        Ok(expand_env(s(&a[0])).into())
    }),
    fixed("base", &[P::String], |_, a| Ok(path_base(s(&a[0])).into())),
    fixed("dir", &[P::String], |_, a| Ok(path_dir(s(&a[0])).into())),
    fixed(
        "clean",
        &[P::String],
        |_, a| Ok(path_clean(s(&a[0])).into()),
    ),
    fixed("ext", &[P::String], |_, a| {
        let p = s(&a[0]);
        let base_start = p.rfind('/').map_or(0, |i| i + 1);
        Ok(p[base_start..]
            .rfind('.')
            .map_or("", |i| &p[base_start + i..])
            .into())
    }),
    fixed("isAbs", &[P::String], |_, a| {
        Ok(s(&a[0]).starts_with('/').into())
    }),
    variadic("uuidv4", &[], P::Any, |_, _| {
        Err("uuidv4 is not supported".into())
    }),
];
