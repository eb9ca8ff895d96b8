//! Just enough X.509 for `proxy-config secret` (serial number, validity,
//! whether the certificate is a CA, its SPIFFE trust domain) and for
//! `analyze`'s gateway credential check (does a PEM chain parse as
//! certificates, and is each one valid now). A small DER reader instead of a
//! certificate crate: both need a handful of fields and a structural check.

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
            // DER: the shortest length form only.
            if len < 0x80 || *self.data.get(2)? == 0 {
                return None;
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

/// Why a PEM certificate chain is rejected (see [`check_pem_chain`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainProblem {
    /// No PEM block could be decoded.
    NoPem,
    /// The first block's bytes are not a sequence of DER certificates.
    Malformed,
    /// A certificate is expired or not yet valid at the given time.
    OutsideValidity,
}

/// The check Istio applies to a gateway credential's certificate
/// (`pilot/pkg/xds` `ValidateCertificate`): the first PEM block, whatever its
/// type, must hold one or more DER certificates back to back, each valid at
/// `now` (seconds since the epoch). Like Go, the block type and any further
/// blocks are not looked at.
pub fn check_pem_chain(pem: &[u8], now: i64) -> Result<(), ChainProblem> {
    let der = pem_first_block(pem).ok_or(ChainProblem::NoPem)?;
    let windows = parse_certificates_strict(&der).ok_or(ChainProblem::Malformed)?;
    if windows.iter().any(|&(nb, na)| now > na || now < nb) {
        return Err(ChainProblem::OutsideValidity);
    }
    Ok(())
}

/// Go's `x509.ParseCertificates` as a structural check: every certificate in
/// the concatenation must have the X.509 v1-v3 layout (TBS fields in order
/// with their tags, well-formed times, signature algorithm and bit string,
/// nothing trailing). Returns each certificate's (notBefore, notAfter). Not
/// checked, unlike Go: the contents of names, keys and extensions.
pub fn parse_certificates_strict(der: &[u8]) -> Option<Vec<(i64, i64)>> {
    let mut all = Der::new(der);
    let mut out = Vec::new();
    if all.is_empty() {
        return None;
    }
    while !all.is_empty() {
        out.push(strict_certificate(all.expect(0x30)?)?);
    }
    Some(out)
}

/// The length in bytes of the first DER element of `der` (tag, length and
/// contents), when it is well-formed and complete.
pub fn first_element_len(der: &[u8]) -> Option<usize> {
    let mut d = Der::new(der);
    d.read()?;
    Some(der.len() - d.data.len())
}

fn algorithm_identifier(d: &mut Der<'_>) -> Option<()> {
    let mut alg = Der::new(d.expect(0x30)?);
    alg.expect(0x06)?;
    Some(())
}

fn strict_certificate(cert: &[u8]) -> Option<(i64, i64)> {
    let mut cert = Der::new(cert);
    let mut tbs = Der::new(cert.expect(0x30)?);
    algorithm_identifier(&mut cert)?;
    let sig = cert.expect(0x03)?;
    if sig.first().is_none_or(|unused| *unused > 7) || !cert.is_empty() {
        return None;
    }
    if tbs.peek_tag() == Some(0xa0) {
        let mut v = Der::new(tbs.read()?.1);
        let version = v.expect(0x02)?;
        if version.len() != 1 || version[0] > 2 || !v.is_empty() {
            return None;
        }
    }
    let serial = tbs.expect(0x02)?;
    // Go (1.23 on) rejects negative serial numbers.
    if serial.first().is_none_or(|b| b & 0x80 != 0) {
        return None;
    }
    algorithm_identifier(&mut tbs)?;
    tbs.expect(0x30)?; // issuer
    let mut validity = Der::new(tbs.expect(0x30)?);
    let not_before = read_time(&mut validity)?;
    let not_after = read_time(&mut validity)?;
    if !validity.is_empty() {
        return None;
    }
    tbs.expect(0x30)?; // subject
    let mut spki = Der::new(tbs.expect(0x30)?);
    algorithm_identifier(&mut spki)?;
    spki.expect(0x03)?;
    for optional in [0x81, 0x82, 0xa3] {
        if tbs.peek_tag() == Some(optional) {
            let (_, contents) = tbs.read()?;
            if optional == 0xa3 {
                let mut wrapped = Der::new(contents);
                let mut exts = Der::new(wrapped.expect(0x30)?);
                if !wrapped.is_empty() || exts.is_empty() {
                    return None;
                }
                while !exts.is_empty() {
                    let mut ext = Der::new(exts.expect(0x30)?);
                    ext.expect(0x06)?;
                    if ext.peek_tag() == Some(0x01) {
                        ext.read()?;
                    }
                    ext.expect(0x04)?;
                    if !ext.is_empty() {
                        return None;
                    }
                }
            }
        }
    }
    tbs.is_empty().then_some((not_before, not_after))
}

/// Seconds since the epoch, now.
pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
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
    // MMDDHHMM[SS], digits only (Go accepts UTCTime without seconds).
    if !matches!(rest.len(), 8 | 10) || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> { rest.get(r)?.parse().ok() };
    let (mo, da, h, mi) = (num(0..2)?, num(2..4)?, num(4..6)?, num(6..8)?);
    let se = num(8..10).unwrap_or(0);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&da) || h > 23 || mi > 59 || se > 59 {
        return None;
    }
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

    /// A self-signed P-256 certificate, notBefore 2026-11-26T03:43:55Z,
    /// notAfter 2126-11-02T03:43:55Z (openssl req -x509, serial 7).
    const CERT: &str = "-----BEGIN CERTIFICATE-----\nMIIBazCCARKgAwIBAgIBBzAKBggqhkjOPQQDAjAUMRIwEAYDVQQKDAltYXN0LXRl\nc3QwIBcNMjYxMTI2MDM0MzU1WhgPMjEyNjExMDIwMzQzNTVaMBQxEjAQBgNVBAoM\nCW1hc3QtdGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABACNFFz/m6ENwk5S\ngEHqmD1fPU8qf6SPI+xSfXRr7MKAmYuM+ySO7MDIYaKSQ/Vu5HB890wVWOCrjbjd\n0pS6XoCjUzBRMB0GA1UdDgQWBBTei2o03OduUn4KiwunnJqos6BiozAfBgNVHSME\nGDAWgBTei2o03OduUn4KiwunnJqos6BiozAPBgNVHRMBAf8EBTADAQH/MAoGCCqG\nSM49BAMCA0cAMEQCIEIBu7qsdndfTWQ+IkUQ13TV0JeGgHFj4GsHO4uP1z+JAiBb\ntzc0+1dfn1ZNgzQLX2KuaPwLexJdz1fGuSsTHNz8kA==\n-----END CERTIFICATE-----\n";

    #[test]
    fn pem_chain_checks() {
        let nb = days_from_civil(2026, 11, 26) * 86_400 + 3 * 3600 + 43 * 60 + 55;
        let na = days_from_civil(2126, 11, 2) * 86_400 + 3 * 3600 + 43 * 60 + 55;
        let der = pem_first_block(CERT.as_bytes()).unwrap();
        assert_eq!(parse_certificates_strict(&der), Some(vec![(nb, na)]));
        let two = [der.clone(), der.clone()].concat();
        assert_eq!(parse_certificates_strict(&two).map(|v| v.len()), Some(2));
        assert_eq!(check_pem_chain(CERT.as_bytes(), nb), Ok(()));
        assert_eq!(check_pem_chain(CERT.as_bytes(), na), Ok(()));
        assert_eq!(
            check_pem_chain(CERT.as_bytes(), na + 1),
            Err(ChainProblem::OutsideValidity)
        );
        assert_eq!(
            check_pem_chain(CERT.as_bytes(), nb - 1),
            Err(ChainProblem::OutsideValidity)
        );
        assert_eq!(
            check_pem_chain(b"hush hush hush\n", nb),
            Err(ChainProblem::NoPem)
        );
        // Truncated, trailing garbage, or a key where a certificate belongs.
        assert!(parse_certificates_strict(&der[..der.len() - 1]).is_none());
        assert!(parse_certificates_strict(&[der.as_slice(), &[0]].concat()).is_none());
        assert!(parse_certificates_strict(&[0x30, 0x03, 0x02, 0x01, 0x00]).is_none());
        assert!(parse_certificates_strict(&[]).is_none());
        let info = parse_certificate(&der).unwrap();
        assert_eq!(info.serial, vec![7]);
        assert!(info.is_ca);
    }
}
