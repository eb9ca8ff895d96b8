//! Decoded template values reused across pods. Injection templates render
//! nearly the same patch for every pod (the init container, the volumes,
//! most of the proxy container), and decoding those values as Go would
//! (schema defaults, canonical quantities) is a tenth of injecting one.
//! Decoding is a pure function of the value and its Go type, and the value
//! of a block node of the templates' output is a pure function of its text
//! and place (see [`Shadow`](crate::manifest::Shadow)). So a block node
//! decoded before on this thread as the same type is copied from the memo
//! instead, found by its text: kept the second time it is seen (a node
//! seen once, such as one naming the pod, is not copied), emptied when it
//! grows too large.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hash, Hasher};

use foldhash::fast::FixedState;
use serde_json::Value;

use crate::manifest::{OwnedBlockKey, Shade};

use super::schema::Kind;

#[derive(Default)]
struct Memo {
    seen: HashSet<u64, FixedState>,
    values: HashMap<u64, Entry, FixedState>,
    /// The text of the kept nodes.
    bytes: usize,
}

struct Entry {
    block: OwnedBlockKey,
    kind: Kind,
    decoded: Value,
}

const MAX_SEEN: usize = 1 << 16;
/// The text kept (its decoded values take a few times as much).
const MAX_BYTES: usize = 1 << 20;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::default();
}

/// `decode(v, inner)` for `v` of type `kind`, where `shade` tells where
/// `v` was read from and `inner` what is known inside it. From the memo
/// when `v` is a block node this thread has decoded as the same type
/// before (the same text in the same place). Errors are never kept.
pub fn decode_block<E>(
    v: Value,
    kind: &Kind,
    shade: Shade<'_>,
    decode: impl FnOnce(Value, Shade<'_>) -> Result<Value, E>,
) -> Result<Value, E> {
    let Some((block, inner)) = shade.block() else {
        return decode(v, shade);
    };
    let mut h = FixedState::with_seed(0x6465_636f).build_hasher();
    h.write_u64(block.hash);
    kind.hash(&mut h);
    let key = h.finish();
    let known = MEMO.with_borrow_mut(|m| {
        if let Some(e) = m.values.get(&key)
            && e.kind == *kind
            && block.matches(&e.block)
        {
            return Some(Some(e.decoded.clone()));
        }
        if m.seen.len() >= MAX_SEEN {
            m.seen.clear();
        }
        (!m.seen.insert(key)).then_some(None)
    });
    // The value to decode: `v`, or the one lazy reading left out in its
    // place (with nothing more to fill in it).
    let value = |v| match shade.left_out() {
        Some(full) => (full.clone(), Shade::NONE),
        None => (v, inner),
    };
    match known {
        Some(Some(decoded)) => {
            // Debug builds (every upstream golden and differential case)
            // check the copy against decoding the value.
            if cfg!(debug_assertions) {
                let (v, inner) = value(v);
                let fresh = decode(v, inner);
                debug_assert!(
                    fresh.as_ref().is_ok_and(|f| same(f, &decoded)),
                    "memoized decode differs for {kind:?}: {:?}",
                    block.text
                );
            }
            Ok(decoded)
        }
        Some(None) => {
            let (v, inner) = value(v);
            let decoded = decode(v, inner)?;
            MEMO.with_borrow_mut(|m| {
                if m.bytes + block.text.len() > MAX_BYTES {
                    m.values.clear();
                    m.bytes = 0;
                }
                m.bytes += block.text.len();
                m.values.insert(
                    key,
                    Entry {
                        block: block.to_owned(),
                        kind: kind.clone(),
                        decoded: decoded.clone(),
                    },
                );
            });
            Ok(decoded)
        }
        None => {
            let (v, inner) = value(v);
            decode(v, inner)
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

    use crate::manifest::{DuplicateKeys, Limits, Shade, parse_value_memo};

    use super::*;

    fn decode_count(v: &Value, kind: &Kind, shade: Shade<'_>, calls: &mut usize) -> Value {
        decode_block::<()>(v.clone(), kind, shade, |v, _| {
            *calls += 1;
            Ok(json!({ "decoded": v }))
        })
        .unwrap()
    }

    #[test]
    fn a_block_node_decoded_twice_is_copied_after() {
        let text =
            "spec:\n  containers:\n  - name: istio-proxy\n    image: docker.io/istio/proxyv2:1\n";
        let (parsed, shadow) =
            parse_value_memo(text, Limits::default(), DuplicateKeys::LastWins, false).unwrap();
        let spec = &parsed.value.unwrap()["spec"];
        let shade = Shade::new(&shadow, text).child(0);
        let (outer, _) = shade.block().expect("spec is a block node");
        // Debug builds decode every copy again to check it.
        let check = usize::from(cfg!(debug_assertions));
        let mut calls = 0;
        for _ in 0..4 {
            assert_eq!(
                decode_count(spec, &Kind::Raw, shade, &mut calls),
                json!({ "decoded": spec })
            );
        }
        assert_eq!(calls, 2 + 2 * check);
        // Another type is decoded anew; so is a value with no block node
        // behind it, every time.
        decode_count(spec, &Kind::String, shade, &mut calls);
        assert_eq!(calls, 3 + 2 * check);
        for _ in 0..3 {
            decode_count(spec, &Kind::Raw, Shade::NONE, &mut calls);
        }
        assert_eq!(calls, 6 + 2 * check);
        // The same value read from other text (indented further) is another
        // block node.
        let nested = "pod:\n  spec:\n    containers:\n    - name: istio-proxy\n      image: docker.io/istio/proxyv2:1\n";
        let (parsed, shadow) =
            parse_value_memo(nested, Limits::default(), DuplicateKeys::LastWins, false).unwrap();
        let inner = Shade::new(&shadow, nested).child(0).child(0);
        let (block, _) = inner.block().expect("spec is a block node");
        assert_ne!(block.place, outer.place);
        assert_eq!(parsed.value.unwrap()["pod"]["spec"], *spec);
        for _ in 0..2 {
            decode_count(spec, &Kind::Raw, inner, &mut calls);
        }
        assert_eq!(calls, 8 + 2 * check);
    }
}
