//! go-yaml v2's choice of scalar style: what the resolver would read as
//! another type (quoted), what libyaml's analysis allows plain, single-quoted
//! or as a literal block.

use super::resolve::resolves_to_string;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

pub(super) fn is_break(c: char) -> bool {
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
pub(super) fn is_printable(c: char) -> bool {
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
    // Most scalars are ASCII: read their bytes in place instead of
    // collecting the characters.
    if s.is_ascii() {
        let b = s.as_bytes();
        return analyze_chars(s, b.len(), |i| b.get(i).map(|&c| char::from(c)));
    }
    let chars: Vec<char> = s.chars().collect();
    analyze_chars(s, chars.len(), |i| chars.get(i).copied())
}

/// libyaml's `yaml_emitter_analyze_scalar` over `n` characters, `at(i)`
/// giving the `i`th.
fn analyze_chars(s: &str, n: usize, at: impl Fn(usize) -> Option<char>) -> Analysis {
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
    let mut followed_by_whitespace = is_blank_or_end(at(1));
    for i in 0..n {
        let c = at(i).expect("index below length");
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
            followed_by_whitespace = is_blank_or_end(at(i + 2));
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

/// Bytes that set none of the analysis flags anywhere in a scalar: ASCII
/// printables other than `:` and `#` (which can start a mapping value or a
/// comment; [`quiet`] looks at their neighbours).
const QUIET: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x20;
    while b <= 0x7E {
        t[b] = b != b':' as usize && b != b'#' as usize;
        b += 1;
    }
    t
};

/// Whether `s` is a scalar the analysis lets through unchanged (plain or
/// single-quoted allowed, one line): non-empty, [`QUIET`] bytes (or `:` and
/// `#` where they are not indicators) only, no leading or trailing space,
/// not starting with an indicator or with a document marker. Nearly every
/// key and value is one.
fn quiet(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    !matches!(
        first,
        b' ' | b':'
            | b'#'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
            | b'?'
            | b'-'
    ) && last != b' '
        && !s.starts_with("...")
        && b.iter().enumerate().all(|(i, &c)| {
            QUIET[usize::from(c)]
                // `:` before a space or at the end, `#` after a space, are
                // indicators; elsewhere they are text.
                || (c == b':' && b.get(i + 1).is_some_and(|&n| n != b' '))
                || (c == b'#' && b[i - 1] != b' ')
        })
}

/// go-yaml's `encoder.stringv` choice refined by libyaml's
/// `select_scalar_style` (block context, no flow collections).
pub(super) fn select_style(s: &str, simple_key: bool) -> Style {
    if quiet(s) {
        // The analysis allows everything but a block scalar (no breaks).
        let style = if resolves_to_non_string(s) {
            Style::Double
        } else {
            Style::Plain
        };
        debug_assert_eq!(style, select_style_analyzed(s, simple_key), "{s:?}");
        return style;
    }
    select_style_analyzed(s, simple_key)
}

/// [`select_style`] through libyaml's full analysis.
fn select_style_analyzed(s: &str, simple_key: bool) -> Style {
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
    if !resolves_to_string(s) {
        return true;
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
