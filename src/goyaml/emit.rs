//! A YAML emitter that writes what `sigs.k8s.io/yaml.Marshal` (go-yaml v2)
//! writes for the same JSON value: keys in go-yaml's "natural" order,
//! two-space indentation with sequences not indented inside mappings, the
//! same choice between plain, single-quoted, double-quoted and literal
//! scalars, and the same folding of long scalars past column 80.

use serde_json::{Map, Value};

use super::keys::sorted_entries;
use super::resolve::go_format_float;
use super::scalar::{Style, is_break, is_printable, select_style};

const BEST_WIDTH: usize = 80;
const BEST_INDENT: usize = 2;
/// Indentation is written from this.
const SPACES: &str = "                                                                ";
/// 2^63 and 2^64, exact in f64: the int64 and uint64 ranges.
const TWO_63: f64 = 9_223_372_036_854_775_808.0;
const TWO_64: f64 = 18_446_744_073_709_551_616.0;

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
            let n = (indent - self.column).min(SPACES.len());
            self.out.push_str(&SPACES[..n]);
            self.column += n;
        }
        self.whitespace = true;
        self.indention = true;
    }

    /// libyaml folds at a space (the first of a run) once past the best width.
    fn may_fold(&self, allow_breaks: bool, spaces: bool) -> bool {
        allow_breaks && !spaces && self.column > BEST_WIDTH
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
        for (k, v) in sorted_entries(m) {
            self.write_indent(indent);
            self.scalar_text(k, true, indent + BEST_INDENT);
            self.indicator(":", false, false, false);
            match v {
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

    /// Whether `s`, written from the current column, can have no space
    /// where libyaml would fold: none at all, or none past the best width.
    /// Gives the text's width in characters when so.
    fn unfoldable(&self, s: &str, allow_breaks: bool) -> Option<usize> {
        let width = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        // A space at character i is written at column `column + i`.
        (!allow_breaks || self.column + width <= BEST_WIDTH + 1 || !s.contains(' '))
            .then_some(width)
    }

    /// Write text holding no line break that needs no escaping or folding.
    fn put_str(&mut self, s: &str, width: usize) {
        self.out.push_str(s);
        self.column += width;
    }

    fn plain(&mut self, s: &str, allow_breaks: bool, indent: usize) {
        if !s.is_empty() && !self.whitespace {
            self.put(' ');
        }
        if let Some(width) = self.unfoldable(s, allow_breaks) {
            self.put_str(s, width);
        } else {
            let mut spaces = false;
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                if c == ' ' {
                    if self.may_fold(allow_breaks, spaces) && chars.peek() != Some(&' ') {
                        self.write_indent(indent);
                    } else {
                        self.put(c);
                    }
                    spaces = true;
                } else {
                    self.put(c);
                    spaces = false;
                }
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn single(&mut self, s: &str, allow_breaks: bool, indent: usize) {
        self.indicator("'", true, false, false);
        // No quote to double and no break: the text as it is (the opening
        // quote has cleared `indention` already).
        if !s.contains(['\'', '\r', '\n', '\u{85}', '\u{2028}', '\u{2029}'])
            && let Some(width) = self.unfoldable(s, allow_breaks)
        {
            self.put_str(s, width);
            self.indicator("'", false, false, false);
            return;
        }
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut breaks = false;
        let n = chars.len();
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if self.may_fold(allow_breaks, spaces)
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
        // Printable ASCII with nothing to escape: the text as it is.
        if s.bytes()
            .all(|b| (0x20..=0x7E).contains(&b) && b != b'"' && b != b'\\')
            && let Some(width) = self.unfoldable(s, allow_breaks)
        {
            self.put_str(s, width);
            self.indicator("\"", false, false, false);
            return;
        }
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
                if self.may_fold(allow_breaks, spaces) && i != 0 && i != n - 1 {
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
    // sigs.k8s.io/yaml re-reads Go's JSON text of the float, which has no
    // exponent for integral values below 1e21: go-yaml resolves that text as
    // an int64 or a uint64 when it fits, else as a float64 again.
    if f.fract() == 0.0 && (-TWO_63..TWO_64).contains(&f) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return if f < 0.0 {
            (f as i64).to_string()
        } else {
            (f as u64).to_string()
        };
    }
    go_format_float(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn y(v: &Value) -> String {
        to_string(v)
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
        // Go's output for the same floats (template case helm_57).
        assert_eq!(
            y(&json!([
                1e19,
                5e20,
                -1e19,
                1e15,
                123_456_789_012.5,
                1e21,
                1e-7,
                -0.0
            ])),
            "- 10000000000000000000\n- 5e+20\n- -1e+19\n- 1000000000000000\n- 1.234567890125e+11\n- 1e+21\n- 1e-07\n- 0\n"
        );
    }

    #[test]
    fn keys_are_quoted_like_values() {
        assert_eq!(
            y(&json!({"80": "x", "": 1, "on": 2})),
            "\"\": 1\n\"80\": x\n\"on\": 2\n"
        );
    }
}
