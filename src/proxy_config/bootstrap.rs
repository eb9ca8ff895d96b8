//! `proxy-config bootstrap -o short`: Istio and Envoy versions, and the
//! ECDS table (`proxy-config ecds`).

use std::fmt::Write as _;

use serde_json::Value;

use super::dump::{ConfigDump, arr_at, field, path, str_at, u64_at};
use super::{Error, Table, gosort};

/// The version lines of the bootstrap summary.
pub fn summary(dump: &ConfigDump) -> Result<Table, Error> {
    let section = dump.require("BootstrapConfigDump")?;
    let node = path(section, &["bootstrap", "node"]);
    let md = node.and_then(|n| field(n, "metadata"));
    let md_str = |k: &str| {
        md.and_then(|m| m.get(k))
            .and_then(Value::as_str)
            .unwrap_or("")
    };
    let version = md_str("ISTIO_VERSION");
    let mut sha = md_str("ISTIO_PROXY_SHA");
    let parts: Vec<&str> = sha.split(':').collect();
    if parts.len() > 1 {
        sha = parts[1];
    }
    let mut envoy = String::new();
    let build = node.and_then(|n| field(n, "user_agent_build_version"));
    let v = build.and_then(|b| field(b, "version"));
    let num = |k: &str| v.map_or(0, |v| u64_at(v, &[k]));
    let _ = write!(
        envoy,
        "{}.{}.{}",
        num("major_number"),
        num("minor_number"),
        num("patch")
    );
    let bmd = build.and_then(|b| field(b, "metadata"));
    for (key, sep) in [
        ("build.label", "-"),
        ("revision.status", "/"),
        ("build.type", "/"),
        ("ssl.version", "/"),
    ] {
        if let Some(val) = bmd.and_then(|m| m.get(key)) {
            let _ = write!(envoy, "{sep}{}", val.as_str().unwrap_or(""));
        }
    }
    let mut t = Table::new(8, 1);
    if !version.is_empty() {
        t.line(&format!("Istio Version:\t{version}"));
    }
    if !sha.is_empty() {
        t.line(&format!("Istio Proxy Version:\t{sha}"));
    }
    t.line(&format!("Envoy Version:\t{envoy}"));
    Ok(t)
}

/// Every ECDS filter (`TypedExtensionConfig`) over all Ecds sections.
pub fn ecds_filters(dump: &ConfigDump) -> Result<Vec<&Value>, Error> {
    let mut any = false;
    let mut out = Vec::new();
    for s in dump.sections("EcdsConfigDump") {
        any = true;
        for e in arr_at(s, &["ecds_filters"]) {
            if let Some(f) = field(e, "ecds_filter") {
                out.push(f);
            }
        }
    }
    if !any {
        return Err(Error::Data(format!(
            "config dump has no configuration type {}EcdsConfigDump",
            super::dump::ADMIN_PREFIX
        )));
    }
    Ok(out)
}

fn type_url(f: &Value) -> &str {
    path(f, &["typed_config"])
        .and_then(|t| t.get("@type"))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// The ECDS table: sorted by type URL, then name.
pub fn ecds_summary(dump: &ConfigDump) -> Result<Table, Error> {
    let mut filters = ecds_filters(dump)?;
    gosort::sort_slice(&mut filters, |a, b| {
        let (ta, tb) = (type_url(a), type_url(b));
        if ta == tb {
            return str_at(a, &["name"]) < str_at(b, &["name"]);
        }
        ta < tb
    });
    let mut t = Table::new(8, 5);
    t.line("ECDS NAME\tTYPE");
    for f in filters {
        let ty = type_url(f);
        let ty = ty.strip_prefix("type.googleapis.com/").unwrap_or(ty);
        let _ = writeln!(t.buf(), "{}\t{ty}", str_at(f, &["name"]));
    }
    Ok(t)
}
