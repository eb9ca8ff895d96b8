//! Kubernetes strategic merge patch over JSON values, with the patch
//! metadata (merge keys, strategies) of the generated schema: maps merge key
//! by key, `null` deletes, lists with a merge key merge element-wise (new
//! elements first, as apimachinery orders them), other lists are replaced.

use serde_json::{Map, Value};

use crate::manifest::Shade;

use super::schema::{self, Kind, Schema};

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

fn child_kind<'a>(kind: Option<&'a Kind>, key: &str) -> Option<&'a Kind> {
    match kind? {
        Kind::Map(inner) => Some(inner),
        Kind::Ptr(inner) => child_kind(Some(inner), key),
        Kind::Struct(t) => Schema::get().def(*t).field(key).map(|f| &f.kind),
        _ => None,
    }
}

fn field_meta(kind: Option<&Kind>, key: &str) -> (Option<&'static str>, bool) {
    let Some(t) = struct_of(kind) else {
        return (None, false);
    };
    match Schema::get().def(t).field(key) {
        Some(f) => (
            f.merge_key.as_deref(),
            f.strategy.iter().any(|s| s == "merge"),
        ),
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
                (Value::Object(o), Value::Object(p)) => merge_map(o, p, ck),
                (Value::Array(o), Value::Array(p)) if merge_strategy => {
                    let elem = match ck {
                        Some(Kind::Slice(inner)) => Some(&**inner),
                        _ => None,
                    };
                    merge_list(o, p, merge_key, elem);
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
    let merged = merge_keyed(
        std::mem::take(orig),
        patch,
        mk,
        |o, p: &Value| {
            merge_value(o, p, elem);
            Ok::<_, std::convert::Infallible>(())
        },
        |p| Ok(strip_directives(p)),
    );
    *orig = match merged {
        Ok(list) => list,
        Err(never) => match never {},
    };
}

/// Merge `patch` into the list `orig` element by element on the merge key
/// `mk` (a `$patch: delete` element removes its key), then order as
/// [`interleave`]. The original elements are moved, never copied: a pod's
/// containers carry most of its data.
fn merge_keyed<E, P: std::borrow::Borrow<Value>>(
    orig: Vec<Value>,
    patch: impl IntoIterator<Item = P>,
    mk: &str,
    mut merge: impl FnMut(&mut Value, P) -> Result<(), E>,
    mut add: impl FnMut(P) -> Result<Value, E>,
) -> Result<Vec<Value>, E> {
    let original_keys: Vec<Option<Value>> = orig.iter().map(|o| key_of(o, mk).cloned()).collect();
    let mut merged = orig;
    let mut patch_order: Vec<Value> = Vec::new();
    for p in patch {
        let Some(pk) = key_of(p.borrow(), mk).cloned() else {
            continue;
        };
        if key_of(p.borrow(), "$patch").and_then(Value::as_str) == Some("delete") {
            merged.retain(|o| key_of(o, mk) != Some(&pk));
            continue;
        }
        if let Some(o) = merged.iter_mut().find(|o| key_of(o, mk) == Some(&pk)) {
            merge(o, p)?;
        } else {
            merged.push(add(p)?);
        }
        if !patch_order.contains(&pk) {
            patch_order.push(pk);
        }
    }
    Ok(interleave(merged, &patch_order, &original_keys, mk))
}

/// Order a merged list as apimachinery's mergeSortedSlice: elements named in
/// the patch in patch order, the others in original order, interleaved. (Of
/// elements sharing a key named in the patch, the first is kept.)
fn interleave(
    merged: Vec<Value>,
    patch_order: &[Value],
    original_keys: &[Option<Value>],
    mk: &str,
) -> Vec<Value> {
    let mut slots: Vec<Option<Value>> = merged.into_iter().map(Some).collect();
    let mut patch_items: Vec<Value> = Vec::with_capacity(patch_order.len());
    for pk in patch_order {
        if let Some(v) = slots
            .iter_mut()
            .find(|o| o.as_ref().is_some_and(|o| key_of(o, mk) == Some(pk)))
            .and_then(Option::take)
        {
            patch_items.push(v);
        }
    }
    let server_only: Vec<Value> = slots
        .into_iter()
        .flatten()
        .filter(|v| key_of(v, mk).is_none_or(|k| !patch_order.contains(k)))
        .collect();
    let pos = |v: &Value| -> Option<usize> {
        let k = key_of(v, mk)?;
        original_keys.iter().position(|o| o.as_ref() == Some(k))
    };
    let mut out = Vec::with_capacity(patch_items.len() + server_only.len());
    let mut patch_items = patch_items.into_iter().peekable();
    let mut server_only = server_only.into_iter().peekable();
    while let (Some(p), Some(s)) = (patch_items.peek(), server_only.peek()) {
        let take_server = match (pos(s), pos(p)) {
            (Some(s), Some(p)) => s < p,
            _ => false,
        };
        let next = if take_server {
            server_only.next()
        } else {
            patch_items.next()
        };
        out.extend(next);
    }
    out.extend(patch_items);
    out.extend(server_only);
    out
}

/// The decoded merge met something it leaves to [`merge_value`] and a full
/// decode (a `$patch` or other directive, a key matching a field only
/// case-insensitively, an untyped object, a value that does not decode).
#[derive(Debug)]
pub struct Fallback;

/// [`merge_value`] followed by [`schema::normalize`], for an `orig` that is
/// normalized already: only what the patch brings is decoded, the rest of
/// `orig` (a pod's own containers, most of its data) is left as it is.
/// `Err(Fallback)` leaves `orig` partly merged: the caller starts again from
/// its own copy with the general path.
/// The patch is consumed: its values move into `orig`. `shade` tells where
/// the patch was read from (the block nodes of template output whose
/// decoded values the thread's memo may hold), [`Shade::NONE`] if unknown.
pub fn merge_decoded(
    orig: &mut Value,
    patch: Value,
    kind: &Kind,
    shade: Shade<'_>,
) -> Result<(), Fallback> {
    let (patch, shade) = shade.take(patch);
    match (orig, patch) {
        (Value::Object(o), Value::Object(p)) => merge_decoded_map(o, p, kind, shade),
        (o, p) => {
            *o = decode_new(p, kind, shade)?;
            Ok(())
        }
    }
}

/// Whether `v` holds a `$`-key anywhere (what [`strip_directives`] removes).
fn has_directives(v: &Value) -> bool {
    match v {
        Value::Object(m) => m
            .iter()
            .any(|(k, x)| k.starts_with('$') || has_directives(x)),
        Value::Array(a) => a.iter().any(has_directives),
        _ => false,
    }
}

/// [`strip_directives`] of a value owned.
fn strip_directives_owned(v: Value) -> Value {
    match v {
        Value::Object(mut m) => {
            if m.keys().any(|k| k.starts_with('$')) {
                m.retain(|k, _| !k.starts_with('$'));
            }
            for (_, x) in &mut m {
                *x = strip_directives_owned(x.take());
            }
            Value::Object(m)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(strip_directives_owned).collect()),
        other => other,
    }
}

/// A patch value added or replacing, decoded as a `kind`.
fn decode_new(p: Value, kind: &Kind, shade: Shade<'_>) -> Result<Value, Fallback> {
    super::decode_memo::decode_block(p, kind, shade, |p, inner| {
        // (Template output seldom holds a directive: look before rebuilding.
        // What is known of where its parts were read from no longer
        // follows a value rebuilt.)
        let (p, inner) = if has_directives(&p) {
            (strip_directives_owned(p), Shade::NONE)
        } else {
            (p, inner)
        };
        schema::normalize_shaded(p, kind, "", inner).map_err(|_| Fallback)
    })
}

/// What to do with one key of a struct.
enum Step {
    /// Remove the key, then put this value (a field's zero) unless omitted.
    Reset(Value),
    /// Merge into the existing object.
    Object,
    /// Merge into the existing list (the field merges lists).
    List,
    /// Set the decoded patch value.
    Set,
}

fn merge_decoded_map(
    orig: &mut Map<String, Value>,
    patch: Map<String, Value>,
    kind: &Kind,
    shade: Shade<'_>,
) -> Result<(), Fallback> {
    if patch.keys().any(|k| k.starts_with('$')) {
        return Err(Fallback);
    }
    match kind {
        Kind::Ptr(inner) => merge_decoded_map(orig, patch, inner, shade),
        Kind::Map(inner) => {
            for (i, (k, pv)) in patch.into_iter().enumerate() {
                let child = shade.child(i);
                // (Looked at through the shade: lazy reading may have left
                // the value out.)
                let p = child.resolve(&pv);
                let (null, object) = (p.is_null(), p.is_object());
                match orig.get_mut(&k) {
                    _ if null => {
                        orig.shift_remove(&k);
                    }
                    Some(ov @ Value::Object(_)) if object => {
                        merge_decoded(ov, pv, inner, child)?;
                    }
                    _ => {
                        let v = decode_new(pv, inner, child)?;
                        orig.insert(k, v);
                    }
                }
            }
            Ok(())
        }
        Kind::Struct(t) => {
            let def = Schema::get().def(*t);
            for (i, (k, pv)) in patch.into_iter().enumerate() {
                let child = shade.child(i);
                let Some(f) = def.field(&k) else {
                    // Decoding drops an unknown key, unless it names a field
                    // in another case (encoding/json matches those).
                    if def.fields.iter().any(|f| f.json.eq_ignore_ascii_case(&k)) {
                        return Err(Fallback);
                    }
                    continue;
                };
                let merges_lists = f.strategy.iter().any(|s| s == "merge");
                let step = match (orig.get(&k), child.resolve(&pv)) {
                    (_, Value::Null) => Step::Reset(schema::zero(&f.kind)),
                    (Some(Value::Object(_)), Value::Object(_)) => Step::Object,
                    (Some(Value::Array(_)), Value::Array(_)) if merges_lists => Step::List,
                    _ => Step::Set,
                };
                let value = match step {
                    Step::Reset(zero) => {
                        orig.shift_remove(&k);
                        zero
                    }
                    Step::Set => decode_new(pv, &f.kind, child)?,
                    Step::Object => {
                        let mut v = orig.shift_remove(&k).unwrap_or_default();
                        merge_decoded(&mut v, pv, &f.kind, child)?;
                        v
                    }
                    Step::List => {
                        let elem = match deref(&f.kind) {
                            Kind::Slice(inner) => &**inner,
                            _ => return Err(Fallback),
                        };
                        let mut v = orig.shift_remove(&k).unwrap_or_default();
                        let (pv, child) = child.take(pv);
                        let (Value::Array(list), Value::Array(items)) = (&mut v, pv) else {
                            return Err(Fallback);
                        };
                        merge_decoded_list(list, items, f.merge_key.as_deref(), elem, child)?;
                        v
                    }
                };
                // A value Go leaves out replaces the old one by nothing.
                if schema::omitted(f, &value) {
                    orig.shift_remove(&k);
                } else {
                    orig.insert(k, value);
                }
            }
            Ok(())
        }
        _ => Err(Fallback),
    }
}

fn deref(kind: &Kind) -> &Kind {
    match kind {
        Kind::Ptr(inner) => deref(inner),
        k => k,
    }
}

/// `item` (read with `shade`) with the values of `keys` filled in where
/// lazy reading left them out: what the list merge reads of an element
/// before it merges or decodes it.
fn fill_keys(mut item: Value, shade: Shade<'_>, keys: [&str; 2]) -> Value {
    if let Value::Object(m) = &mut item
        && !shade.is_none()
    {
        for (i, (k, v)) in m.iter_mut().enumerate() {
            if keys.contains(&k.as_str())
                && let Some(full) = shade.child(i).left_out()
            {
                *v = full.clone();
            }
        }
    }
    item
}

/// A patch list element with its shade.
struct Shaded<'s>(Value, Shade<'s>);

impl std::borrow::Borrow<Value> for Shaded<'_> {
    fn borrow(&self) -> &Value {
        &self.0
    }
}

/// [`merge_list`] over a decoded list: merged elements merge decoded, new
/// ones are decoded.
fn merge_decoded_list(
    orig: &mut Vec<Value>,
    patch: Vec<Value>,
    merge_key: Option<&str>,
    elem: &Kind,
    shade: Shade<'_>,
) -> Result<(), Fallback> {
    // Primitive lists and directives take the general path; so do keys that
    // decoding would change (they compare undecoded only there).
    let Some(mk) = merge_key else {
        return Err(Fallback);
    };
    let key_kind = match deref(elem) {
        Kind::Struct(t) => Schema::get().def(*t).field(mk).map(|f| &f.kind),
        _ => None,
    }
    .ok_or(Fallback)?;
    let patch: Vec<Shaded<'_>> = patch
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let (p, shade) = shade.child(i).take(p);
            Shaded(fill_keys(p, shade, [mk, "$patch"]), shade)
        })
        .collect();
    for Shaded(p, _) in &patch {
        if key_of(p, "$patch").is_some() {
            return Err(Fallback);
        }
        if let Some(pk) = key_of(p, mk)
            && decode_new(pk.clone(), key_kind, Shade::NONE)? != *pk
        {
            return Err(Fallback);
        }
    }
    *orig = merge_keyed(
        std::mem::take(orig),
        patch,
        mk,
        |o, Shaded(p, shade)| merge_decoded(o, p, elem, shade),
        |Shaded(p, shade)| decode_new(p, elem, shade),
    )?;
    Ok(())
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
