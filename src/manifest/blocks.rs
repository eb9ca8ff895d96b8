//! Which block nodes of a text a parsed value was read from: a tree beside
//! the value, following its map entries and sequence items in order, that
//! marks each block node the fast reader read from a known stretch of
//! text at a known place. Reading a block node depends only on that text
//! and place (the reader's memo relies on it too), so anything computed
//! from such a value alone (decoding it as a Go type) can be keyed on its
//! text instead of on the value, which is cheaper to compare than a value
//! is to hash. Read lazily, a node whose value the reader's memo holds is
//! left out of the value (a null in its place) and kept in its shadow:
//! what reads the value through its [`Shade`] sees it filled in, and what
//! needs only its decoded value never copies it.

use std::rc::Rc;

use serde_json::{Map, Value};

/// Beside a value: nothing known, its entries' or items' shadows in
/// order, or the block node it was read from.
#[derive(Debug, Default)]
pub enum Shadow {
    #[default]
    None,
    Node(Vec<Shadow>),
    Block(Box<Block>),
}

/// A block node: where its text is, its place and hash, and the shadow of
/// what is inside it (`None` when its value came whole from the memo).
#[derive(Debug)]
pub struct Block {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) place: Place,
    pub(super) hash: u64,
    pub(super) inner: Shadow,
    /// Its value, when lazy reading left it out of the value read.
    pub(super) lazy: Option<Rc<Value>>,
}

/// Where a block node sits (part of its key: the same text reads
/// differently in another place): the indentation it sits under, its site
/// and its depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Place {
    pub(super) indent: usize,
    pub(super) site: Site,
    pub(super) depth: usize,
}

/// Where a block node is, relative to the entry it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Site {
    /// The block value after `key:`, more indented than the key.
    Child,
    /// A sequence at its mapping key's indentation, after `key:`.
    Sequence,
    /// One `- ` entry of a block sequence, with its more indented lines.
    Item,
}

/// A [`Shadow`] with the text it was read from.
#[derive(Debug, Clone, Copy)]
pub struct Shade<'a> {
    shadow: &'a Shadow,
    text: &'a str,
}

impl<'a> Shade<'a> {
    /// Nothing known.
    pub const NONE: Shade<'static> = Shade {
        shadow: &Shadow::None,
        text: "",
    };

    #[must_use]
    pub fn new(shadow: &'a Shadow, text: &'a str) -> Self {
        Shade { shadow, text }
    }

    /// The shadow of the value's `i`-th map entry or sequence item.
    #[must_use]
    pub fn child(self, i: usize) -> Shade<'a> {
        match self.shadow {
            Shadow::None => Shade::NONE,
            Shadow::Node(children) => children.get(i).map_or(Shade::NONE, |shadow| Shade {
                shadow,
                text: self.text,
            }),
            Shadow::Block(b) => Shade {
                shadow: &b.inner,
                text: self.text,
            }
            .child(i),
        }
    }

    /// The block node the value was read from, and the shade of its
    /// inside.
    pub fn block(self) -> Option<(BlockKey<'a>, Shade<'a>)> {
        let Shadow::Block(b) = self.shadow else {
            return None;
        };
        Some((
            BlockKey {
                hash: b.hash,
                text: &self.text[b.from..b.to],
                place: b.place,
            },
            Shade {
                shadow: &b.inner,
                text: self.text,
            },
        ))
    }

    /// Whether nothing is known.
    pub fn is_none(self) -> bool {
        matches!(self.shadow, Shadow::None)
    }

    /// The value of this node when lazy reading left it out of the value
    /// read (itself, or the block node it is the inside of).
    pub fn left_out(self) -> Option<&'a Value> {
        match self.shadow {
            Shadow::Block(b) => match &b.lazy {
                Some(v) => Some(v),
                None => Shade {
                    shadow: &b.inner,
                    text: self.text,
                }
                .left_out(),
            },
            _ => None,
        }
    }

    /// `v`, the value read with this shade, or the value left out in its
    /// place.
    pub fn resolve<'v>(self, v: &'v Value) -> &'v Value
    where
        'a: 'v,
    {
        self.left_out().unwrap_or(v)
    }

    /// [`Shade::resolve`] owned: `v`, or a copy of the value left out in
    /// its place (with nothing more to fill in it), and the shade that
    /// still applies.
    #[must_use]
    pub fn take(self, v: Value) -> (Value, Shade<'a>) {
        match self.left_out() {
            Some(full) => (full.clone(), Shade::NONE),
            None => (v, self),
        }
    }

    /// `v` with every value left out at any depth filled in.
    #[must_use]
    pub fn fill_all(self, v: Value) -> Value {
        let (v, shade) = self.take(v);
        if shade.is_none() {
            return v;
        }
        match v {
            Value::Object(m) => Value::Object(shade.fill_all_map(m)),
            Value::Array(a) => Value::Array(
                a.into_iter()
                    .enumerate()
                    .map(|(i, x)| shade.child(i).fill_all(x))
                    .collect(),
            ),
            v => v,
        }
    }

    /// [`Shade::fill_all`] of the entries of a map read with this shade.
    #[must_use]
    pub fn fill_all_map(self, m: Map<String, Value>) -> Map<String, Value> {
        if self.is_none() {
            return m;
        }
        m.into_iter()
            .enumerate()
            .map(|(i, (k, x))| (k, self.child(i).fill_all(x)))
            .collect()
    }

    /// The value of `key` in the map `v` read with this shade (filled in),
    /// with its shade.
    pub fn entry<'v>(self, v: &'v Value, key: &str) -> Option<(&'v Value, Shade<'v>)>
    where
        'a: 'v,
    {
        let (i, x) = self
            .resolve(v)
            .as_object()?
            .iter()
            .enumerate()
            .find_map(|(i, (k, x))| (k == key).then_some((i, x)))?;
        let child = self.child(i);
        Some((child.resolve(x), child))
    }
}

/// A block node's text and place: the same key reads to the same value.
#[derive(Debug, Clone, Copy)]
pub struct BlockKey<'a> {
    /// A hash of the text and place.
    pub hash: u64,
    pub text: &'a str,
    pub place: Place,
}

impl BlockKey<'_> {
    pub fn to_owned(self) -> OwnedBlockKey {
        OwnedBlockKey {
            text: self.text.into(),
            place: self.place,
        }
    }

    pub fn matches(self, other: &OwnedBlockKey) -> bool {
        self.place == other.place && *self.text == *other.text
    }
}

/// A [`BlockKey`] kept.
#[derive(Debug)]
pub struct OwnedBlockKey {
    text: Box<str>,
    place: Place,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::{DuplicateKeys, Limits, parse_value_memo};

    #[test]
    fn the_shadow_follows_entries_and_items_to_their_block_nodes() {
        let text = "kind: Pod\nspec:\n  containers:\n  - name: proxy\n    args: [a, b]\n  - name: app\n    image: registry.example.com/app:1\n";
        let (parsed, shadow) =
            parse_value_memo(text, Limits::default(), DuplicateKeys::LastWins, false).unwrap();
        assert!(parsed.value.is_some());
        let root = Shade::new(&shadow, text);
        // A scalar is no block; `spec`'s value is one, from its first
        // line to the end, under indentation 0.
        assert!(root.child(0).block().is_none());
        let (spec, inside) = root.child(1).block().expect("spec is a block node");
        assert_eq!(spec.text, &text[text.find("  containers").unwrap()..]);
        assert_eq!(spec.place.indent, 0);
        // Inside it: the containers (a sequence at its key's indentation),
        // and in that each item long enough to be kept.
        let (list, items) = inside.child(0).block().expect("containers");
        assert_eq!(list.place.site, Site::Sequence);
        assert!(items.child(0).block().is_none(), "a short item");
        let (app, _) = items.child(1).block().expect("the second item");
        assert_eq!(
            app.text,
            "  - name: app\n    image: registry.example.com/app:1\n"
        );
        assert!(app.matches(&app.to_owned()));
        assert!(!app.matches(&list.to_owned()));
        // Nothing past the end.
        assert!(items.child(2).is_none());
    }

    #[test]
    fn lazy_reading_leaves_reused_nodes_to_the_shadow() {
        let text = "spec:\n  volumes:\n  - name: istio-envoy\n    emptyDir: {medium: Memory}\n  - name: data\n";
        let read = |lazy| {
            parse_value_memo(text, Limits::default(), DuplicateKeys::LastWins, lazy).unwrap()
        };
        let (full, _) = read(false);
        let full = full.value.unwrap();
        // Kept the second time it is read; left out from the third.
        let (second, _) = read(true);
        assert_eq!(second.value.as_ref(), Some(&full));
        let (third, shadow) = read(true);
        let third = third.value.unwrap();
        assert_eq!(third, serde_json::json!({"spec": null}));
        let shade = Shade::new(&shadow, text);
        let (spec, spec_shade) = shade.entry(&third, "spec").unwrap();
        assert_eq!(*spec, full["spec"]);
        assert_eq!(spec_shade.left_out(), Some(&full["spec"]));
        // What is inside a node left out is whole: nothing more to fill in.
        let (volumes, inside) = spec_shade.entry(spec, "volumes").unwrap();
        assert_eq!(*volumes, full["spec"]["volumes"]);
        assert!(inside.child(0).is_none());
        let (taken, rest) = shade.child(0).take(serde_json::Value::Null);
        assert_eq!(taken, full["spec"]);
        assert!(rest.is_none());
        assert_eq!(shade.fill_all(third.clone()), full);
        // The same text read eagerly gets the value.
        let (eager, _) = read(false);
        assert_eq!(eager.value.unwrap(), full);
    }

    #[test]
    fn the_full_parser_leaves_no_shadow() {
        // An anchor is outside the fast reader's subset.
        let text = "a: &x\n  b: c\nd: *x\n";
        let (_, shadow) =
            parse_value_memo(text, Limits::default(), DuplicateKeys::LastWins, false).unwrap();
        assert!(Shade::new(&shadow, text).is_none());
    }
}
