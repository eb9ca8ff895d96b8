//! Conformance: istioctl's own proxy-config goldens, read from the pinned
//! istio.io/istio module at test time (never copied into this repo).
//!
//! `MAST_ISTIO_SRC` points at the module directory; `./test.sh` sets it
//! through `testenv/up`.

use std::path::PathBuf;

use mast::proxy_config::{
    self, AllFilters, ClusterFilter, ConfigDump, EndpointFilter, SummaryOptions, bootstrap,
    endpoint, format, route, secret,
};

fn istio_src() -> PathBuf {
    match std::env::var_os("MAST_ISTIO_SRC") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => panic!(
            "MAST_ISTIO_SRC is not set: run ./test.sh (it runs `eval \"$(testenv/up)\"`), \
             or set it to the istio.io/istio module directory"
        ),
    }
}

fn read(rel: &str) -> Vec<u8> {
    let p = istio_src().join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
}

fn read_str(rel: &str) -> String {
    String::from_utf8(read(rel)).expect("utf-8 golden")
}

fn dump(rel: &str) -> ConfigDump {
    ConfigDump::parse(&read(rel)).expect("parse dump")
}

/// The dump as the CLI reads it for a table: only the fields tables read
/// ([`proxy_config::table_view`]).
fn table_dump(rel: &str) -> ConfigDump {
    // Every section the summary tables read: `all`'s and the ECDS table's.
    let sections = [proxy_config::ALL_SECTIONS, &["EcdsConfigDump"]].concat();
    proxy_config::parse_for_tables(&read(rel), &sections).expect("parse dump")
}

const CD: &str = "istioctl/pkg/writer/envoy/configdump/testdata";

/// Istio's `CompareContent`: equal after trimming surrounding whitespace.
#[track_caller]
fn assert_trimmed(got: &str, golden_rel: &str) {
    let want = read_str(golden_rel);
    assert_eq!(got.trim(), want.trim(), "golden {golden_rel}");
}

/// A fixed "now" (2026-01-01T00:00:00Z) so certificate validity is stable.
const NOW: i64 = 1_767_225_600;

fn opts() -> SummaryOptions {
    SummaryOptions {
        now: NOW,
        ..SummaryOptions::default()
    }
}

#[test]
fn golden_01_version_summary() {
    let d = table_dump(&format!("{CD}/configdump.json"));
    let got = bootstrap::summary(&d).unwrap().render();
    assert_trimmed(&got, &format!("{CD}/versionsummary.txt"));
}

#[test]
fn golden_02_bootstrap_json() {
    let d = dump(&format!("{CD}/configdump.json"));
    let got = format::bootstrap_json(&d).unwrap();
    assert_trimmed(&got, &format!("{CD}/bootstrapdump.json"));
}

fn route_golden(case: &str) {
    let d = table_dump(&format!("{CD}/routes/{case}/configdump.json"));
    let got = route::summary(&d, &proxy_config::RouteFilter::default(), &opts())
        .unwrap()
        .render();
    assert_trimmed(&got, &format!("{CD}/routes/{case}/output.txt"));
}

#[test]
fn golden_03_routes_empty_gateway() {
    route_golden("empty-gateway");
}

#[test]
fn golden_04_routes_istio_gateway_http_route_prefix() {
    route_golden("istio-gateway-http-route-prefix");
}

#[test]
fn golden_05_routes_k8s_gateway_http_route_path_prefix() {
    route_golden("k8s-gateway-http-route-path-prefix");
}

fn eds(filter: &EndpointFilter) -> String {
    let d = table_dump(&format!("{CD}/endpoint/configdump.json"));
    endpoint::eds_summary(&d, filter, &opts()).unwrap().render()
}

#[test]
fn golden_06_endpoint_emptyfilter_txt() {
    assert_trimmed(
        &eds(&EndpointFilter::default()),
        &format!("{CD}/endpoint/emptyfilter_output.txt"),
    );
}

#[test]
fn golden_07_endpoint_portfilter_txt() {
    let f = EndpointFilter {
        port: 8080,
        ..EndpointFilter::default()
    };
    assert_trimmed(&eds(&f), &format!("{CD}/endpoint/portfilter_output.txt"));
}

fn eds_structured(filter: &EndpointFilter, yaml: bool) -> String {
    let d = dump(&format!("{CD}/endpoint/configdump.json"));
    let items: Vec<&serde_json::Value> = endpoint::sorted_assignments(&d, filter)
        .iter()
        .map(|a| a.value)
        .collect();
    let filtered = format::eds_values(&d, filter);
    assert_eq!(items.len(), filtered.len());
    if yaml {
        format::values_yaml(&filtered)
    } else {
        format::values_json(&filtered)
    }
}

#[test]
fn golden_08a_endpoint_emptyfilter_json() {
    let got = eds_structured(&EndpointFilter::default(), false);
    assert_trimmed(&got, &format!("{CD}/endpoint/emptyfilter_output.json"));
}

#[test]
fn golden_08b_endpoint_emptyfilter_yaml() {
    let got = eds_structured(&EndpointFilter::default(), true);
    assert_trimmed(&got, &format!("{CD}/endpoint/emptyfilter_output.yaml"));
}

#[test]
fn golden_08c_endpoint_portfilter_json() {
    let f = EndpointFilter {
        port: 8080,
        ..EndpointFilter::default()
    };
    assert_trimmed(
        &eds_structured(&f, false),
        &format!("{CD}/endpoint/portfilter_output.json"),
    );
}

#[test]
fn golden_08d_endpoint_portfilter_yaml() {
    let f = EndpointFilter {
        port: 8080,
        ..EndpointFilter::default()
    };
    assert_trimmed(
        &eds_structured(&f, true),
        &format!("{CD}/endpoint/portfilter_output.yaml"),
    );
}

#[test]
fn golden_09_ecds_txt() {
    let d = table_dump(&format!("{CD}/ecds/configdump.json"));
    let got = bootstrap::ecds_summary(&d).unwrap().render();
    assert_trimmed(&got, &format!("{CD}/ecds/output.txt"));
}

#[test]
fn golden_10a_ecds_yaml() {
    let d = dump(&format!("{CD}/ecds/configdump.json"));
    let got = format::ecds_yaml(&d).unwrap();
    assert_trimmed(&got, &format!("{CD}/ecds/output.yaml"));
}

#[test]
fn golden_10b_ecds_json() {
    let d = dump(&format!("{CD}/ecds/configdump.json"));
    let got = format::ecds_json(&d).unwrap();
    assert_trimmed(&got, &format!("{CD}/ecds/output.json"));
}

fn secret_golden(case: &str) {
    let d = table_dump(&format!("{CD}/secret/{case}/config_dump.json"));
    let got = secret::summary(&d, &opts()).unwrap().render();
    assert_trimmed(&got, &format!("{CD}/secret/{case}/output"));
}

#[test]
fn golden_11_secret_istio() {
    secret_golden("istio");
}

#[test]
fn golden_12_secret_spire() {
    secret_golden("spire");
}

fn all_golden(with_headers: bool, golden: &str) {
    let d = table_dump("istioctl/pkg/proxyconfig/testdata/config_dump.json");
    let got =
        proxy_config::full_summary(&d, &AllFilters::default(), &opts(), with_headers).unwrap();
    let want = read_str(&format!("istioctl/pkg/proxyconfig/testdata/{golden}"));
    // istioctl's `all` tests compare exactly.
    assert_eq!(got, want, "golden {golden}");
}

#[test]
fn golden_13_all_summary() {
    all_golden(false, "config_dump_summary.txt");
}

#[test]
fn golden_14_all_summary_with_headers() {
    all_golden(true, "config_dump_summary_withheaders.txt");
}

#[test]
fn golden_16_empty_dump_errors() {
    let d = ConfigDump::parse(b"{}").unwrap();
    let o = opts();
    let errs = [
        proxy_config::cluster::summary(&d, &ClusterFilter::default(), &o)
            .map(|_| ())
            .unwrap_err(),
        proxy_config::listener::summary(&d, &proxy_config::ListenerFilter::default(), &o)
            .map(|_| ())
            .unwrap_err(),
        route::summary(&d, &proxy_config::RouteFilter::default(), &o)
            .map(|_| ())
            .unwrap_err(),
        bootstrap::summary(&d).map(|_| ()).unwrap_err(),
    ];
    for e in errs {
        assert!(
            e.to_string()
                .contains("config dump has no configuration type"),
            "{e}"
        );
    }
}

#[test]
fn golden_17_empty_clusters_endpoint_table() {
    let cs = proxy_config::ClustersStatus::parse(b"{}").unwrap();
    let got = endpoint::clusters_summary(&cs, &EndpointFilter::default(), false).render();
    assert!(
        got.contains("ENDPOINT     STATUS     OUTLIER CHECK     CLUSTER"),
        "{got}"
    );
}
