//! JSON Pointer lookups without allocation. `serde_json::Value::pointer`
//! unescapes every reference token into a new `String` (two `replace`
//! calls each), which injection's per-pod lookups and analyze's rules (fixed
//! paths on every object) paid for on every call; these take the token as
//! it is unless it holds a `~`.

use std::borrow::Cow;

use serde_json::Value;

/// [`Value::pointer`] and [`Value::pointer_mut`], same results.
pub trait Pointer {
    fn at(&self, pointer: &str) -> Option<&Value>;
    fn at_mut(&mut self, pointer: &str) -> Option<&mut Value>;
}

/// The reference tokens of `pointer` (RFC 6901), unescaped; `None` when it
/// neither is empty nor starts with `/`.
fn tokens(pointer: &str) -> Option<impl Iterator<Item = Cow<'_, str>>> {
    let rest = match pointer {
        "" => None,
        p => Some(p.strip_prefix('/')?),
    };
    Some(rest.into_iter().flat_map(|r| r.split('/')).map(|t| {
        if t.contains('~') {
            Cow::Owned(t.replace("~1", "/").replace("~0", "~"))
        } else {
            Cow::Borrowed(t)
        }
    }))
}

/// An array index as serde_json reads one (no sign, no leading zero).
fn index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

impl Pointer for Value {
    fn at(&self, pointer: &str) -> Option<&Value> {
        tokens(pointer)?.try_fold(self, |target, token| match target {
            Value::Object(map) => map.get(&*token),
            Value::Array(list) => index(&token).and_then(|i| list.get(i)),
            _ => None,
        })
    }

    fn at_mut(&mut self, pointer: &str) -> Option<&mut Value> {
        tokens(pointer)?.try_fold(self, |target, token| match target {
            Value::Object(map) => map.get_mut(&*token),
            Value::Array(list) => index(&token).and_then(|i| list.get_mut(i)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn same_as_serde_json() {
        let mut v = json!({
            "a": {"b/c": [1, {"d~e": 2}], "": {"": 3}},
            "l": [[4]],
        });
        for p in [
            "",
            "/",
            "//",
            "/a",
            "/a/b~1c",
            "/a/b~1c/0",
            "/a/b~1c/1/d~0e",
            "/a/b~1c/01",
            "/a/b~1c/+1",
            "/a/b~1c/2",
            "/a/x",
            "a",
            "/l/0/0",
            "/l/0/0/0",
            "/a/",
            "/a//",
            "/a/b~1c/1/d~01e",
            "/a/b~1c/a",
            "/a/b~1c/0/y",
            "/a/b",
        ] {
            assert_eq!(v.at(p), v.pointer(p), "{p}");
            let want = v.clone().pointer_mut(p).map(|x| x.clone());
            assert_eq!(v.at_mut(p).map(|x| x.clone()), want, "{p}");
        }
    }
}
