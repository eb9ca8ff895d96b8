//! Just enough X.509 for the secret table: serial number, validity, whether
//! the certificate is a CA, and its SPIFFE trust domain. A small DER reader
//! instead of a certificate crate: the secret table needs four fields.

// Docs here quote proto field names and Go identifiers verbatim.
#![allow(clippy::doc_markdown)]

use base64::Engine as _;

/// What the secret table shows about a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// Serial number as big-endian bytes without leading zeros.
    pub serial: Vec<u8>,
    pub serial_negative: bool,
    /// Seconds since the Unix epoch.
    pub not_before: i64,
    pub not_after: i64,
    pub is_ca: bool,
    /// Host part of the last `spiffe://` URI SAN.
    pub spiffe_trust_domain: Option<String>,
}

impl CertInfo {
    /// Go's `fmt.Sprintf("%032x", cert.SerialNumber)`.
    pub fn serial_hex(&self) -> String {
        let mut hex = String::with_capacity(self.serial.len() * 2);
        for b in &self.serial {
            let _ = std::fmt::Write::write_fmt(&mut hex, format_args!("{b:02x}"));
        }
        let trimmed = hex.trim_start_matches('0').to_string();
        hex = if trimmed.is_empty() {
            "0".into()
        } else {
            trimmed
        };
        let padded = format!("{hex:0>32}");
        if self.serial_negative {
            format!("-{padded}")
        } else {
            padded
        }
    }
}

/// Decode the first PEM block of `text` (Go's `pem.Decode`, headers ignored).
pub fn pem_first_block(text: &[u8]) -> Option<Vec<u8>> {
    let s = std::str::from_utf8(text).ok()?;
    let start = s.find("-----BEGIN ")?;
    let rest = &s[start..];
    let body_start = rest.find('\n')? + 1;
    let body = &rest[body_start..];
    let end = body.find("-----END ")?;
    let b64: String = body[..end]
        .lines()
        .filter(|l| !l.contains(':'))
        .flat_map(|l| l.chars().filter(|c| !c.is_whitespace()))
        .collect();
    base64::engine::general_purpose::STANDARD.decode(b64).ok()
}

struct Der<'a> {
    data: &'a [u8],
}

impl<'a> Der<'a> {
    fn new(data: &'a [u8]) -> Self {
        Der { data }
    }

    fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    fn peek_tag(&self) -> Option<u8> {
        self.data.first().copied()
    }

    /// Read one TLV, returning (tag, contents).
    fn read(&mut self) -> Option<(u8, &'a [u8])> {
        let tag = *self.data.first()?;
        let first = *self.data.get(1)?;
        let (len, hdr) = if first < 0x80 {
            (first as usize, 2)
        } else {
            let n = (first & 0x7f) as usize;
            if n == 0 || n > 4 {
                return None;
            }
            let mut len = 0usize;
            for i in 0..n {
                len = (len << 8) | *self.data.get(2 + i)? as usize;
            }
            (len, 2 + n)
        };
        let contents = self.data.get(hdr..hdr + len)?;
        self.data = &self.data[hdr + len..];
        Some((tag, contents))
    }

    fn expect(&mut self, tag: u8) -> Option<&'a [u8]> {
        let (t, c) = self.read()?;
        (t == tag).then_some(c)
    }
}

const OID_BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
const OID_SAN: &[u8] = &[0x55, 0x1d, 0x11];

/// Parse a DER certificate.
pub fn parse_certificate(der: &[u8]) -> Option<CertInfo> {
    let mut outer = Der::new(der);
    let cert = outer.expect(0x30)?;
    let mut cert = Der::new(cert);
    let tbs = cert.expect(0x30)?;
    let mut tbs = Der::new(tbs);
    if tbs.peek_tag() == Some(0xa0) {
        tbs.read()?; // version
    }
    let serial = tbs.expect(0x02)?;
    let serial_negative = serial.first().is_some_and(|b| b & 0x80 != 0);
    let serial = if serial_negative {
        twos_complement_magnitude(serial)
    } else {
        serial.iter().copied().skip_while(|b| *b == 0).collect()
    };
    tbs.expect(0x30)?; // signature algorithm
    tbs.expect(0x30)?; // issuer
    let validity = tbs.expect(0x30)?;
    let mut validity = Der::new(validity);
    let not_before = read_time(&mut validity)?;
    let not_after = read_time(&mut validity)?;
    tbs.expect(0x30)?; // subject
    tbs.expect(0x30)?; // subject public key info
    let mut is_ca = false;
    let mut spiffe_trust_domain = None;
    while !tbs.is_empty() {
        let (tag, contents) = tbs.read()?;
        if tag != 0xa3 {
            continue;
        }
        let mut exts = Der::new(Der::new(contents).expect(0x30)?);
        while !exts.is_empty() {
            let mut ext = Der::new(exts.expect(0x30)?);
            let oid = ext.expect(0x06)?;
            if ext.peek_tag() == Some(0x01) {
                ext.read()?; // critical
            }
            let value = ext.expect(0x04)?;
            if oid == OID_BASIC_CONSTRAINTS {
                let mut bc = Der::new(Der::new(value).expect(0x30)?);
                if bc.peek_tag() == Some(0x01) {
                    is_ca = bc.read()?.1.first().is_some_and(|b| *b != 0);
                }
            } else if oid == OID_SAN {
                let mut names = Der::new(Der::new(value).expect(0x30)?);
                while !names.is_empty() {
                    let (t, v) = names.read()?;
                    if t == 0x86
                        && let Ok(uri) = std::str::from_utf8(v)
                        && let Some(rest) = uri.strip_prefix("spiffe://")
                    {
                        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
                        spiffe_trust_domain = Some(host.to_string());
                    }
                }
            }
        }
    }
    Some(CertInfo {
        serial,
        serial_negative,
        not_before,
        not_after,
        is_ca,
        spiffe_trust_domain,
    })
}

fn twos_complement_magnitude(bytes: &[u8]) -> Vec<u8> {
    let mut v: Vec<u8> = bytes.iter().map(|b| !b).collect();
    for b in v.iter_mut().rev() {
        let (n, carry) = b.overflowing_add(1);
        *b = n;
        if !carry {
            break;
        }
    }
    v.into_iter().skip_while(|b| *b == 0).collect()
}

#[allow(clippy::many_single_char_names)]
fn read_time(d: &mut Der<'_>) -> Option<i64> {
    let (tag, v) = d.read()?;
    let s = std::str::from_utf8(v).ok()?;
    let s = s.strip_suffix('Z')?;
    let (year, rest) = match tag {
        0x17 => {
            let yy: i64 = s.get(0..2)?.parse().ok()?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, s.get(2..)?)
        }
        0x18 => (s.get(0..4)?.parse().ok()?, s.get(4..)?),
        _ => return None,
    };
    let num = |r: std::ops::Range<usize>| -> Option<i64> { rest.get(r)?.parse().ok() };
    let (mo, da, h, mi) = (num(0..2)?, num(2..4)?, num(4..6)?, num(6..8)?);
    let se = num(8..10).unwrap_or(0);
    Some(days_from_civil(year, mo, da) * 86_400 + h * 3600 + mi * 60 + se)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// RFC 3339 in UTC (`2033-05-02T03:41:33Z`), as Go's `time.RFC3339`.
#[allow(clippy::many_single_char_names)]
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        let t = days_from_civil(2033, 5, 2) * 86_400 + 3 * 3600 + 41 * 60 + 33;
        assert_eq!(rfc3339(t), "2033-05-02T03:41:33Z");
        assert_eq!(
            rfc3339(days_from_civil(2024, 2, 29) * 86_400),
            "2024-02-29T00:00:00Z"
        );
    }

    #[test]
    fn serial_padding() {
        let c = CertInfo {
            serial: vec![0x01, 0x93],
            serial_negative: false,
            not_before: 0,
            not_after: 0,
            is_ca: false,
            spiffe_trust_domain: None,
        };
        assert_eq!(c.serial_hex(), "00000000000000000000000000000193");
    }
}
