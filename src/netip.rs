//! Address syntax as Go's `net/netip` reads it, shared by inject's annotation
//! checks and analyze (Istio validates IP ranges with `netip.ParsePrefix`).

use crate::template::fmt::quote as go_quote;

/// `a.b.c.d/n` or `x::/n` as `netip.ParsePrefix` accepts it: prefix length
/// in decimal digits, no sign or leading zero, at most 32 or 128.
pub fn is_cidr(s: &str) -> bool {
    parse_prefix(s).is_ok()
}

/// `netip.ParsePrefix(s)`, with Go's error text on failure.
pub fn parse_prefix(s: &str) -> Result<(), String> {
    let fail = |msg: &str| Err(format!("netip.ParsePrefix({}): {msg}", go_quote(s)));
    let Some(i) = s.rfind('/') else {
        return fail("no '/'");
    };
    let v6 = match parse_addr(&s[..i]) {
        Ok(Addr { v6, zone: false }) => v6,
        Ok(Addr { zone: true, .. }) => return fail("IPv6 zones cannot be present in a prefix"),
        Err(e) => return fail(&e),
    };
    let bits = &s[i + 1..];
    let bad = || fail(&format!("bad bits after slash: {}", go_quote(bits)));
    // Go's Atoi would take a sign or leading zeros; ParsePrefix refuses them.
    if bits.len() > 1 && !(b'1'..=b'9').contains(&bits.as_bytes()[0]) {
        return bad();
    }
    let Ok(n) = bits.parse::<i64>() else {
        return bad();
    };
    if n < 0 || n > if v6 { 128 } else { 32 } {
        return fail("prefix length out of range");
    }
    Ok(())
}

struct Addr {
    v6: bool,
    zone: bool,
}

/// `netip.ParseAddr(s)`: which family, and Go's error text.
fn parse_addr(s: &str) -> Result<Addr, String> {
    for b in s.bytes() {
        match b {
            b'.' => {
                return parse_v4(s, 0, s.len()).map(|()| Addr {
                    v6: false,
                    zone: false,
                });
            }
            b':' => return parse_v6(s),
            b'%' => return Err(addr_error(s, "missing IPv6 address", "")),
            _ => {}
        }
    }
    Err(addr_error(s, "unable to parse IP", ""))
}

fn addr_error(input: &str, msg: &str, at: &str) -> String {
    if at.is_empty() {
        format!("ParseAddr({}): {msg}", go_quote(input))
    } else {
        format!(
            "ParseAddr({}): {msg} (at {})",
            go_quote(input),
            go_quote(at)
        )
    }
}

/// The four dotted fields of `input[off..end]`.
fn parse_v4(input: &str, off: usize, end: usize) -> Result<(), String> {
    let s = &input.as_bytes()[off..end];
    let text = &input[off..end];
    let (mut val, mut pos, mut digits) = (0u32, 0, 0);
    for (i, &c) in s.iter().enumerate() {
        if c.is_ascii_digit() {
            if digits == 1 && val == 0 {
                return Err(addr_error(
                    input,
                    "IPv4 field has octet with leading zero",
                    "",
                ));
            }
            val = val * 10 + u32::from(c - b'0');
            digits += 1;
            if val > 255 {
                return Err(addr_error(input, "IPv4 field has value >255", ""));
            }
        } else if c == b'.' {
            if i == 0 || i == s.len() - 1 || s[i - 1] == b'.' {
                return Err(addr_error(
                    input,
                    "IPv4 field must have at least one digit",
                    &text[i..],
                ));
            }
            if pos == 3 {
                return Err(addr_error(input, "IPv4 address too long", ""));
            }
            pos += 1;
            val = 0;
            digits = 0;
        } else {
            return Err(addr_error(input, "unexpected character", &text[i..]));
        }
    }
    if pos < 3 {
        return Err(addr_error(input, "IPv4 address too short", ""));
    }
    Ok(())
}

fn parse_v6(input: &str) -> Result<Addr, String> {
    let err = |msg: &str, at: &str| Err(addr_error(input, msg, at));
    let (mut s, zone) = match input.find('%') {
        Some(i) if i + 1 == input.len() => return err("zone must be a non-empty string", ""),
        Some(i) => (&input[..i], Some(&input[i + 1..])),
        None => (input, None),
    };
    let ok = Ok(Addr {
        v6: true,
        zone: zone.is_some(),
    });
    let mut ellipsis: Option<usize> = None;
    if s.starts_with("::") {
        ellipsis = Some(0);
        s = &s[2..];
        if s.is_empty() {
            return ok;
        }
    }
    let mut i = 0;
    while i < 16 {
        let b = s.as_bytes();
        let mut off = 0;
        let mut acc = 0u32;
        while off < b.len() {
            let Some(d) = char::from(b[off]).to_digit(16) else {
                break;
            };
            acc = (acc << 4) + d;
            if off > 3 {
                return err("each group must have 4 or less digits", s);
            }
            if acc > 0xffff {
                return err("IPv6 field has value >=2^16", s);
            }
            off += 1;
        }
        if off == 0 {
            return err("each colon-separated field must have at least one digit", s);
        }
        if off < b.len() && b[off] == b'.' {
            if ellipsis.is_none() && i != 12 {
                return err(
                    "embedded IPv4 address must replace the final 2 fields of the address",
                    s,
                );
            }
            if i + 4 > 16 {
                return err(
                    "too many hex fields to fit an embedded IPv4 at the end of the address",
                    s,
                );
            }
            let end = input.len() - zone.map_or(0, |z| z.len() + 1);
            parse_v4(input, end - s.len(), end)?;
            s = "";
            i += 4;
            break;
        }
        i += 2;
        s = &s[off..];
        if s.is_empty() {
            break;
        }
        if !s.starts_with(':') {
            return err("unexpected character, want colon", s);
        } else if s.len() == 1 {
            return err("colon must be followed by more characters", s);
        }
        s = &s[1..];
        if s.starts_with(':') {
            if ellipsis.is_some() {
                return err("multiple :: in address", s);
            }
            ellipsis = Some(i);
            s = &s[1..];
            if s.is_empty() {
                break;
            }
        }
    }
    if !s.is_empty() {
        return err("trailing garbage after address", s);
    }
    if i < 16 {
        if ellipsis.is_none() {
            return err("address string too short", "");
        }
    } else if ellipsis.is_some() {
        return err("the :: must expand to at least one field of zeros", "");
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::is_cidr;

    #[test]
    fn prefixes_as_go_parses_them() {
        for ok in [
            "10.0.0.0/8",
            "0.0.0.0/0",
            "::/0",
            "fd00::/128",
            "1.2.3.4/32",
        ] {
            assert!(is_cidr(ok), "{ok}");
        }
        for bad in [
            "10.0.0.0",
            "10.0.0.0/",
            "10.0.0.0/08",
            "10.0.0.0/+8",
            "10.0.0.0/33",
            "::/129",
            "10.0.0/8",
            "x/8",
            "fe80::1%eth0/64",
        ] {
            assert!(!is_cidr(bad), "{bad}");
        }
    }
}
