//! `toYaml`: sigs.k8s.io/yaml `Marshal` of a template value, i.e. Go's JSON
//! of the value written by mast's one go-yaml v2 emitter ([`crate::goyaml`],
//! the template engine's only `crate::` import; see docs/ARCHITECTURE.md,
//! "YAML emitter").

use super::super::value::Value;

/// sigs.k8s.io/yaml.Marshal of the value (ends with a newline).
pub fn to_yaml(v: &Value) -> String {
    crate::goyaml::to_string(&v.to_json())
}

/// Helm's `toYaml`: the YAML without its final newline (`strings.TrimSuffix`
/// of one `\n`, so a `|+` block keeps the others).
pub fn to_yaml_trimmed(v: &Value) -> String {
    let mut s = to_yaml(v);
    if s.ends_with('\n') {
        s.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, Value)]) -> Value {
        Value::from_json(&serde_json::Value::Object(
            entries
                .iter()
                .map(|(k, v)| ((*k).to_string(), v.to_json()))
                .collect(),
        ))
    }

    /// Go's output for these keys (Helm's `toYaml`, sigs.k8s.io/yaml v1.6.0
    /// with go.yaml.in/yaml/v2 v2.4.4: template case `helm_54`). go-yaml v2
    /// puts `x12` before `x1y`; v3's extra "digits" rule would swap them.
    #[test]
    fn keys_sort_like_go_yaml() {
        let keys = ["b", "a10", "a9", "_x", "B", "1", "x1y", "x12"];
        let v = map(&keys
            .iter()
            .zip(1..)
            .map(|(k, i)| (*k, Value::Int(i)))
            .collect::<Vec<_>>());
        assert_eq!(
            to_yaml_trimmed(&v),
            "_x: 4\n\"1\": 6\nB: 5\na9: 3\na10: 2\nb: 1\nx12: 8\nx1y: 7"
        );
    }

    #[test]
    fn quoting() {
        let v = |s: &str| to_yaml_trimmed(&Value::string(s));
        assert_eq!(v("true"), "\"true\"");
        assert_eq!(v(""), "\"\"");
        assert_eq!(v("- x"), "'- x'");
        assert_eq!(v("plain"), "plain");
    }

    #[test]
    fn one_final_newline_trimmed() {
        assert_eq!(
            to_yaml_trimmed(&map(&[("a", Value::string("x\n\n"))])),
            "a: |+\n  x\n"
        );
    }
}
