//! Kubernetes strategic merge patch over JSON values, with the patch
//! metadata (merge keys, strategies) of the generated schema: maps merge key
//! by key, `null` deletes, lists with a merge key merge element-wise (new
//! elements first, as apimachinery orders them), other lists are replaced.

use serde_json::{Map, Value};

use super::schema::{Kind, Schema};

/// Merge `patch` into `orig`, both shaped as the struct type `t` (or
/// untyped when `None`).
pub fn merge_value(orig: &mut Value, patch: &Value, kind: Option<&Kind>) {
    match (orig, patch) {
        (Value::Object(o), Value::Object(p)) => merge_map(o, p, kind),
        (o, p) => *o = strip_directives(p),
    }
}

fn struct_of(kind: Option<&Kind>) -> Option<usize> {
    match kind? {
        Kind::Struct(t) => Some(*t),
        Kind::Ptr(inner) => struct_of(Some(inner)),
        _ => None,
    }
}

fn child_kind(kind: Option<&Kind>, key: &str) -> Option<Kind> {
    match kind? {
        Kind::Map(inner) => Some((**inner).clone()),
        Kind::Ptr(inner) => child_kind(Some(inner), key),
        Kind::Struct(t) => Schema::get().def(*t).field(key).map(|f| f.kind.clone()),
        _ => None,
    }
}

fn field_meta(kind: Option<&Kind>, key: &str) -> (Option<String>, bool) {
    let Some(t) = struct_of(kind) else {
        return (None, false);
    };
    match Schema::get().def(t).field(key) {
        Some(f) => (f.merge_key.clone(), f.strategy.iter().any(|s| s == "merge")),
        None => (None, false),
    }
}

/// Remove `$patch`-style directives from a value added wholesale.
fn strip_directives(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !k.starts_with('$'))
                .map(|(k, v)| (k.clone(), strip_directives(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(strip_directives).collect()),
        other => other.clone(),
    }
}

pub fn merge_map(orig: &mut Map<String, Value>, patch: &Map<String, Value>, kind: Option<&Kind>) {
    match patch.get("$patch").and_then(Value::as_str) {
        Some("replace") => {
            *orig = strip_directives(&Value::Object(patch.clone()))
                .as_object()
                .cloned()
                .unwrap_or_default();
            return;
        }
        Some("delete") => {
            orig.clear();
            return;
        }
        _ => {}
    }
    for (k, pv) in patch {
        if let Some(list) = k.strip_prefix("$deleteFromPrimitiveList/") {
            if let (Some(Value::Array(items)), Value::Array(del)) = (orig.get_mut(list), pv) {
                items.retain(|x| !del.contains(x));
            }
            continue;
        }
        if k.starts_with('$') {
            continue;
        }
        if pv.is_null() {
            orig.shift_remove(k);
            continue;
        }
        let ck = child_kind(kind, k);
        let (merge_key, merge_strategy) = field_meta(kind, k);
        match orig.get_mut(k) {
            None => {
                orig.insert(k.clone(), strip_directives(pv));
            }
            Some(ov) => match (ov, pv) {
                (Value::Object(o), Value::Object(p)) => merge_map(o, p, ck.as_ref()),
                (Value::Array(o), Value::Array(p)) if merge_strategy => {
                    let elem = match &ck {
                        Some(Kind::Slice(inner)) => Some((**inner).clone()),
                        _ => None,
                    };
                    merge_list(o, p, merge_key.as_deref(), elem.as_ref());
                }
                (ov, pv) => *ov = strip_directives(pv),
            },
        }
    }
}

fn key_of<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object().and_then(|m| m.get(key))
}

/// Merge a list with `patchStrategy:"merge"`.
pub fn merge_list(
    orig: &mut Vec<Value>,
    patch: &[Value],
    merge_key: Option<&str>,
    elem: Option<&Kind>,
) {
    let Some(mk) = merge_key else {
        // Primitive list: union, new items appended.
        for p in patch {
            if !orig.contains(p) {
                orig.push(p.clone());
            }
        }
        return;
    };
    // A `$patch: replace` element replaces the whole list.
    if patch
        .iter()
        .any(|p| key_of(p, "$patch").and_then(Value::as_str) == Some("replace"))
    {
        *orig = patch
            .iter()
            .filter(|p| key_of(p, "$patch").is_none())
            .map(strip_directives)
            .collect();
        return;
    }
    let original_keys: Vec<Option<Value>> = orig.iter().map(|o| key_of(o, mk).cloned()).collect();
    let mut merged: Vec<Value> = orig.clone();
    let mut patch_order: Vec<Value> = Vec::new();
    for p in patch {
        let Some(pk) = key_of(p, mk).cloned() else {
            continue;
        };
        if key_of(p, "$patch").and_then(Value::as_str) == Some("delete") {
            merged.retain(|o| key_of(o, mk) != Some(&pk));
            continue;
        }
        if let Some(o) = merged.iter_mut().find(|o| key_of(o, mk) == Some(&pk)) {
            merge_value(o, p, elem);
        } else {
            merged.push(strip_directives(p));
        }
        if !patch_order.contains(&pk) {
            patch_order.push(pk);
        }
    }
    // Order as apimachinery's mergeSortedSlice: elements named in the patch
    // in patch order, the others in original order, interleaved.
    let (mut patch_items, mut server_only): (Vec<Value>, Vec<Value>) = (Vec::new(), Vec::new());
    for pk in &patch_order {
        if let Some(v) = merged.iter().find(|o| key_of(o, mk) == Some(pk)) {
            patch_items.push(v.clone());
        }
    }
    for v in &merged {
        match key_of(v, mk) {
            Some(k) if patch_order.contains(k) => {}
            _ => server_only.push(v.clone()),
        }
    }
    let pos = |v: &Value| -> Option<usize> {
        let k = key_of(v, mk)?;
        original_keys.iter().position(|o| o.as_ref() == Some(k))
    };
    let mut out = Vec::with_capacity(merged.len());
    let (mut i, mut j) = (0, 0);
    while i < patch_items.len() && j < server_only.len() {
        let take_server = match (pos(&server_only[j]), pos(&patch_items[i])) {
            (Some(s), Some(p)) => s < p,
            _ => false,
        };
        if take_server {
            out.push(server_only[j].clone());
            j += 1;
        } else {
            out.push(patch_items[i].clone());
            i += 1;
        }
    }
    out.extend(patch_items[i..].iter().cloned());
    out.extend(server_only[j..].iter().cloned());
    *orig = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod_kind() -> Kind {
        Kind::Struct(Schema::get().root("Pod").unwrap())
    }

    #[test]
    fn containers_merge_by_name_new_first() {
        let mut pod = json!({"spec": {"containers": [{"name": "app", "image": "a"}], "volumes": [{"name": "u"}]}});
        let patch = json!({"spec": {"containers": [{"name": "istio-proxy", "image": "p"}], "volumes": [{"name": "i1"}, {"name": "i2"}]}});
        merge_value(&mut pod, &patch, Some(&pod_kind()));
        assert_eq!(
            pod,
            json!({"spec": {"containers": [{"name": "istio-proxy", "image": "p"}, {"name": "app", "image": "a"}], "volumes": [{"name": "i1"}, {"name": "i2"}, {"name": "u"}]}})
        );
    }

    #[test]
    fn matching_elements_merge_and_other_lists_replace() {
        let mut pod = json!({"spec": {"containers": [{"name": "a", "args": ["x"], "env": [{"name": "E", "value": "1"}]}]}});
        let patch = json!({"spec": {"containers": [{"name": "a", "args": ["y"], "env": [{"name": "F", "value": "2"}, {"name": "E", "value": "3"}]}]}});
        merge_value(&mut pod, &patch, Some(&pod_kind()));
        assert_eq!(
            pod,
            json!({"spec": {"containers": [{"name": "a", "args": ["y"], "env": [{"name": "F", "value": "2"}, {"name": "E", "value": "3"}]}]}})
        );
    }

    #[test]
    fn null_deletes_and_replace_directive() {
        let mut m = json!({"metadata": {"labels": {"a": "1", "b": "2"}}});
        merge_value(
            &mut m,
            &json!({"metadata": {"labels": {"a": null}}}),
            Some(&pod_kind()),
        );
        assert_eq!(m, json!({"metadata": {"labels": {"b": "2"}}}));
        let mut m = json!({"spec": {"securityContext": {"runAsUser": 1, "fsGroup": 2}}});
        merge_value(
            &mut m,
            &json!({"spec": {"securityContext": {"$patch": "replace", "runAsUser": 5}}}),
            Some(&pod_kind()),
        );
        assert_eq!(m, json!({"spec": {"securityContext": {"runAsUser": 5}}}));
    }
}
