//! The manifest reader on real files: directories, errors that name the
//! file, document and line, `kind: List`, CRLF and BOM input.

use std::fs;

use mast::manifest::{self, Source};

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, text).unwrap();
    p
}

#[test]
fn directories_are_walked_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.yaml", "kind: B\n");
    write(dir.path(), "a/z.yml", "kind: Z\n");
    write(dir.path(), "a/y.json", "{\"kind\": \"Y\"}\n");
    write(dir.path(), "notes.txt", "kind: Ignored\n");
    let sources = manifest::expand_paths(&[dir.path().to_str().unwrap()]).unwrap();
    let docs = manifest::read_all(&sources).unwrap();
    let kinds: Vec<_> = docs.iter().map(|d| d.kind().unwrap().to_string()).collect();
    assert_eq!(kinds, ["Y", "Z", "B"]);
}

#[test]
fn a_named_file_is_read_whatever_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "manifest.txt", "kind: Pod\n");
    let docs =
        manifest::read_all(&manifest::expand_paths(&[p.to_str().unwrap()]).unwrap()).unwrap();
    assert_eq!(docs[0].kind(), Some("Pod"));
}

#[test]
fn missing_file_error_names_the_file() {
    let err = manifest::expand_paths(&["/no/such/file.yaml"]).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("/no/such/file.yaml: "), "{msg}");
    assert!(!msg.contains('\n'));
}

#[test]
fn invalid_yaml_error_names_file_document_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "app.yaml",
        "kind: A\n---\n# two\nkind: B\nmetadata:\n  name: [x\n  labels: {}\n",
    );
    let err = manifest::read_all(&[Source::File(p.clone())]).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with(&format!("{}:", p.display())), "{msg}");
    assert!(msg.contains("(document 2)"), "{msg}");
    assert_eq!(err.index, Some(1));
    let line = err.line.unwrap();
    assert!((6..=8).contains(&line), "line {line}: {msg}");
    assert!(!msg.contains('\n'), "{msg}");
}

#[test]
fn duplicate_key_error_points_at_the_duplicate() {
    let err =
        manifest::read_str("a: 1\n---\nkind: Pod\nkind: Service\n", Source::Stdin).unwrap_err();
    assert_eq!(err.line, Some(4));
    assert!(err.to_string().starts_with("-:4:"), "{err}");
}

#[test]
fn bad_separator_names_the_line() {
    let err = manifest::read_str("kind: A\n--- kind: B\n", Source::Stdin).unwrap_err();
    assert_eq!(err.line, Some(2));
}

#[test]
fn crlf_bom_and_tabs() {
    let docs = manifest::read_str(
        "\u{feff}kind: Pod\r\nmetadata:\r\n  name: \"a\\tb\"\r\n",
        Source::Stdin,
    )
    .unwrap();
    assert_eq!(docs[0].kind(), Some("Pod"));
    assert_eq!(docs[0].name(), Some("a\tb"));
}

#[test]
fn comment_only_and_empty_documents_have_no_value_but_keep_raw_text() {
    let docs = manifest::read_str("# header\n---\nkind: Pod\n---\n\n", Source::Stdin).unwrap();
    // apimachinery's YAMLReader returns whatever is buffered at EOF, so the
    // blank line after the last separator is a third, empty document.
    assert_eq!(docs.len(), 3);
    assert!(docs[0].value.is_none());
    assert_eq!(docs[0].raw, "# header\n");
    assert_eq!(docs[1].kind(), Some("Pod"));
    assert!(docs[2].value.is_none());
    assert_eq!(docs[2].raw.trim(), "");
}

#[test]
fn leading_separator_and_trailing_document_end_marker() {
    let docs = manifest::read_str("---\nkind: Pod\n...\n", Source::Stdin).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].kind(), Some("Pod"));
    assert_eq!(docs[0].origin.first_line, 1);
    assert_eq!(docs[0].origin.line, 2);
}

#[test]
fn separator_like_text_inside_block_scalar_is_kept_when_indented() {
    let docs = manifest::read_str(
        "kind: ConfigMap\ndata:\n  x: |\n    ---\n    y\n",
        Source::Stdin,
    )
    .unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].value.as_ref().unwrap()["data"]["x"], "---\ny\n");
}

#[test]
fn yaml_1_1_scalars_as_kubernetes_reads_them() {
    let docs = manifest::read_str(
        "kind: ConfigMap\ndata:\n  a: yes\n  b: 0755\n  c: 1e3\n  d: '0755'\n  e: 1.0\n",
        Source::Stdin,
    )
    .unwrap();
    let data = &docs[0].value.as_ref().unwrap()["data"];
    assert_eq!(data["a"], true);
    assert_eq!(data["b"], 493);
    assert_eq!(data["c"], 1000.0);
    assert_eq!(data["d"], "0755");
    assert_eq!(data["e"], 1.0);
}

#[test]
fn lists_expand_with_item_lines() {
    let text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n";
    let docs = manifest::read_str(text, Source::Stdin).unwrap();
    let items: Vec<_> = docs
        .into_iter()
        .flat_map(manifest::Document::expand_list)
        .collect();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].kind(), Some("Service"));
    assert_eq!(items[1].name(), Some("b"));
    assert_eq!(items[1].origin.line, 8);
    assert_eq!(items[1].line_of(".metadata.name"), Some(11));
}

#[test]
fn field_lines_are_absolute_in_later_documents() {
    let docs = manifest::read_str(
        "kind: A\n---\n# comment\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts:\n  - reviews\n",
        Source::Stdin,
    )
    .unwrap();
    assert_eq!(docs[1].origin.line, 3);
    assert_eq!(docs[1].line_of(".metadata.name"), Some(7));
    assert_eq!(docs[1].line_of(".spec.hosts[0]"), Some(10));
}

#[test]
fn write_stream_separates_documents() {
    let docs = manifest::read_str("kind: A\n---\n# only\n---\nkind: B\n", Source::Stdin).unwrap();
    let mut out = Vec::new();
    manifest::write_stream(&mut out, &docs).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text, "kind: A\n---\n# only\n---\nkind: B\n");
}
