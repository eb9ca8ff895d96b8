//! Kubernetes `resource.Quantity`: parsing and the canonical form Go
//! serializes (`2000m` → `2`, `1024Mi` → `1Gi`, `1000` → `1k`, `1.5` →
//! `1500m`), with the three formats (binary SI, decimal SI, decimal
//! exponent) kept as the input chose them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    BinarySi,
    DecimalSi,
    DecimalExponent,
}

/// A parsed quantity: `value × 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    value: i128,
    scale: i32,
    format: Format,
}

const QUANTITY_ERROR: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

impl Quantity {
    /// Parse as `resource.ParseQuantity` does.
    pub fn parse(s: &str) -> Result<Quantity, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("quantities must match the regular expression".into());
        }
        go_syntax(s).map_err(str::to_string)?;
        let b = s.as_bytes();
        let mut i = 0;
        let mut neg = false;
        if b[0] == b'+' || b[0] == b'-' {
            neg = b[0] == b'-';
            i = 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let int_part = &s[start..i];
        let mut frac_part = "";
        if i < b.len() && b[i] == b'.' {
            i += 1;
            let fs = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            frac_part = &s[fs..i];
        }
        // (A sign alone or a lone "." is 0 for Go.)
        let suffix = &s[i..];
        let (format, exp10, pow1024) = match suffix {
            "" => (Format::DecimalSi, 0, 0),
            "n" => (Format::DecimalSi, -9, 0),
            "u" => (Format::DecimalSi, -6, 0),
            "m" => (Format::DecimalSi, -3, 0),
            "k" => (Format::DecimalSi, 3, 0),
            "M" => (Format::DecimalSi, 6, 0),
            "G" => (Format::DecimalSi, 9, 0),
            "T" => (Format::DecimalSi, 12, 0),
            "P" => (Format::DecimalSi, 15, 0),
            "E" => (Format::DecimalSi, 18, 0),
            "Ki" => (Format::BinarySi, 0, 1),
            "Mi" => (Format::BinarySi, 0, 2),
            "Gi" => (Format::BinarySi, 0, 3),
            "Ti" => (Format::BinarySi, 0, 4),
            "Pi" => (Format::BinarySi, 0, 5),
            "Ei" => (Format::BinarySi, 0, 6),
            other => {
                let rest = other.strip_prefix('e').or_else(|| other.strip_prefix('E'));
                match rest.and_then(|r| r.parse::<i32>().ok()) {
                    Some(e) if !rest.unwrap_or("").is_empty() => (Format::DecimalExponent, e, 0),
                    _ => return Err(QUANTITY_ERROR.into()),
                }
            }
        };
        let digits = format!("{int_part}{frac_part}");
        let digits = digits.trim_start_matches('0');
        let mut value: i128 = if digits.is_empty() {
            0
        } else {
            digits
                .parse()
                .map_err(|_| "quantity is too large".to_string())?
        };
        #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
        let mut scale = exp10 - frac_part.len() as i32;
        for _ in 0..pow1024 {
            value = value.checked_mul(1024).ok_or("quantity is too large")?;
        }
        // Precision beyond nanos is rounded up.
        if scale < -9 {
            let mut up = false;
            while scale < -9 {
                if value % 10 != 0 {
                    up = true;
                }
                value /= 10;
                scale += 1;
            }
            if up {
                value += 1;
            }
        }
        if neg {
            value = -value;
        }
        Ok(Quantity {
            value,
            scale,
            format,
        })
    }

    /// The canonical text Go's `Quantity.MarshalJSON` writes.
    pub fn canonical(&self) -> String {
        if self.value == 0 {
            return "0".into();
        }
        let mut format = self.format;
        if format == Format::BinarySi {
            let integral = self.integral();
            if self.abs_lt(1024) || integral.is_none() {
                format = Format::DecimalSi;
            }
        }
        if format == Format::BinarySi {
            let mut v = self.integral().unwrap_or(0);
            let mut e = 0;
            while v % 1024 == 0 && e < 6 {
                v /= 1024;
                e += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][e];
            return format!("{v}{suffix}");
        }
        let (mut amount, mut exponent) = (self.value, self.scale);
        while amount != 0 && amount % 10 == 0 {
            amount /= 10;
            exponent += 1;
        }
        match exponent.rem_euclid(3) {
            1 => {
                amount *= 10;
                exponent -= 1;
            }
            2 => {
                amount *= 100;
                exponent -= 2;
            }
            _ => {}
        }
        let suffix = if format == Format::DecimalSi {
            match exponent {
                -9 => "n".to_string(),
                -6 => "u".into(),
                -3 => "m".into(),
                0 => String::new(),
                3 => "k".into(),
                6 => "M".into(),
                9 => "G".into(),
                12 => "T".into(),
                15 => "P".into(),
                18 => "E".into(),
                e => format!("e{e}"),
            }
        } else if exponent == 0 {
            String::new()
        } else {
            format!("e{exponent}")
        };
        format!("{amount}{suffix}")
    }

    fn integral(&self) -> Option<i128> {
        if self.scale >= 0 {
            let mut v = self.value;
            for _ in 0..self.scale {
                v = v.checked_mul(10)?;
            }
            Some(v)
        } else {
            let d = 10i128.checked_pow(self.scale.unsigned_abs())?;
            (self.value % d == 0).then(|| self.value / d)
        }
    }

    fn abs_lt(&self, n: i128) -> bool {
        if self.scale >= 0 {
            match self.integral() {
                Some(v) => v.abs() < n,
                None => false,
            }
        } else {
            let d = 10i128.pow(self.scale.unsigned_abs().min(30));
            self.value.abs() < n.saturating_mul(d)
        }
    }
}

/// `resource.ParseQuantity(s)`'s error, `None` when `s` parses (the
/// value is [`Quantity::parse`]'s work).
pub fn go_parse_error(s: &str) -> Option<&'static str> {
    go_syntax(s).err()
}

fn go_syntax(s: &str) -> Result<(), &'static str> {
    if s.is_empty() {
        return Err(QUANTITY_ERROR);
    }
    let b = s.as_bytes();
    let end = b.len();
    let mut pos = usize::from(matches!(b[0], b'-' | b'+'));
    let sign = pos;
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok(()); // zeros only (or a sign alone): 0
    }
    let num_start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos >= end {
        return Ok(());
    }
    // Go counts an empty numerator as "0".
    let num_len = (pos - num_start).max(1);
    let mut denom_len = 0;
    if b[pos] == b'.' {
        pos += 1;
        let denom_start = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        denom_len = pos - denom_start;
        if pos >= end {
            return Ok(());
        }
    }
    // The number part as written, leading zeros included.
    let has_digit = s[sign..pos].bytes().any(|c| c.is_ascii_digit());
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && matches!(b[pos], b'-' | b'+') {
        pos += 1;
    }
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos < end {
        return Err(QUANTITY_ERROR);
    }
    let suffix = &s[suffix_start..];
    let (binary, exponent): (bool, i64) = match suffix {
        "" => (false, 0),
        "n" => (false, -9),
        "u" => (false, -6),
        "m" => (false, -3),
        "k" => (false, 3),
        "M" => (false, 6),
        "G" => (false, 9),
        "T" => (false, 12),
        "P" => (false, 15),
        "E" => (false, 18),
        "Ki" => (true, 10),
        "Mi" => (true, 20),
        "Gi" => (true, 30),
        "Ti" => (true, 40),
        "Pi" => (true, 50),
        "Ei" => (true, 60),
        _ => match suffix.strip_prefix(['e', 'E']).filter(|r| !r.is_empty()) {
            Some(r) => match go_parse_int64(r) {
                Some(e) => (false, e),
                None => return Err("unable to parse quantity's suffix"),
            },
            None => return Err("unable to parse quantity's suffix"),
        },
    };
    // Go takes an integer fast path when the digits fit; otherwise it parses
    // the number part as a decimal, which needs at least one digit.
    #[allow(clippy::cast_possible_wrap, clippy::cast_possible_truncation)]
    let fast = if binary {
        denom_len == 0
    } else {
        num_len + denom_len <= 18 && i64::from(exponent as i32) - denom_len as i64 >= -9
    };
    if !fast && !has_digit {
        return Err("unable to parse numeric part of quantity");
    }
    Ok(())
}

/// `strconv.ParseInt(s, 10, 64)` succeeds.
fn go_parse_int64(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Canonicalize quantity text.
pub fn canonicalize(s: &str) -> Result<String, String> {
    Quantity::parse(s).map(|q| q.canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        for (i, o) in [
            ("2000m", "2"),
            ("1024Mi", "1Gi"),
            ("3000m", "3"),
            ("100m", "100m"),
            ("128Mi", "128Mi"),
            ("1000", "1k"),
            ("1.5", "1500m"),
            ("0", "0"),
            ("0Mi", "0"),
            ("512", "512"),
            ("1e3", "1e3"),
            ("0.5Gi", "512Mi"),
            ("1025", "1025"),
            ("100Ki", "100Ki"),
            ("1.5Ki", "1536"),
            ("10", "10"),
            ("1Gi", "1Gi"),
            ("2", "2"),
            ("0.1", "100m"),
            ("500M", "500M"),
            ("1.1n", "2n"),
            ("-1", "-1"),
            ("40Mi", "40Mi"),
        ] {
            assert_eq!(canonicalize(i).unwrap(), o, "{i}");
        }
        assert!(canonicalize("abc").is_err());
        assert!(canonicalize("1Zi").is_err());
    }
}
