//! go-yaml v2's map key order (`keyList.Less` in sorter.go) for string
//! keys, as `sigs.k8s.io/yaml` v1.6.0 (go.yaml.in/yaml/v2 v2.4.4, the
//! version istioctl and Helm build with) applies it to every mapping.
//!
//! v2 has no "digits" rule: after an equal digit, a letter still sorts
//! after a non-letter (`x12` before `x1y`). go-yaml v3 added that rule and
//! sorts `x1y` first; Go's own output was checked for both
//! (tests/data/template/cases.json, case `helm_54`).
//!
//! The relation is not a strict weak order: `a1_ < a10 < a1b < a9 < a10`
//! is a cycle. Go sorts the keys in map iteration order, which is random,
//! so for such key sets Go's output itself changes from run to run. mast
//! sorts with a merge sort, which is deterministic and well defined for any
//! comparator (Rust's `sort_by` may panic on an inconsistent one).

use std::cmp::Ordering;

use serde_json::{Map, Value};

/// go-yaml v2's order of two string keys: letters compare by code point, a
/// letter sorts after a non-letter, digit runs compare numerically (fewer
/// leading zeros first), a prefix first.
pub fn key_cmp(a: &str, b: &str) -> Ordering {
    if a == b {
        Ordering::Equal
    } else if key_less(a, b) {
        Ordering::Less
    } else {
        Ordering::Greater
    }
}

/// `keyList.Less` for two strings. Keys are nearly always ASCII and are
/// compared as bytes then (no allocation); others rune by rune.
pub fn key_less(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        less(a.as_bytes(), b.as_bytes())
    } else {
        let ar: Vec<char> = a.chars().collect();
        let br: Vec<char> = b.chars().collect();
        less(&ar, &br)
    }
}

/// What `keyList.Less` asks of a rune (an ASCII byte stands for itself).
trait Rune: Copy + PartialEq + PartialOrd {
    fn alphabetic(self) -> bool;
    fn numeric(self) -> bool;
    /// The value of an ASCII digit.
    fn digit(self) -> Option<u8>;
}

impl Rune for u8 {
    fn alphabetic(self) -> bool {
        self.is_ascii_alphabetic()
    }
    fn numeric(self) -> bool {
        self.is_ascii_digit()
    }
    fn digit(self) -> Option<u8> {
        self.is_ascii_digit().then(|| self - b'0')
    }
}

impl Rune for char {
    fn alphabetic(self) -> bool {
        self.is_alphabetic()
    }
    fn numeric(self) -> bool {
        self.is_numeric()
    }
    fn digit(self) -> Option<u8> {
        #[allow(clippy::cast_possible_truncation)]
        self.to_digit(10)
            .filter(|_| self.is_ascii())
            .map(|d| d as u8)
    }
}

fn less<R: Rune>(ar: &[R], br: &[R]) -> bool {
    let zero = |r: R| r.digit() == Some(0);
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            i += 1;
            continue;
        }
        let al = ar[i].alphabetic();
        let bl = br[i].alphabetic();
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if zero(ar[i]) || zero(br[i]) {
            let mut j = i;
            while j > 0 && ar[j - 1].numeric() {
                j -= 1;
                if !zero(ar[j]) {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let (ai, an) = digit_run(ar, i, an);
        let (bi, bn) = digit_run(br, i, bn);
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

/// The end of the digit run starting at `i` and its value accumulated onto
/// `n` (wrapping, like Go's int64 arithmetic).
fn digit_run<R: Rune>(s: &[R], mut i: usize, mut n: i64) -> (usize, i64) {
    while let Some(d) = s.get(i).and_then(|r| r.digit()) {
        n = n.wrapping_mul(10).wrapping_add(i64::from(d));
        i += 1;
    }
    (i, n)
}

/// Keys of a mapping in go-yaml's order.
pub fn sorted_keys(m: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = m.keys().collect();
    let mut scratch = Vec::with_capacity(keys.len());
    merge_sort(&mut keys, &mut scratch, &|a: &String, b: &String| {
        key_less(a, b)
    });
    keys
}

/// The entries of a mapping in go-yaml's key order (the order of
/// [`sorted_keys`], without looking the values up again).
pub fn sorted_entries(m: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = m.iter().collect();
    let mut scratch = Vec::with_capacity(entries.len());
    merge_sort(
        &mut entries,
        &mut scratch,
        &|a: (&String, &Value), b: (&String, &Value)| key_less(a.0, b.0),
    );
    entries
}

/// A stable top-down merge sort; never panics whatever `less` answers.
fn merge_sort<T: Copy>(v: &mut [T], scratch: &mut Vec<T>, less: &impl Fn(T, T) -> bool) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let mid = n / 2;
    merge_sort(&mut v[..mid], scratch, less);
    merge_sort(&mut v[mid..], scratch, less);
    scratch.clear();
    let (mut i, mut j) = (0, mid);
    while i < mid && j < n {
        if less(v[j], v[i]) {
            scratch.push(v[j]);
            j += 1;
        } else {
            scratch.push(v[i]);
            i += 1;
        }
    }
    scratch.extend_from_slice(&v[i..mid]);
    scratch.extend_from_slice(&v[j..n]);
    v.copy_from_slice(scratch);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(keys: &[&str]) -> Vec<String> {
        let m: Map<String, Value> = keys
            .iter()
            .map(|k| ((*k).to_string(), Value::Null))
            .collect();
        sorted_keys(&m).into_iter().cloned().collect()
    }

    /// Go's order (sigs.k8s.io/yaml v1.6.0 with go.yaml.in/yaml/v2 v2.4.4,
    /// template case `helm_54`): `x12` before `x1y`.
    #[test]
    fn natural_key_order() {
        assert_eq!(
            sorted(&[
                "b", "a10", "a9", "B", "_x", "a-b", "a.b", "a/b", "a_b", "ab", "a", "1", "x1y",
                "x12"
            ]),
            [
                "_x", "1", "B", "a", "a-b", "a.b", "a/b", "a_b", "a9", "a10", "ab", "b", "x12",
                "x1y"
            ]
        );
    }

    #[test]
    fn leading_zeros_and_prefixes() {
        assert_eq!(
            sorted(&["a01", "a1", "a001", "a", "10", "9", "09"]),
            ["9", "09", "10", "a", "a1", "a01", "a001"]
        );
    }

    /// A cyclic key set (Go's own output varies between runs) sorts
    /// deterministically and without panicking.
    #[test]
    fn inconsistent_order_is_deterministic() {
        let keys = ["a1_", "a10", "a1b", "a9", "a01", "a001", "b", "a"];
        let first = sorted(&keys);
        let mut rev = keys;
        rev.reverse();
        assert_eq!(first.len(), keys.len());
        assert_eq!(sorted(&keys), first);
        let mut again = sorted(&rev);
        again.sort();
        let mut all: Vec<String> = keys.iter().map(ToString::to_string).collect();
        all.sort();
        assert_eq!(again, all);
    }
}
