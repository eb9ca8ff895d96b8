//! `mast proxy-config` as a program: exit codes, streams, and the upstream
//! goldens through the CLI (`--file`).

mod support;

use std::process::Output;

use assert_cmd::Command;
use support::istio_src;

fn mast(args: &[&str]) -> Output {
    Command::cargo_bin("mast")
        .unwrap()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn all_golden_through_the_cli() {
    let dir = istio_src().join("istioctl/pkg/proxyconfig/testdata");
    let dump = dir.join("config_dump.json");
    let o = mast(&["proxy-config", "all", "-f", dump.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string(dir.join("config_dump_summary.txt")).unwrap()
    );
    let o = mast(&[
        "pc",
        "a",
        "--file",
        dump.to_str().unwrap(),
        "--with-headers",
    ]);
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string(dir.join("config_dump_summary_withheaders.txt")).unwrap()
    );
}

#[test]
fn stdin_dump() {
    let dir = istio_src().join("istioctl/pkg/writer/envoy/configdump/testdata");
    let input = std::fs::read(dir.join("ecds/configdump.json")).unwrap();
    let o = Command::cargo_bin("mast")
        .unwrap()
        .args(["pc", "ecds", "-f", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let want = std::fs::read_to_string(dir.join("ecds/output.txt")).unwrap();
    assert_eq!(stdout(&o).trim(), want.trim());
}

#[test]
fn truncated_dump_is_exit_65_one_line_nothing_on_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("trunc.json");
    std::fs::write(
        &f,
        "{\"configs\": [ {\"@type\": \"type.googleapis.com/envoy.admin.v3.Clusters",
    )
    .unwrap();
    for cmd in [
        "cluster",
        "listener",
        "route",
        "secret",
        "bootstrap",
        "ecds",
        "all",
        "endpoint",
        "eds",
    ] {
        let o = mast(&["pc", cmd, "-f", f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(65), "{cmd}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{cmd}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{cmd}: {err}");
        assert!(err.contains("trunc.json"), "{cmd}: {err}");
    }
}

#[test]
fn non_json_dump_is_exit_65() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("x.json");
    std::fs::write(&f, "<html>not json</html>").unwrap();
    let o = mast(&["pc", "cluster", "-f", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(65));
    assert!(o.stdout.is_empty());
}

#[test]
fn missing_section_is_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("empty.json");
    std::fs::write(&f, "{}").unwrap();
    let o = mast(&["pc", "cluster", "-f", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).contains("config dump has no configuration type"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn source_is_required_and_exclusive() {
    let o = mast(&["pc", "cluster"]);
    assert_eq!(o.status.code(), Some(64));
    assert!(o.stdout.is_empty());
    let o = mast(&[
        "pc",
        "route",
        "-f",
        "x.json",
        "--admin",
        "http://127.0.0.1:1",
    ]);
    assert_eq!(o.status.code(), Some(64));
}

#[test]
fn refused_admin_url_names_the_address() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    let url = format!("http://127.0.0.1:{port}");
    let o = mast(&["pc", "listener", "--admin", &url]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.lines()
            .next()
            .unwrap()
            .contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
}

#[test]
fn bad_output_format_and_port_are_usage_errors() {
    let o = mast(&["pc", "cluster", "-f", "x", "-o", "detail"]);
    assert_eq!(o.status.code(), Some(64));
    let o = mast(&["pc", "cluster", "-f", "x", "--proxy-admin-port", "0"]);
    assert_eq!(o.status.code(), Some(64));
    let o = mast(&["pc", "log", "--admin", "http://127.0.0.1:1", "-o", "json"]);
    assert_eq!(o.status.code(), Some(64));
}

#[test]
fn listener_verbose_false_does_not_turn_on_global_verbosity() {
    let dump = istio_src().join("istioctl/pkg/proxyconfig/testdata/config_dump.json");
    let o = mast(&["pc", "listener", "-f", dump.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("ADDRESSES PORT  MATCH DESTINATION\n"),
        "{}",
        stdout(&o)
    );
    let o = mast(&[
        "pc",
        "listener",
        "-f",
        dump.to_str().unwrap(),
        "--verbose=false",
    ]);
    assert!(
        stdout(&o).starts_with("ADDRESSES PORT  TYPE\n"),
        "{}",
        stdout(&o)
    );
}
