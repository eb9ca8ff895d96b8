//! Address syntax as Go's `net/netip` reads it, shared by inject's annotation
//! checks and analyze (Istio validates IP ranges with `netip.ParsePrefix`).

use std::net::IpAddr;

/// `a.b.c.d/n` or `x::/n` as `netip.ParsePrefix` accepts it: prefix length
/// in decimal digits, no sign or leading zero, at most 32 or 128.
pub fn is_cidr(s: &str) -> bool {
    let Some((addr, bits)) = s.split_once('/') else {
        return false;
    };
    let Ok(a) = addr.parse::<IpAddr>() else {
        return false;
    };
    let max = if a.is_ipv4() { 32 } else { 128 };
    !bits.is_empty()
        && bits.bytes().all(|b| b.is_ascii_digit())
        && (bits == "0" || !bits.starts_with('0'))
        && bits.parse::<u32>().is_ok_and(|b| b <= max)
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
