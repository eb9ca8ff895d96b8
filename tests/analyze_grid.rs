//! Upstream conformance: replays Istio's analyzer test grid
//! (`pkg/config/analysis/analyzers/analyzers_test.go` and its `testdata/`)
//! from the pinned module in the Go module cache, for every analyzer mast
//! implements, comparing (code, resource) multisets as upstream does.
//!
//! Needs `MAST_ISTIO_SRC` (exported by `./test.sh`).
#![allow(clippy::print_stderr)] // conformance reports go to the test log

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mast::analyze::{self, Options, Snapshot, SnapshotOptions, catalog, load, registry};
use mast::manifest::Source;

#[derive(Debug, Default)]
struct Case {
    name: String,
    files: Vec<String>,
    /// Multi-cluster cases: (cluster id, files) loaded into that cluster.
    cluster_files: Vec<(String, Vec<String>)>,
    mesh_config: Option<String>,
    mesh_networks: Option<String>,
    analyzer_expr: String,
    expected: Vec<(String, String)>,
}

fn istio_src() -> PathBuf {
    match std::env::var_os("MAST_ISTIO_SRC") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => panic!(
            "MAST_ISTIO_SRC is not set: run ./test.sh (it exports the pinned istio.io/istio module directory), \
             or set it to the `Dir` of `go mod download -json istio.io/istio@<ISTIO_VERSION>`"
        ),
    }
}

/// The body of the `{ ... }` starting at `open` (an index of `{`), honouring strings.
fn block_end(src: &[u8], open: usize) -> usize {
    let mut depth = 0;
    let mut i = open;
    while i < src.len() {
        match src[i] {
            b'"' => {
                i += 1;
                while src[i] != b'"' {
                    if src[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'`' => {
                i += 1;
                while src[i] != b'`' {
                    i += 1;
                }
            }
            b'/' if src.get(i + 1) == Some(&b'/') => {
                while src[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    panic!("unbalanced braces in analyzers_test.go");
}

fn quoted(s: &str) -> Vec<String> {
    let re = regex::Regex::new(r#""((?:[^"\\]|\\.)*)""#).unwrap();
    re.captures_iter(s).map(|c| c[1].to_string()).collect()
}

fn field_value<'a>(body: &'a str, key: &str) -> Option<&'a str> {
    let re = regex::Regex::new(&format!(r"(?m)^\s*{key}:\s*(.*)$")).unwrap();
    re.captures(body).map(|c| c.get(1).unwrap().as_str())
}

fn parse_grid(src: &str, var: &str) -> Vec<Case> {
    let start = src.find(var).unwrap_or_else(|| panic!("{var} not found"));
    let open = start + src[start..].find('{').unwrap();
    let end = block_end(src.as_bytes(), open);
    let bytes = src.as_bytes();
    let mut cases = Vec::new();
    let mut i = open + 1;
    while i < end {
        if bytes[i] == b'{' {
            let close = block_end(bytes, i);
            let body = &src[i + 1..close];
            cases.push(parse_case(body));
            i = close + 1;
        } else {
            i += 1;
        }
    }
    cases
}

fn parse_case(body: &str) -> Case {
    let mut case = Case {
        name: quoted(field_value(body, "name").unwrap_or_default())
            .into_iter()
            .next()
            .unwrap_or_default(),
        ..Case::default()
    };
    if let Some(pos) = body.find("inputFiles:") {
        let open = pos + body[pos..].find('{').unwrap();
        let close = block_end(body.as_bytes(), open);
        case.files = quoted(&body[open..close]);
    }
    let re = regex::Regex::new(r"(cluster\d+)InputFiles:").unwrap();
    for c in re.captures_iter(body) {
        let pos = c.get(0).unwrap().end();
        let open = pos + body[pos..].find('{').unwrap();
        let close = block_end(body.as_bytes(), open);
        case.cluster_files
            .push((c[1].to_string(), quoted(&body[open..close])));
    }
    if let Some(v) = field_value(body, "meshConfigFile") {
        case.mesh_config = quoted(v).into_iter().next();
    }
    if let Some(v) = field_value(body, "meshNetworksFile") {
        case.mesh_networks = quoted(v).into_iter().next();
    }
    case.analyzer_expr = field_value(body, "analyzer")
        .unwrap_or_default()
        .trim()
        .trim_end_matches(',')
        .to_string();

    if let Some(pos) = body.find("expected:") {
        let open = pos + body[pos..].find('{').unwrap();
        let close = block_end(body.as_bytes(), open);
        let re = regex::Regex::new(r#"\{\s*msg\.(\w+)\s*,\s*"([^"]*)"\s*\}"#).unwrap();
        for c in re.captures_iter(&body[open..close]) {
            let code = catalog::MESSAGES
                .iter()
                .find(|m| m.name == &c[1])
                .map_or_else(|| format!("?{}", &c[1]), |m| m.code.to_string());
            case.expected.push((code, c[2].to_string()));
        }
    }
    case
}

/// Map `&pkg.Type{}` to the analyzer's `Metadata().Name` by reading the Go source.
fn analyzer_name(dir: &Path, expr: &str) -> Option<String> {
    if let Some(kind) = expr
        .strip_prefix("schemaValidation.CollectionValidationAnalyzer(collections.")
        .and_then(|s| s.strip_suffix(')'))
    {
        return Some(format!("schema.ValidationAnalyzer.{kind}"));
    }
    let re = regex::Regex::new(r"^&(\w+)\.(\w+)\{\}$").unwrap();
    let c = re.captures(expr)?;
    let (pkg, ty) = (&c[1], &c[2]);
    let meta = regex::Regex::new(&format!(
        r"func \((?:\w+ )?\*{ty}\) Metadata\(\) analysis\.Metadata \{{(?s:.*?)Name:\s*([^\n]+)"
    ))
    .unwrap();
    for entry in walk(dir) {
        if !entry.to_string_lossy().ends_with(".go")
            || entry.to_string_lossy().ends_with("_test.go")
        {
            continue;
        }
        let text = std::fs::read_to_string(&entry).ok()?;
        if !text.contains(&format!("package {pkg}\n")) {
            continue;
        }
        if let Some(m) = meta.captures(&text) {
            let raw = m[1].trim().trim_end_matches(',');
            if let Some(q) = quoted(raw).into_iter().next() {
                return Some(q);
            }
        }
    }
    None
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn run_case(dir: &Path, case: &Case, analyzer: &str) -> Vec<(String, String)> {
    let mut snap = Snapshot::new("istio-system");
    if let Some(mc) = &case.mesh_config {
        let text = std::fs::read_to_string(dir.join(mc)).unwrap();
        let docs = mast::manifest::read_str(&text, Source::File(mc.into())).unwrap();
        if let Some(v) = docs.into_iter().find_map(|d| d.value) {
            assert!(snap.load_mesh_config(&v, mc), "{:?}", snap.mesh_notes);
        }
    }
    if let Some(mn) = &case.mesh_networks {
        let text = std::fs::read_to_string(dir.join(mn)).unwrap();
        let docs = mast::manifest::read_str(&text, Source::File(mn.into())).unwrap();
        if let Some(v) = docs.into_iter().find_map(|d| d.value) {
            assert!(snap.load_mesh_networks(&v, mn), "{:?}", snap.mesh_notes);
        }
    }
    // The main store's files, then each cluster's (multi-cluster cases).
    let main = (String::new(), case.files.clone());
    for (cluster, files) in std::iter::once(&main).chain(&case.cluster_files) {
        let opts = SnapshotOptions {
            default_namespace: String::new(),
            istio_namespace: "istio-system".into(),
            add_default_resources: true,
            cluster: cluster.clone(),
            ..SnapshotOptions::default()
        };
        let sources: Vec<Source> = files.iter().map(|f| Source::File(dir.join(f))).collect();
        let loaded = load::load(&sources, &opts, &mut snap);
        assert!(
            loaded.errors.is_empty(),
            "{}: load errors {:?}",
            case.name,
            loaded.errors
        );
    }
    snap.add_default_resources();
    for r in registry::by_analyzer(analyzer) {
        for k in r.requires {
            snap.mark_present(k);
        }
    }
    let report = analyze::analyze(
        &snap,
        &Options {
            analyzers: vec![analyzer.to_string()],
            ..Options::default()
        },
    );
    report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.resource
                    .as_ref()
                    .map(mast::analyze::ResourceRef::friendly_name)
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn multiset(v: &[(String, String)]) -> BTreeMap<(String, String), usize> {
    let mut m = BTreeMap::new();
    for x in v {
        *m.entry(x.clone()).or_insert(0) += 1;
    }
    m
}

/// Cases mast deliberately or knowingly does not match yet, with the reason.
const KNOWN_MISSES: &[(&str, &str)] = &[];

#[test]
fn upstream_analyzer_grid() {
    let src = istio_src();
    let dir = src.join("pkg/config/analysis/analyzers");
    let go = std::fs::read_to_string(dir.join("analyzers_test.go"))
        .expect("analyzers_test.go in MAST_ISTIO_SRC");
    let mut cases = parse_grid(&go, "var testGrid = []testCase{");
    // The multi-cluster grid: its cases load files into named clusters.
    let mc = std::fs::read_to_string(dir.join("multicluster_analyzers_test.go"))
        .expect("multicluster_analyzers_test.go in MAST_ISTIO_SRC");
    let mc_cases = parse_grid(&mc, "var mcTestGrid = []mcTestCase{");
    assert!(
        !mc_cases.is_empty() && mc_cases.iter().all(|c| c.cluster_files.len() >= 2),
        "multi-cluster grid not parsed: {mc_cases:?}"
    );
    cases.extend(mc_cases);
    assert!(cases.len() >= 100, "parsed only {} grid cases", cases.len());
    let total_expected: usize = cases.iter().map(|c| c.expected.len()).sum();
    assert!(
        total_expected >= 200,
        "parsed only {total_expected} expected messages"
    );
    eprintln!(
        "grid: {} cases, {total_expected} expected messages",
        cases.len()
    );

    // analyzer → (cases, passed)
    let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut not_implemented: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut known = Vec::new();
    for case in &cases {
        let name = analyzer_name(&dir, &case.analyzer_expr).unwrap_or_else(|| {
            panic!(
                "{}: cannot resolve analyzer {}",
                case.name, case.analyzer_expr
            )
        });
        if !registry::implements(&name) {
            *not_implemented.entry(name).or_default() += 1;
            continue;
        }
        let got = run_case(&dir, case, &name);
        let entry = per.entry(name.clone()).or_default();
        entry.0 += 1;
        if multiset(&got) == multiset(&case.expected) {
            entry.1 += 1;
        } else {
            let line = format!(
                "{} [{}]\n    expected {:?}\n    got      {:?}",
                case.name, name, case.expected, got
            );
            if let Some((_, why)) = KNOWN_MISSES.iter().find(|(n, _)| *n == case.name) {
                known.push(format!("{line}\n    known: {why}"));
            } else {
                failures.push(line);
            }
        }
    }
    let (cases_run, passed) = per.values().fold((0, 0), |(a, b), (c, p)| (a + c, b + p));
    let mut summary = String::from("upstream grid, per implemented analyzer (passed/cases):\n");
    for (name, (c, p)) in &per {
        let _ = writeln!(summary, "  {name}: {p}/{c}");
    }
    let _ = writeln!(
        summary,
        "implemented: {passed}/{cases_run} cases pass; {} of {} grid cases belong to analyzers mast does not implement yet",
        not_implemented.values().sum::<usize>(),
        cases.len()
    );
    for (name, n) in &not_implemented {
        let _ = writeln!(summary, "  not implemented: {name} ({n} case(s))");
    }
    for k in &known {
        let _ = writeln!(summary, "known miss: {k}");
    }
    eprintln!("{summary}");
    assert!(
        failures.is_empty(),
        "{summary}\nfailing cases:\n{}",
        failures.join("\n")
    );
}
