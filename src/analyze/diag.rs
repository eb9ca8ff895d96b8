//! Diagnostics as data: level, code, the resource they are about, the
//! rendered message. Sorting and de-duplication follow Istio's rules so the
//! output lines up with `istioctl analyze`.

use std::fmt::{self, Write as _};

use crate::manifest::Source;

/// A message level. Ordered by severity: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "Error",
            Level::Warning => "Warning",
            Level::Info => "Info",
        }
    }

    /// Istio's sort order: errors first.
    fn sort_order(self) -> u8 {
        match self {
            Level::Error => 0,
            Level::Warning => 1,
            Level::Info => 2,
        }
    }

    /// Parse `info|warning|error`, case-insensitively.
    pub fn parse(s: &str) -> Option<Level> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Some(Level::Info),
            "warning" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The resource a diagnostic is about, and where it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceRef {
    pub kind: String,
    /// Empty for cluster-scoped resources and those without a namespace.
    pub namespace: String,
    pub name: String,
    /// The cluster it was read from, in multi-cluster analysis (`default`
    /// for the main store); `None` otherwise.
    pub cluster: Option<String>,
    /// The file it came from (`None` for the live cluster and synthetic resources).
    pub source: Option<Source>,
    /// The line to show: the field's line when known, else the document's.
    pub line: usize,
    /// The annotations, for `galley.istio.io/analyze-suppress`.
    pub suppress: Option<String>,
}

impl ResourceRef {
    /// `Kind ns/name` or `Kind name`, Istio's friendly name.
    pub fn friendly_name(&self) -> String {
        if self.namespace.is_empty() {
            format!("{} {}", self.kind, self.name)
        } else {
            format!("{} {}/{}", self.kind, self.namespace, self.name)
        }
    }

    /// The friendly name, after `[cluster-<id>] ` in multi-cluster analysis
    /// (for formats without a cluster field of their own).
    pub fn labelled_name(&self) -> String {
        match &self.cluster {
            Some(c) => format!("[cluster-{c}] {}", self.friendly_name()),
            None => self.friendly_name(),
        }
    }

    /// `file:line`, or `file` for `.json` inputs; `None` for cluster resources.
    pub fn reference(&self) -> Option<String> {
        let source = self.source.as_ref()?;
        if source.is_json() {
            Some(source.to_string())
        } else {
            Some(format!("{source}:{}", self.line))
        }
    }

    fn comparator(&self) -> String {
        format!("{}/{}/{}", self.kind, self.name, self.namespace)
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub level: Level,
    /// The rule that produced it (our kebab-case name).
    pub rule: &'static str,
    pub message: String,
    pub resource: Option<ResourceRef>,
}

impl Diagnostic {
    /// ` (Kind ns/name file:line)` or empty; in multi-cluster analysis
    /// ` [cluster-<id>]` comes first.
    pub fn origin(&self) -> String {
        match &self.resource {
            None => String::new(),
            Some(r) => {
                let cluster = r
                    .cluster
                    .as_ref()
                    .map(|c| format!(" [cluster-{c}]"))
                    .unwrap_or_default();
                match r.reference() {
                    Some(reference) => format!("{cluster} ({} {reference})", r.friendly_name()),
                    None => format!("{cluster} ({})", r.friendly_name()),
                }
            }
        }
    }

    /// Istio's `Message.String()`: the uncoloured log line.
    pub fn line(&self) -> String {
        format!(
            "{} [{}]{} {}",
            self.level,
            self.code,
            self.origin(),
            self.message
        )
    }

    /// `https://istio.io/v<ver>/docs/reference/config/analysis/<code>/?ref=istioctl-analyze`.
    pub fn documentation_url(&self) -> String {
        documentation_url(self.code)
    }
}

/// The Istio documentation version the codes refer to (the pinned istioctl's).
pub const DOCS_VERSION: &str = "v1.31";

pub fn documentation_url(code: &str) -> String {
    format!(
        "https://istio.io/{DOCS_VERSION}/docs/reference/config/analysis/{}/?ref=istioctl-analyze",
        code.to_ascii_lowercase()
    )
}

/// Sort as Istio does (cluster, level, code, resource-less first,
/// `Kind/name/ns`, then the full line) and drop messages whose full line
/// repeats.
pub fn sort_dedup(diags: &mut Vec<Diagnostic>) {
    // Each key (and its full line) is built once, for the sort and the dedup;
    // the sort moves indices, not the messages and their keys.
    let keys: Vec<_> = diags
        .iter()
        .map(|d| {
            (
                // No cluster sorts as Istio's empty one; borrowed and `None`
                // rather than an empty String, whose compares are slow (see
                // `util::str_eq`).
                d.resource
                    .as_ref()
                    .and_then(|r| r.cluster.as_deref())
                    .filter(|c| !c.is_empty()),
                d.level.sort_order(),
                d.code,
                d.resource.is_some(),
                d.resource.as_ref().map(ResourceRef::comparator),
                d.line(),
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    order.dedup_by(|a, b| keys[*a].5 == keys[*b].5);
    let mut slots: Vec<Option<Diagnostic>> = diags.drain(..).map(Some).collect();
    diags.extend(
        order
            .into_iter()
            .map(|i| slots[i].take().expect("each message once")),
    );
}

/// A template argument, formatted as Go's `fmt` would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Str(String),
    Int(i64),
    Strs(Vec<String>),
    Ints(Vec<i64>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}
impl From<Vec<String>> for Arg {
    fn from(v: Vec<String>) -> Self {
        Arg::Strs(v)
    }
}
impl From<Vec<i64>> for Arg {
    fn from(v: Vec<i64>) -> Self {
        Arg::Ints(v)
    }
}

/// Go's `strconv.Quote` for the strings analyzers quote.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn fmt_arg(out: &mut String, verb: char, arg: &Arg) {
    match (verb, arg) {
        ('q', Arg::Str(s)) => out.push_str(&go_quote(s)),
        ('q', Arg::Strs(v)) => {
            let parts: Vec<String> = v.iter().map(|s| go_quote(s)).collect();
            let _ = write!(out, "[{}]", parts.join(" "));
        }
        (_, Arg::Str(s)) => out.push_str(s),
        (_, Arg::Int(n)) => {
            let _ = write!(out, "{n}");
        }
        (_, Arg::Strs(v)) => {
            let _ = write!(out, "[{}]", v.join(" "));
        }
        (_, Arg::Ints(v)) => {
            let parts: Vec<String> = v.iter().map(ToString::to_string).collect();
            let _ = write!(out, "[{}]", parts.join(" "));
        }
    }
}

/// Render a Go `fmt` template (`%s`, `%v`, `%q`, `%d`, `%%`) with arguments.
pub fn render_template(template: &str, args: &[Arg]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut args = args.iter();
    let mut chars = template.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some(verb) => match args.next() {
                Some(arg) => fmt_arg(&mut out, verb, arg),
                None => {
                    let _ = write!(out, "%!{verb}(MISSING)");
                }
            },
            None => out.push_str("%!(NOVERB)"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(level: Level, code: &'static str, res: Option<(&str, &str, &str)>) -> Diagnostic {
        Diagnostic {
            code,
            level,
            rule: "test",
            message: "m".into(),
            resource: res.map(|(k, ns, n)| ResourceRef {
                kind: k.into(),
                namespace: ns.into(),
                name: n.into(),
                cluster: None,
                source: Some(Source::File("a.yaml".into())),
                line: 3,
                suppress: None,
            }),
        }
    }

    #[test]
    fn templates_format_like_go() {
        assert_eq!(
            render_template(
                "Referenced %s not found: %q",
                &["host+subset".into(), "r+b".into()]
            ),
            "Referenced host+subset not found: \"r+b\""
        );
        assert_eq!(
            render_template(
                "%v and %q",
                &[
                    Arg::Strs(vec!["a".into(), "b".into()]),
                    Arg::Strs(vec!["x".into()])
                ]
            ),
            "[a b] and [\"x\"]"
        );
        assert_eq!(render_template("port %d", &[Arg::Int(80)]), "port 80");
        assert_eq!(render_template("%s", &[]), "%!s(MISSING)");
    }

    #[test]
    fn log_line_layout() {
        let d = diag(
            Level::Error,
            "IST0101",
            Some(("VirtualService", "default", "r")),
        );
        assert_eq!(
            d.line(),
            "Error [IST0101] (VirtualService default/r a.yaml:3) m"
        );
        let d = diag(Level::Info, "IST0102", Some(("Namespace", "", "x")));
        assert_eq!(d.line(), "Info [IST0102] (Namespace x a.yaml:3) m");
        let d = diag(Level::Info, "IST0102", None);
        assert_eq!(d.line(), "Info [IST0102] m");
    }

    #[test]
    fn sort_puts_errors_first_and_dedups() {
        let mut v = vec![
            diag(Level::Info, "IST0102", Some(("Namespace", "", "b"))),
            diag(
                Level::Error,
                "IST0101",
                Some(("VirtualService", "default", "z")),
            ),
            diag(
                Level::Error,
                "IST0101",
                Some(("VirtualService", "default", "a")),
            ),
            diag(
                Level::Error,
                "IST0101",
                Some(("VirtualService", "default", "a")),
            ),
            diag(Level::Warning, "IST0101", None),
        ];
        sort_dedup(&mut v);
        let names: Vec<String> = v.iter().map(Diagnostic::line).collect();
        assert_eq!(names.len(), 4);
        assert!(names[0].contains("default/a"));
        assert!(names[1].contains("default/z"));
        assert!(names[2].starts_with("Warning"));
        assert!(names[3].starts_with("Info"));
    }

    #[test]
    fn clusters_prefix_the_origin_sort_first_and_appear_in_json() {
        let mut v = Vec::new();
        for (cluster, level) in [("west", Level::Error), ("default", Level::Info)] {
            let mut d = diag(level, "IST0102", Some(("Namespace", "", "x")));
            d.resource.as_mut().unwrap().cluster = Some(cluster.into());
            v.push(d);
        }
        sort_dedup(&mut v);
        let lines: Vec<String> = v.iter().map(Diagnostic::line).collect();
        assert_eq!(
            lines,
            [
                "Info [IST0102] [cluster-default] (Namespace x a.yaml:3) m",
                "Error [IST0102] [cluster-west] (Namespace x a.yaml:3) m",
            ]
        );
        let json = super::super::render::json(&v[..1]);
        assert!(
            json.starts_with("[\n\t{\n\t\t\"cluster\": \"default\",\n\t\t\"code\""),
            "{json}"
        );
        let yaml = super::super::render::yaml(&v[..1]);
        assert!(
            yaml.starts_with("- cluster: default\n  code: IST0102\n"),
            "{yaml}"
        );
    }

    #[test]
    fn level_parse_is_case_insensitive() {
        assert_eq!(Level::parse("ERROR"), Some(Level::Error));
        assert_eq!(Level::parse("warning"), Some(Level::Warning));
        assert_eq!(Level::parse("nope"), None);
        assert!(Level::Error > Level::Info);
    }
}
