//! Istio's injection-template helpers (pkg/kube/inject/template.go). They
//! replace sprig's `indent`, `contains`, `env` and `omit`.
//!
//! Struct-typed arguments (`ObjectMeta`, `[]Container`, `MeshConfig`,
//! `ProxyConfig`) are read from `Object`s (Go field names) or from maps
//! (JSON field names), whichever the caller supplies. `protoToJSON` returns
//! the `ProtoJSON` method of an object when present (the caller renders
//! jsonpb after `cleanProxyConfig`), else compact JSON of the value.

use super::super::fmt as gofmt;
use super::super::value::{Map, Value};
use super::util::{from_json, to_json};
use super::yaml::to_yaml;
use super::{Func, Param as P, fixed, variadic};

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// A field of an object (Go name) or map (JSON name or Go name).
pub fn field(v: &Value, go: &str, json: &str) -> Value {
    match v {
        Value::Object(o) => o
            .field_value(go)
            .or_else(|| o.methods.get(go).cloned())
            .unwrap_or(Value::Missing),
        Value::Map(m) => m.get(json).or_else(|| m.get(go)).unwrap_or(Value::Missing),
        _ => Value::Missing,
    }
}

fn string_map(v: &Value) -> Vec<(String, String)> {
    match v {
        Value::Map(m) => m
            .snapshot()
            .into_iter()
            .map(|(k, x)| (k, super::util::strval(&x)))
            .collect(),
        _ => Vec::new(),
    }
}

fn str_map_value(entries: Vec<(String, String)>) -> Value {
    let mut m = Map::strings();
    for (k, v) in entries {
        m.insert(k, v.into());
    }
    Value::map(m)
}

fn list(v: &Value) -> Vec<Value> {
    match v {
        Value::List(l) => l.to_vec(),
        _ => Vec::new(),
    }
}

fn container_ports(containers: &Value, skip_proxy: bool) -> String {
    let mut parts = Vec::new();
    for c in list(containers) {
        if skip_proxy && s(&field(&c, "Name", "name")) == "istio-proxy" {
            continue;
        }
        for p in list(&field(&c, "Ports", "ports")) {
            let proto = field(&p, "Protocol", "protocol");
            if matches!(s(&proto), "UDP" | "SCTP") {
                continue;
            }
            let port = field(&p, "ContainerPort", "containerPort");
            parts.push(gofmt::display(&port));
        }
    }
    parts.join(",")
}

fn exclude_inbound_port(port: &Value, excluded: &str) -> String {
    let port_str = gofmt::display(port).trim().to_string();
    if port_str.is_empty() || port_str == "0" {
        return excluded.to_string();
    }
    let mut out = Vec::new();
    for p in excluded.split(',') {
        if p == port_str {
            return excluded.to_string();
        }
        let p = p.trim();
        if !p.is_empty() {
            out.push(p.to_string());
        }
    }
    out.push(port_str);
    out.join(",")
}

fn append_multus(existing: &str, net: &str) -> String {
    if existing.is_empty() {
        return net.to_string();
    }
    if let Some(i) = existing.rfind(']') {
        let Ok(serde_json::Value::Array(nets)) =
            serde_json::from_str::<serde_json::Value>(existing)
        else {
            return existing.to_string();
        };
        let (ns, name) = match net.split_once('/') {
            Some((a, b)) => (a, b),
            None => ("", net),
        };
        for n in &nets {
            if n.get("name").and_then(|x| x.as_str()) == Some(name)
                && n.get("namespace").and_then(|x| x.as_str()).unwrap_or("") == ns
            {
                return existing.to_string();
            }
        }
        let add = if ns.is_empty() {
            format!(", {{\"name\": \"{name}\"}}")
        } else {
            format!(", {{\"name\": \"{name}\", \"namespace\": \"{ns}\"}}")
        };
        return format!("{}{add}{}", &existing[..i], &existing[i..]);
    }
    if existing.split(',').any(|n| n.trim() == net) {
        return existing.to_string();
    }
    format!("{existing}, {net}")
}

fn omit_nil(v: &Value) -> Value {
    match v {
        Value::Missing | Value::Nil => Value::Nil,
        Value::Map(m) => {
            let mut out = Map::new();
            for (k, x) in m.snapshot() {
                let f = omit_nil(&x);
                if !f.is_nil() {
                    out.insert(k, f);
                }
            }
            if out.is_empty() && !m.is_empty() {
                return Value::Nil;
            }
            if m.is_empty() {
                return v.clone();
            }
            Value::map(out)
        }
        Value::List(l) => {
            let out: Vec<Value> = l.iter().map(omit_nil).filter(|x| !x.is_nil()).collect();
            if out.is_empty() && !l.is_empty() {
                return Value::Nil;
            }
            if l.is_empty() {
                return v.clone();
            }
            Value::list(out)
        }
        other => other.clone(),
    }
}

/// Go's `time.Duration.String` for seconds + nanos.
pub fn go_duration(secs: i64, nanos: i64) -> String {
    let total = i128::from(secs) * 1_000_000_000 + i128::from(nanos);
    if total == 0 {
        return "0s".into();
    }
    let neg = total < 0;
    let u = total.unsigned_abs();
    let sign = if neg { "-" } else { "" };
    if u < 1_000_000_000 {
        let (unit, div) = if u < 1_000 {
            ("ns", 1u128)
        } else if u < 1_000_000 {
            ("µs", 1_000)
        } else {
            ("ms", 1_000_000)
        };
        let whole = u / div;
        let frac = u % div;
        let mut f = String::new();
        if frac > 0 {
            let width = div.to_string().len() - 1;
            f = format!(".{frac:0width$}");
            while f.ends_with('0') {
                f.pop();
            }
        }
        return format!("{sign}{whole}{f}{unit}");
    }
    let secs_total = u / 1_000_000_000;
    let frac = u % 1_000_000_000;
    let h = secs_total / 3600;
    let m = (secs_total % 3600) / 60;
    let s = secs_total % 60;
    let mut fs = String::new();
    if frac > 0 {
        fs = format!(".{frac:09}");
        while fs.ends_with('0') {
            fs.pop();
        }
    }
    let hours = if h > 0 {
        format!("{h}h")
    } else {
        String::new()
    };
    let mins = if h > 0 || m > 0 {
        format!("{m}m")
    } else {
        String::new()
    };
    format!("{sign}{hours}{mins}{s}{fs}s")
}

fn otel_attrs(a: &[Value]) -> String {
    let (mc, ann, labels, ns, containers) = (&a[0], &a[1], &a[2], s(&a[3]), list(&a[4]));
    let mut sem = false;
    for ep in list(&field(mc, "ExtensionProviders", "extensionProviders")) {
        let otel = field(&ep, "Opentelemetry", "opentelemetry");
        let e = field(
            &otel,
            "ServiceAttributeEnrichment",
            "serviceAttributeEnrichment",
        );
        if gofmt::display(&e) == "OTEL_SEMANTIC_CONVENTIONS" {
            sem = true;
            break;
        }
    }
    if !sem {
        return String::new();
    }
    let get = |m: &Value, k: &str| -> Option<String> {
        match m {
            Value::Map(mm) => mm.get(k).map(|x| super::util::strval(&x)),
            _ => None,
        }
    };
    let mut attrs = Vec::new();
    match get(ann, "resource.opentelemetry.io/service.namespace") {
        Some(v) if !v.is_empty() => attrs.push(format!("service.namespace={v}")),
        _ if !ns.is_empty() => attrs.push(format!("service.namespace={ns}")),
        _ => {}
    }
    if let Some(v) = get(ann, "resource.opentelemetry.io/service.version").filter(|v| !v.is_empty())
    {
        attrs.push(format!("service.version={v}"));
    } else if let Some(v) = get(labels, "app.kubernetes.io/version").filter(|v| !v.is_empty()) {
        attrs.push(format!("service.version={v}"));
    } else if containers.len() == 1 {
        let image = s(&field(&containers[0], "Image", "image")).to_string();
        let (img, digest) = match image.find('@') {
            Some(i) => (&image[..i], &image[i + 1..]),
            None => (image.as_str(), ""),
        };
        let last_slash = img
            .rfind('/')
            .map_or(-1, |x| i64::try_from(x).unwrap_or(-1));
        let tag = match img.rfind(':') {
            Some(c) if i64::try_from(c).unwrap_or(-1) > last_slash => &img[c + 1..],
            _ => "",
        };
        if !tag.is_empty() && !digest.is_empty() {
            attrs.push(format!("service.version={tag}@{digest}"));
        } else if !digest.is_empty() {
            attrs.push(format!("service.version={digest}"));
        } else if !tag.is_empty() {
            attrs.push(format!("service.version={tag}"));
        }
    }
    if let Some(v) =
        get(ann, "resource.opentelemetry.io/service.instance.id").filter(|v| !v.is_empty())
    {
        attrs.push(format!("service.instance.id={v}"));
    } else if let Some(c) = containers.first() {
        attrs.push(format!(
            "service.instance.id={ns}.$(POD_NAME).{}",
            s(&field(c, "Name", "name"))
        ));
    }
    attrs.join(",")
}

pub static FUNCS: &[Func] = &[
    fixed("formatDuration", &[P::Any], |_, a| {
        let secs = super::util::to_int64(&field(&a[0], "Seconds", "seconds"));
        let nanos = super::util::to_int64(&field(&a[0], "Nanos", "nanos"));
        Ok(go_duration(secs, nanos).into())
    }),
    fixed("isset", &[P::Map, P::String], |_, a| {
        let Value::Map(m) = &a[0] else {
            return Ok(false.into());
        };
        Ok(m.get(s(&a[1])).is_some().into())
    }),
    fixed("excludeInboundPort", &[P::Any, P::String], |_, a| {
        Ok(exclude_inbound_port(&a[0], s(&a[1])).into())
    }),
    fixed("includeInboundPorts", &[P::Any], |_, a| {
        Ok(container_ports(&a[0], false).into())
    }),
    fixed("applicationPorts", &[P::Any], |_, a| {
        Ok(container_ports(&a[0], true).into())
    }),
    fixed("kubevirtInterfaces", &[P::String], |_, a| Ok(a[0].clone())),
    fixed("excludeInterfaces", &[P::String], |_, a| Ok(a[0].clone())),
    fixed("annotation", &[P::Any, P::String, P::Any], |_, a| {
        let ann = field(&a[0], "Annotations", "annotations");
        if let Value::Map(m) = &ann
            && let Some(v) = m.get(s(&a[1]))
        {
            return Ok(super::util::strval(&v).into());
        }
        Ok(gofmt::sprint(&a[2..3]).into())
    }),
    fixed("valueOrDefault", &[P::Any, P::Any], |_, a| {
        if a[0].is_nil() || a[0].as_str() == Some("") {
            return Ok(a[1].clone());
        }
        Ok(a[0].clone())
    }),
    fixed("toJSON", &[P::Map], |_, a| {
        Ok(to_json(&a[0], true, None)
            .unwrap_or_else(|_| "{}".into())
            .into())
    }),
    fixed("fromJSON", &[P::String], |_, a| {
        Ok(from_json(s(&a[0])).unwrap_or_else(|_| "{}".into()))
    }),
    fixed("structToJSON", &[P::Any], |_, a| {
        if a[0].is_nil() {
            return Ok("{}".into());
        }
        Ok(to_json(&a[0], true, None)
            .unwrap_or_else(|_| "{}".into())
            .into())
    }),
    fixed("protoToJSON", &[P::Any], |_, a| {
        if let Value::Object(o) = &a[0]
            && let Some(j) = o.methods.get("ProtoJSON")
        {
            return Ok(j.clone());
        }
        if a[0].is_nil() {
            return Ok("{}".into());
        }
        Ok(to_json(&a[0], false, None)
            .unwrap_or_else(|_| "{}".into())
            .into())
    }),
    fixed("toYaml", &[P::Any], |_, a| Ok(to_yaml(&a[0]).into())),
    fixed("indent", &[P::Int, P::String], |_, a| {
        let n = usize::try_from(match a[0] {
            Value::Int(i) => i,
            _ => 0,
        })
        .unwrap_or(0);
        let pad = " ".repeat(n);
        let lines: Vec<String> = s(&a[1])
            .split('\n')
            .enumerate()
            .map(|(i, l)| {
                if i > 0 {
                    format!("{pad}{l}")
                } else {
                    l.to_string()
                }
            })
            .collect();
        Ok(lines.join("\n").into())
    }),
    fixed("directory", &[P::String], |_, a| {
        let p = s(&a[0]);
        Ok(p.rfind('/').map_or("", |i| &p[..=i]).into())
    }),
    fixed("contains", &[P::String, P::String], |_, a| {
        Ok(s(&a[1]).contains(s(&a[0])).into())
    }),
    fixed("toLower", &[P::String], |_, a| {
        Ok(s(&a[0]).to_lowercase().into())
    }),
    fixed("appendMultusNetwork", &[P::String, P::String], |_, a| {
        Ok(append_multus(s(&a[0]), s(&a[1])).into())
    }),
    fixed("env", &[P::String, P::String], |_, a| {
        Ok(std::env::var(s(&a[0]))
            .ok()
            .filter(|v| !v.is_empty())
            .map_or_else(|| a[1].clone(), Value::from))
    }),
    variadic("omit", &[P::Map], P::String, |_, a| {
        let drop: Vec<&str> = a[1..].iter().map(s).collect();
        Ok(str_map_value(
            string_map(&a[0])
                .into_iter()
                .filter(|(k, _)| !drop.contains(&k.as_str()))
                .collect(),
        ))
    }),
    variadic("strdict", &[], P::String, |_, a| {
        let mut e = Vec::new();
        let mut i = 0;
        while i < a.len() {
            e.push((
                s(&a[i]).to_string(),
                a.get(i + 1).map_or(String::new(), |x| s(x).to_string()),
            ));
            i += 2;
        }
        Ok(str_map_value(e))
    }),
    variadic("toJsonMap", &[], P::Map, |_, a| {
        if a.is_empty() {
            return Ok("null".into());
        }
        let mut e = Vec::new();
        for m in &a {
            e.extend(string_map(m));
        }
        Ok(to_json(&str_map_value(e), true, None)
            .unwrap_or_default()
            .into())
    }),
    variadic("mergeMaps", &[], P::Map, |_, a| {
        if a.is_empty() {
            return Ok(Value::Nil);
        }
        let mut e = Vec::new();
        for m in &a {
            e.extend(string_map(m));
        }
        Ok(str_map_value(e))
    }),
    fixed("omitNil", &[P::Any], |_, a| Ok(omit_nil(&a[0]))),
    fixed(
        "otelResourceAttributes",
        &[P::Any, P::Map, P::Map, P::String, P::Any],
        |_, a| Ok(otel_attrs(&a).into()),
    ),
];
