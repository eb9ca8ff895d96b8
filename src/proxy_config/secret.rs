//! `proxy-config secret`: the SDS summary table.

use std::fmt::Write as _;

use base64::Engine as _;
use serde_json::Value;

use super::dump::{ConfigDump, arr_at, field, path, str_at};
use super::{Error, SummaryOptions, Table};
use crate::x509::{parse_certificate, pem_first_block, rfc3339};

const SPIFFE_VALIDATOR: &str =
    "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.SPIFFECertValidatorConfig";

/// One row of the secret table.
#[derive(Debug, Clone, Default)]
pub struct SecretItem {
    pub name: String,
    pub state: String,
    pub cert_type: String,
    pub valid: bool,
    pub serial: String,
    pub not_after: String,
    pub not_before: String,
    pub trust_domain: String,
}

fn inline_bytes(v: Option<&Value>) -> Vec<u8> {
    let Some(s) = v
        .and_then(|v| field(v, "inline_bytes"))
        .and_then(Value::as_str)
    else {
        return Vec::new();
    };
    let engine = base64::engine::general_purpose::STANDARD;
    engine
        .decode(s)
        .or_else(|_| base64::engine::general_purpose::URL_SAFE.decode(s))
        .unwrap_or_default()
}

fn build(name: &str, state: &str, data: &[u8], trust_domain: &str, now: i64) -> SecretItem {
    let mut item = SecretItem {
        name: name.to_string(),
        state: state.to_string(),
        ..SecretItem::default()
    };
    if data.is_empty() {
        return item;
    }
    let Some(cert) = pem_first_block(data).and_then(|der| parse_certificate(&der)) else {
        return item;
    };
    item.cert_type = if cert.is_ca { "CA" } else { "Cert Chain" }.to_string();
    // The trust domain is shown only for certificates that parsed.
    item.trust_domain = if trust_domain.is_empty() {
        cert.spiffe_trust_domain.clone().unwrap_or_default()
    } else {
        trust_domain.to_string()
    };
    item.serial = cert.serial_hex();
    item.not_after = rfc3339(cert.not_after);
    item.not_before = rfc3339(cert.not_before);
    // istioctl: `time.Now().After(NotBefore) && time.Now().Before(NotAfter)`
    // with a clock finer than `now`'s whole seconds: in the second a
    // certificate starts, the current time is already after it.
    item.valid = now >= cert.not_before && now < cert.not_after;
    item
}

fn items_of(entry: &Value, state: &str, now: i64) -> Vec<SecretItem> {
    let name = str_at(entry, &["name"]);
    let empty = Value::Null;
    let secret = field(entry, "secret").unwrap_or(&empty);
    let chain = inline_bytes(path(secret, &["tls_certificate", "certificate_chain"]));
    let ca = inline_bytes(path(secret, &["validation_context", "trusted_ca"]));
    if !chain.is_empty() {
        return vec![build(name, state, &chain, "", now)];
    }
    if !ca.is_empty() {
        return vec![build(name, state, &ca, "", now)];
    }
    if let Some(tc) = path(
        secret,
        &[
            "validation_context",
            "custom_validator_config",
            "typed_config",
        ],
    ) && tc.get("@type").and_then(Value::as_str) == Some(SPIFFE_VALIDATOR)
    {
        let inner = str_at(secret, &["name"]);
        return arr_at(tc, &["trust_domains"])
            .iter()
            .map(|td| {
                let data = inline_bytes(field(td, "trust_bundle"));
                build(inner, state, &data, str_at(td, &["name"]), now)
            })
            .collect();
    }
    vec![build(name, state, &[], "", now)]
}

/// Warming secrets, then active ones. With `fix_uninitialized`, active
/// secrets whose version is `uninitialized` get that state (istioctl means
/// to, but never does).
pub fn items(
    dump: &ConfigDump,
    now: i64,
    fix_uninitialized: bool,
) -> Result<Option<Vec<SecretItem>>, Error> {
    let section = dump.require("SecretsConfigDump")?;
    let warming = arr_at(section, &["dynamic_warming_secrets"]);
    let active = arr_at(section, &["dynamic_active_secrets"]);
    if warming.is_empty() && active.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for e in warming {
        out.extend(items_of(e, "WARMING", now));
    }
    for e in active {
        let mut items = items_of(e, "ACTIVE", now);
        if fix_uninitialized && str_at(e, &["version_info"]) == "uninitialized" {
            for i in &mut items {
                i.state = "UNINITIALIZED".into();
            }
        }
        out.extend(items);
    }
    Ok(Some(out))
}

/// The secret table, or istioctl's one-line notice when there are none.
pub fn summary(dump: &ConfigDump, opts: &SummaryOptions) -> Result<Table, Error> {
    let mut t = Table::new(5, 5);
    let Some(items) = items(dump, opts.now, opts.wide)? else {
        t.line("No active or warming secrets found.");
        return Ok(t);
    };
    if items.is_empty() {
        t.line("No secret items to show.");
        return Ok(t);
    }
    let with_td = items.iter().all(|i| !i.trust_domain.is_empty());
    let mut header = String::from(
        "RESOURCE NAME\tTYPE\tSTATUS\tVALID CERT\tSERIAL NUMBER\tNOT AFTER\tNOT BEFORE",
    );
    if with_td {
        header.push_str("\tTRUST DOMAIN");
    }
    t.line(&header);
    for i in &items {
        let buf = t.buf();
        if opts.all_mode {
            buf.push_str("secret/");
        }
        let _ = write!(
            buf,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            i.name, i.cert_type, i.state, i.valid, i.serial, i.not_after, i.not_before
        );
        if with_td {
            let _ = write!(buf, "\t{}", i.trust_domain);
        }
        buf.push('\n');
    }
    Ok(t)
}
