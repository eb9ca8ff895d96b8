//! Decoded template values reused across pods. Injection templates render
//! nearly the same patch for every pod (the init container, the volumes,
//! most of the proxy container), and decoding those values as Go would
//! (schema defaults, canonical quantities) is a tenth of injecting one.
//! Decoding is a pure function of the value and its Go type, so a value
//! decoded before on this thread is copied from the memo instead: kept the
//! second time it is seen (a value seen once, such as one naming the pod,
//! is not copied), emptied when it grows too large.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hash, Hasher};

use foldhash::fast::FixedState;
use serde_json::Value;

use super::schema::Kind;

#[derive(Default)]
struct Memo {
    seen: HashSet<u64, FixedState>,
    values: HashMap<u64, Entry, FixedState>,
    /// Nodes of the kept values' inputs (each also kept decoded).
    nodes: usize,
}

struct Entry {
    kind: Kind,
    input: Value,
    decoded: Value,
}

const MAX_SEEN: usize = 1 << 16;
const MAX_NODES: usize = 1 << 16;
/// Values with fewer nodes decode faster than they are looked up.
const MIN_NODES: usize = 6;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::default();
    /// Whether a template patch is being decoded: its struct fields and
    /// list elements are looked up too ([`active`]).
    static ACTIVE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether decoding on this thread is inside [`decode_patch`]: the decoder
/// then takes the values of struct fields and list elements through
/// [`decode_memo`] as well (the proxy container differs between pods in a
/// few environment variables; its other fields are the same).
pub fn active() -> bool {
    ACTIVE.get()
}

/// [`decode_memo`] for a value of a template's patch, with nested values
/// looked up as well (see [`active`]).
pub fn decode_patch<E>(
    v: Value,
    kind: &Kind,
    decode: impl FnOnce(Value) -> Result<Value, E>,
) -> Result<Value, E> {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            ACTIVE.set(self.0);
        }
    }
    let _reset = Reset(ACTIVE.replace(true));
    decode_memo(v, kind, decode)
}

/// `decode(v)` for `v` of type `kind`, from the memo when this thread has
/// decoded the same value (same keys in the same order) as the same type
/// before. Errors are never kept.
pub fn decode_memo<E>(
    v: Value,
    kind: &Kind,
    decode: impl FnOnce(Value) -> Result<Value, E>,
) -> Result<Value, E> {
    if !matches!(v, Value::Object(_) | Value::Array(_)) {
        return decode(v);
    }
    let mut h = FixedState::with_seed(0x6465_636f).build_hasher();
    kind.hash(&mut h);
    let nodes = hash_value(&v, &mut h);
    if nodes < MIN_NODES {
        return decode(v);
    }
    let key = h.finish();
    let known = MEMO.with_borrow_mut(|m| {
        if let Some(e) = m.values.get(&key)
            && e.kind == *kind
            && same(&e.input, &v)
        {
            return Some(Some(e.decoded.clone()));
        }
        if m.seen.len() >= MAX_SEEN {
            m.seen.clear();
        }
        (!m.seen.insert(key)).then_some(None)
    });
    match known {
        Some(Some(decoded)) => {
            // Debug builds (every upstream golden and differential case)
            // check the copy against decoding the value.
            if cfg!(debug_assertions) {
                let fresh = decode(v);
                debug_assert!(
                    fresh.as_ref().is_ok_and(|f| same(f, &decoded)),
                    "memoized decode differs for {kind:?}"
                );
            }
            Ok(decoded)
        }
        Some(None) => {
            let input = v.clone();
            let decoded = decode(v)?;
            MEMO.with_borrow_mut(|m| {
                if m.nodes + nodes > MAX_NODES {
                    m.values.clear();
                    m.nodes = 0;
                }
                m.nodes += nodes;
                m.values.insert(
                    key,
                    Entry {
                        kind: kind.clone(),
                        input,
                        decoded: decoded.clone(),
                    },
                );
            });
            Ok(decoded)
        }
        None => decode(v),
    }
}

/// Hash `v` (keys in order) into `h`; returns its number of nodes.
fn hash_value(v: &Value, h: &mut impl Hasher) -> usize {
    match v {
        Value::Null => {
            h.write_u8(0);
            1
        }
        Value::Bool(b) => {
            h.write_u8(1);
            b.hash(h);
            1
        }
        Value::Number(n) => {
            h.write_u8(2);
            n.hash(h);
            1
        }
        Value::String(s) => {
            h.write_u8(3);
            s.hash(h);
            1
        }
        Value::Array(a) => {
            h.write_u8(4);
            h.write_usize(a.len());
            1 + a.iter().map(|x| hash_value(x, h)).sum::<usize>()
        }
        Value::Object(m) => {
            h.write_u8(5);
            h.write_usize(m.len());
            1 + m
                .iter()
                .map(|(k, x)| {
                    k.hash(h);
                    hash_value(x, h)
                })
                .sum::<usize>()
        }
    }
}

/// Equal, with map keys in the same order (`==` ignores their order, which
/// decoding may keep).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, p), (l, q))| k == l && same(p, q))
        }
        // (-0.0 equals 0.0 but is written otherwise.)
        (Value::Number(x), Value::Number(y)) => {
            x == y && (!x.is_f64() || x.to_string() == y.to_string())
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn decode_count(v: Value, kind: &Kind, calls: &mut usize) -> Value {
        decode_memo::<()>(v, kind, |v| {
            *calls += 1;
            Ok(json!({ "decoded": v }))
        })
        .unwrap()
    }

    #[test]
    fn kept_the_second_time_and_reused_after() {
        let kind = Kind::Raw;
        let v = json!({"a": [1, 2, 3], "b": {"c": "d"}});
        // Debug builds decode every hit again to check it.
        let check = usize::from(cfg!(debug_assertions));
        let mut calls = 0;
        for _ in 0..4 {
            assert_eq!(
                decode_count(v.clone(), &kind, &mut calls),
                json!({ "decoded": v })
            );
        }
        assert_eq!(calls, 2 + 2 * check);
        // Another type, or the same keys in another order, is decoded anew.
        decode_count(v.clone(), &Kind::String, &mut calls);
        assert_eq!(calls, 3 + 2 * check);
        let swapped = json!({"b": {"c": "d"}, "a": [1, 2, 3]});
        for _ in 0..3 {
            decode_count(swapped.clone(), &kind, &mut calls);
        }
        assert_eq!(calls, 5 + 3 * check);
    }
}
