//! A YAML emitter that writes what `sigs.k8s.io/yaml.Marshal` (go-yaml v2)
//! writes for the same JSON value: keys in go-yaml's "natural" order,
//! two-space indentation with sequences not indented inside mappings, the
//! same choice between plain, single-quoted, double-quoted and literal
//! scalars, and the same folding of long scalars past column 80.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::resolve::{go_format_float, resolve_plain};

const BEST_WIDTH: usize = 80;
const BEST_INDENT: usize = 2;

/// Serialize a value as one YAML document (no `---` marker), ending in a
/// newline, byte for byte as go-yaml v2 through sigs.k8s.io/yaml would.
pub fn to_string(value: &Value) -> String {
    let mut e = Emitter {
        whitespace: true,
        indention: true,
        ..Emitter::default()
    };
    match value {
        Value::Object(m) if !m.is_empty() => e.mapping(m, 0),
        Value::Array(a) if !a.is_empty() => e.sequence(a, 0),
        other => e.scalar_node(other, BEST_INDENT),
    }
    e.write_indent(0);
    e.out
}

/// go-yaml v2's key order (`keyList.Less`) for two string keys: letters
/// compare by code point, a non-letter sorts before a letter (after a digit
/// run the letter first), digit runs compare numerically, a prefix first.
pub fn key_cmp(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    if key_less(a, b) {
        Ordering::Less
    } else {
        Ordering::Greater
    }
}

fn key_less(a: &str, b: &str) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut digits = false;
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            digits = ar[i].is_numeric();
            i += 1;
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return if digits { al } else { bl };
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_numeric() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an
                .wrapping_mul(10)
                .wrapping_add(i64::from(ar[ai] as u8 - b'0'));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn
                .wrapping_mul(10)
                .wrapping_add(i64::from(br[bi] as u8 - b'0'));
            bi += 1;
        }
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

/// Keys of a mapping in go-yaml's order.
pub fn sorted_keys(m: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = m.keys().collect();
    keys.sort_by(|a, b| key_cmp(a, b));
    keys
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

#[derive(Default)]
struct Emitter {
    out: String,
    column: usize,
    whitespace: bool,
    indention: bool,
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn write_indent(&mut self, indent: usize) {
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn indicator(
        &mut self,
        text: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in text.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn mapping(&mut self, m: &Map<String, Value>, indent: usize) {
        for k in sorted_keys(m) {
            self.write_indent(indent);
            self.scalar_text(k, true, indent + BEST_INDENT);
            self.indicator(":", false, false, false);
            match &m[k] {
                Value::Object(c) if !c.is_empty() => self.mapping(c, indent + BEST_INDENT),
                // Sequences in mappings are not indented.
                Value::Array(a) if !a.is_empty() => self.sequence(a, indent),
                other => self.scalar_node(other, indent + BEST_INDENT),
            }
        }
    }

    fn sequence(&mut self, items: &[Value], indent: usize) {
        for item in items {
            self.write_indent(indent);
            self.indicator("-", true, false, true);
            match item {
                Value::Object(c) if !c.is_empty() => self.mapping(c, indent + BEST_INDENT),
                Value::Array(a) if !a.is_empty() => self.sequence(a, indent + BEST_INDENT),
                other => self.scalar_node(other, indent + BEST_INDENT),
            }
        }
    }

    /// A scalar or empty collection in value position.
    fn scalar_node(&mut self, v: &Value, indent: usize) {
        match v {
            Value::Object(_) => {
                self.indicator("{", true, true, false);
                self.indicator("}", false, false, false);
            }
            Value::Array(_) => {
                self.indicator("[", true, true, false);
                self.indicator("]", false, false, false);
            }
            Value::Null => self.plain("null", false, indent),
            Value::Bool(b) => self.plain(if *b { "true" } else { "false" }, false, indent),
            Value::Number(n) => {
                let text = number_text(n);
                self.plain(&text, false, indent);
            }
            Value::String(s) => self.scalar_text(s, false, indent),
        }
    }

    fn scalar_text(&mut self, s: &str, simple_key: bool, indent: usize) {
        let style = select_style(s, simple_key);
        let allow_breaks = !simple_key;
        match style {
            Style::Plain => self.plain(s, allow_breaks, indent),
            Style::Single => self.single(s, allow_breaks, indent),
            Style::Double => self.double(s, allow_breaks, indent),
            Style::Literal => self.literal(s, indent),
        }
    }

    fn plain(&mut self, s: &str, allow_breaks: bool, indent: usize) {
        if !s.is_empty() && !self.whitespace {
            self.put(' ');
        }
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent(indent);
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
            i += 1;
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn single(&mut self, s: &str, allow_breaks: bool, indent: usize) {
        self.indicator("'", true, false, false);
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut breaks = false;
        let n = chars.len();
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i != 0
                    && i != n - 1
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent(indent);
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.put_break();
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.indicator("'", false, false, false);
    }

    fn double(&mut self, s: &str, allow_breaks: bool, indent: usize) {
        self.indicator("\"", true, false, false);
        let chars: Vec<char> = s.chars().collect();
        let n = chars.len();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || c == '\u{FEFF}' || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                match c {
                    '\0' => self.put('0'),
                    '\u{7}' => self.put('a'),
                    '\u{8}' => self.put('b'),
                    '\t' => self.put('t'),
                    '\n' => self.put('n'),
                    '\u{B}' => self.put('v'),
                    '\u{C}' => self.put('f'),
                    '\r' => self.put('r'),
                    '\u{1B}' => self.put('e'),
                    '"' => self.put('"'),
                    '\\' => self.put('\\'),
                    '\u{85}' => self.put('N'),
                    '\u{A0}' => self.put('_'),
                    '\u{2028}' => self.put('L'),
                    '\u{2029}' => self.put('P'),
                    _ => {
                        let v = c as u32;
                        let text = if v <= 0xFF {
                            format!("x{v:02X}")
                        } else if v <= 0xFFFF {
                            format!("u{v:04X}")
                        } else {
                            format!("U{v:08X}")
                        };
                        for ch in text.chars() {
                            self.put(ch);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i != 0 && i != n - 1 {
                    self.write_indent(indent);
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.indicator("\"", false, false, false);
    }

    fn literal(&mut self, s: &str, indent: usize) {
        self.indicator("|", true, false, false);
        let chars: Vec<char> = s.chars().collect();
        if chars.first().is_some_and(|&c| c == ' ' || is_break(c)) {
            self.indicator(&BEST_INDENT.to_string(), false, false, false);
        }
        let last = chars.last().copied();
        if !last.is_some_and(is_break) {
            self.indicator("-", false, false, false);
        } else if chars.len() == 1 || chars.get(chars.len() - 2).is_some_and(|&c| is_break(c)) {
            self.indicator("+", false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in &chars {
            if is_break(c) {
                self.put_break();
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
        // The next node starts on a fresh line.
        self.whitespace = true;
        self.indention = true;
        if self.column != 0 {
            self.whitespace = false;
            self.indention = false;
        }
    }
}

fn number_text(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    // JSON carries floats as text that go-yaml re-reads: integral values
    // come back as integers.
    if f.fract() == 0.0 && f.abs() < 1e21 {
        #[allow(clippy::cast_possible_truncation)]
        let i = f as i128;
        return i.to_string();
    }
    go_format_float(f)
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank_or_end(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c == ' ' || c == '\t' || is_break(c) || c == '\0',
    }
}

/// libyaml's `is_printable` on UTF-8 (as go-yaml ports it): ASCII
/// printables, LF, and the BMP outside surrogates and `FFFE`/`FFFF`;
/// characters outside the BMP are not.
fn is_printable(c: char) -> bool {
    let v = c as u32;
    v == 0x0A
        || (0x20..=0x7E).contains(&v)
        || (0xA0..=0xD7FF).contains(&v)
        || (0xE000..=0xFFFD).contains(&v) && v != 0xFEFF
}

#[derive(Default)]
#[allow(clippy::struct_excessive_bools)]
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn analyze(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let chars: Vec<char> = s.chars().collect();
    let mut block_indicators = false;
    let mut special = false;
    let mut line_breaks = false;
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    if s.starts_with("---") || s.starts_with("...") {
        block_indicators = true;
    }
    let mut preceded_by_whitespace = true;
    let mut followed_by_whitespace = is_blank_or_end(chars.get(1).copied());
    let n = chars.len();
    for i in 0..n {
        let c = chars[i];
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    block_indicators = true;
                }
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i == n - 1 {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            if i == 0 {
                leading_break = true;
            }
            if i == n - 1 {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blank_or_end(Some(c));
        if i + 1 < n {
            followed_by_whitespace = is_blank_or_end(chars.get(i + 2).copied());
        }
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks {
        a.block_plain_allowed = false;
    }
    if block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// go-yaml's `encoder.stringv` choice refined by libyaml's
/// `select_scalar_style` (block context, no flow collections).
fn select_style(s: &str, simple_key: bool) -> Style {
    let mut style = if s.contains('\n') {
        Style::Literal
    } else if !resolves_to_non_string(s) {
        Style::Plain
    } else {
        Style::Double
    };
    let a = analyze(s);
    if simple_key && a.multiline {
        return Style::Double;
    }
    if style == Style::Plain && (!a.block_plain_allowed || (s.is_empty() && simple_key)) {
        style = Style::Single;
    }
    if style == Style::Single && !a.single_quoted_allowed {
        style = Style::Double;
    }
    if style == Style::Literal && (!a.block_allowed || simple_key) {
        style = Style::Double;
    }
    style
}

/// Whether go-yaml v2 would read `s`, written plain, as something other
/// than a string (so it must be quoted).
pub fn resolves_to_non_string(s: &str) -> bool {
    if s == "<<" {
        return true;
    }
    match resolve_plain(s) {
        Ok(Value::String(_)) => {}
        _ => return true,
    }
    is_timestamp(s) || is_base60_float(s)
}

/// go-yaml v2's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    if i >= b.len() || !b[i].is_ascii_digit() {
        return false;
    }
    i += 1;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while i < b.len() && b[i] == b':' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 2 {
            i += 1;
        }
        let g = &b[start..i];
        let ok = match g.len() {
            1 => true,
            2 => g[0] <= b'5',
            _ => false,
        };
        if !ok {
            // `[0-5]?[0-9]`: a two-digit group starting above 5 could still
            // match one digit, but then the next char must be ':' or '.'.
            if g.len() == 2 {
                i -= 1;
            } else {
                return false;
            }
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// go-yaml v2's `parseTimestamp`: four digits and `-`, then one of
/// `2006-1-2T15:4:5.999999999Z07:00` (or `t`), `2006-1-2 15:4:5.999999999`,
/// `2006-1-2`.
#[allow(clippy::many_single_char_names)]
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let mut p = Cursor { b, i: 5 };
    let Some(month) = p.num(1, 2) else {
        return false;
    };
    if !p.eat(b'-') {
        return false;
    }
    let Some(day) = p.num(1, 2) else { return false };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return false;
    }
    if p.done() {
        return true;
    }
    let sep = b[p.i];
    if sep != b'T' && sep != b't' && sep != b' ' {
        return false;
    }
    p.i += 1;
    let Some(h) = p.num(1, 2) else { return false };
    if !p.eat(b':') {
        return false;
    }
    let Some(m) = p.num(1, 2) else { return false };
    if !p.eat(b':') {
        return false;
    }
    let Some(sec) = p.num(1, 2) else { return false };
    if h > 23 || m > 59 || sec > 59 {
        return false;
    }
    if p.eat(b'.') && p.num(1, 9).is_none() {
        return false;
    }
    if sep == b' ' {
        return p.done();
    }
    if p.eat(b'Z') {
        return p.done();
    }
    if p.eat(b'+') || p.eat(b'-') {
        let Some(zh) = p.num(2, 2) else { return false };
        if !p.eat(b':') {
            return false;
        }
        let Some(zm) = p.num(2, 2) else { return false };
        return zh <= 24 && zm <= 59 && p.done();
    }
    false
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn num(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        while self.i < self.b.len() && self.b[self.i].is_ascii_digit() && self.i - start < max {
            self.i += 1;
        }
        if self.i - start < min {
            return None;
        }
        std::str::from_utf8(&self.b[start..self.i])
            .ok()?
            .parse()
            .ok()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn done(&self) -> bool {
        self.i == self.b.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn y(v: &Value) -> String {
        to_string(v)
    }

    #[test]
    fn natural_key_order() {
        let mut keys = vec![
            "b", "a10", "a9", "B", "_x", "a-b", "a.b", "a/b", "a_b", "ab", "a", "1", "x1y", "x12",
        ];
        keys.sort_by(|a, b| key_cmp(a, b));
        assert_eq!(
            keys,
            [
                "_x", "1", "B", "a", "a-b", "a.b", "a/b", "a_b", "a9", "a10", "ab", "b", "x1y",
                "x12"
            ]
        );
    }

    #[test]
    fn block_layout_with_unindented_sequences() {
        let v = json!({"spec": {"containers": [{"name": "app", "args": ["a", "b"], "resources": {}}], "x": []}, "a": null});
        assert_eq!(
            y(&v),
            "a: null\nspec:\n  containers:\n  - args:\n    - a\n    - b\n    name: app\n    resources: {}\n  x: []\n"
        );
    }

    #[test]
    fn nested_sequences() {
        assert_eq!(y(&json!([["a", "b"], "c"])), "- - a\n  - b\n- c\n");
    }

    #[test]
    fn quoting_of_strings_that_resolve_otherwise() {
        let v = json!({"a": "15020", "b": "true", "c": "", "d": "yes", "e": "1.0", "f": "0x1F", "g": "~", "h": "1:20", "i": "2020-01-02", "j": "null", "k": "1e3"});
        assert_eq!(
            y(&v),
            "a: \"15020\"\nb: \"true\"\nc: \"\"\nd: \"yes\"\ne: \"1.0\"\nf: \"0x1F\"\ng: \"~\"\nh: \"1:20\"\ni: \"2020-01-02\"\nj: \"null\"\nk: \"1e3\"\n"
        );
    }

    #[test]
    fn single_quotes_for_indicators() {
        let v = json!({"a": "*", "b": "{\"x\":1}", "c": "- x", "d": "a: b", "e": "a #b", "f": " lead", "g": "it's", "h": "-x", "i": "a:b", "j": "@x"});
        assert_eq!(
            y(&v),
            "a: '*'\nb: '{\"x\":1}'\nc: '- x'\nd: 'a: b'\ne: 'a #b'\nf: ' lead'\ng: it's\nh: -x\ni: a:b\nj: '@x'\n"
        );
        assert_eq!(y(&json!({"a": "'q"})), "a: '''q'\n");
    }

    #[test]
    fn double_quotes_with_escapes() {
        assert_eq!(y(&json!({"a": "tab\there"})), "a: \"tab\\there\"\n");
        assert_eq!(
            y(&json!({"a": "smile \u{1F600}"})),
            "a: \"smile \\U0001F600\"\n"
        );
        assert_eq!(y(&json!({"a": "é"})), "a: é\n");
    }

    #[test]
    fn literal_blocks() {
        assert_eq!(y(&json!({"a": "x\ny\n"})), "a: |\n  x\n  y\n");
        assert_eq!(y(&json!({"a": "x\ny"})), "a: |-\n  x\n  y\n");
        assert_eq!(y(&json!({"a": "x\n\n"})), "a: |+\n  x\n\n");
        assert_eq!(y(&json!({"a": " x\ny"})), "a: |2-\n   x\n  y\n");
        assert_eq!(
            y(&json!({"a": {"b": "x\n\ny\n"}, "c": 1})),
            "a:\n  b: |\n    x\n\n    y\nc: 1\n"
        );
        // Trailing spaces before a break: no block style.
        assert_eq!(y(&json!({"a": "x \ny"})), "a: \"x \\ny\"\n");
        assert_eq!(y(&json!(["x\ny"])), "- |-\n  x\n  y\n");
    }

    #[test]
    fn folds_long_scalars_at_80_columns() {
        let s = "[{\"name\": \"alt_cni\"}, {\"name\": \"more_cni\", \"namespace\": \"kube-system\"}, {\"name\": \"istio-cni\", \"namespace\": \"default\"}]";
        let v = json!({"metadata": {"annotations": {"k8s.v1.cni.cncf.io/networks": s}}});
        let out = y(&v);
        assert_eq!(
            out,
            "metadata:\n  annotations:\n    k8s.v1.cni.cncf.io/networks: '[{\"name\": \"alt_cni\"}, {\"name\": \"more_cni\", \"namespace\":\n      \"kube-system\"}, {\"name\": \"istio-cni\", \"namespace\": \"default\"}]'\n"
        );
        let long = "word ".repeat(30);
        let long = long.trim_end();
        let out = y(&json!({"k": long}));
        for line in out.lines() {
            assert!(line.chars().count() <= 86, "{line}");
        }
        assert!(out.lines().count() > 1);
        let no_space = "x".repeat(200);
        assert_eq!(y(&json!({"k": no_space})).lines().count(), 1);
    }

    #[test]
    fn numbers_and_scalars() {
        assert_eq!(
            y(&json!({"a": 1, "b": 1.5, "c": true, "d": -3})),
            "a: 1\nb: 1.5\nc: true\nd: -3\n"
        );
        assert_eq!(y(&json!({})), "{}\n");
        assert_eq!(y(&json!("x")), "x\n");
    }

    #[test]
    fn keys_are_quoted_like_values() {
        assert_eq!(
            y(&json!({"80": "x", "": 1, "on": 2})),
            "\"\": 1\n\"80\": x\n\"on\": 2\n"
        );
    }

    #[test]
    fn base60_and_timestamps() {
        assert!(is_base60_float("1:20"));
        assert!(is_base60_float("190:20:30.15"));
        assert!(!is_base60_float("1:2a"));
        assert!(is_timestamp("2001-12-14t21:59:43.10-05:00"));
        assert!(is_timestamp("2001-12-14 21:59:43.10"));
        assert!(!is_timestamp("2001-13-14"));
        assert!(!is_timestamp("200-12-14"));
    }
}
