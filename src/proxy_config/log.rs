//! `proxy-config log`: parse `--level` and plan the `POST /logging` calls.
//!
//! Differences from istioctl, on purpose: a bare level no longer discards
//! the `logger:level` pairs given before it; loggers are checked against the
//! exact names Envoy lists (not by substring); requests go out in the order
//! given instead of Go's random map order.

use super::Error;

/// Envoy's log levels, as `POST /logging` spells them.
pub const LEVELS: &[&str] = &[
    "trace", "debug", "info", "warning", "error", "critical", "off",
];

/// The default level `--reset` restores.
pub const RESET_LEVEL: &str = "warning";

/// The canonical name of a level (`warn` is `warning`).
pub fn parse_level(s: &str) -> Option<&'static str> {
    if s == "warn" {
        return Some("warning");
    }
    LEVELS.iter().copied().find(|l| *l == s)
}

/// Logger names from a `/logging` response (`active loggers:` then
/// `  name: level` lines).
pub fn logger_names(body: &str) -> Vec<&str> {
    body.lines()
        .filter_map(|l| {
            let l = l.strip_prefix("  ")?;
            let (name, _) = l.split_once(':')?;
            Some(name.trim())
        })
        .collect()
}

/// The query strings to POST, in order: `level=<l>` first (when a bare
/// level was given), then `<logger>=<l>` per pair.
pub fn plan(spec: &str, known_loggers: &[&str]) -> Result<Vec<String>, Error> {
    let mut all: Option<&'static str> = None;
    let mut pairs: Vec<(String, &'static str)> = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if !part.contains(':') && !part.contains('=') {
            all = Some(
                parse_level(part)
                    .ok_or_else(|| Error::Data(format!("unrecognized logging level: {part}")))?,
            );
            continue;
        }
        // Anything before the last "::" is a namespace (istioctl accepts it).
        let last = part.rsplit("::").next().unwrap_or(part);
        let (logger, level) = last
            .split_once([':', '='])
            .ok_or_else(|| Error::Data(format!("unrecognized logging level: {part}")))?;
        let level = parse_level(level)
            .ok_or_else(|| Error::Data(format!("unrecognized logging level: {level}")))?;
        if logger == "level" {
            all = Some(level);
            continue;
        }
        if !known_loggers.contains(&logger) {
            return Err(Error::Data(format!("unrecognized logger name: {logger}")));
        }
        pairs.retain(|(l, _)| l != logger);
        pairs.push((logger.to_string(), level));
    }
    let mut out = Vec::new();
    if let Some(l) = all {
        out.push(format!("level={l}"));
    }
    out.extend(pairs.into_iter().map(|(l, v)| format!("{l}={v}")));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "active loggers:\n  admin: info\n  http: info\n  upstream: info\n";

    #[test]
    fn names_from_body() {
        assert_eq!(logger_names(BODY), ["admin", "http", "upstream"]);
    }

    #[test]
    fn plans() {
        let names = logger_names(BODY);
        assert_eq!(plan("debug", &names).unwrap(), ["level=debug"]);
        assert_eq!(
            plan("http:debug,info,upstream=warn", &names).unwrap(),
            ["level=info", "http=debug", "upstream=warning"]
        );
        assert_eq!(plan("envoy::http:trace", &names).unwrap(), ["http=trace"]);
        assert_eq!(
            plan("xxx", &names).unwrap_err().to_string(),
            "unrecognized logging level: xxx"
        );
        assert_eq!(
            plan("xxx:debug", &names).unwrap_err().to_string(),
            "unrecognized logger name: xxx"
        );
        assert_eq!(
            plan("http:none", &names).unwrap_err().to_string(),
            "unrecognized logging level: none"
        );
    }
}
