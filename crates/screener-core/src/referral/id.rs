//! The referral's identifier and the short reference a person can quote.

use std::fmt;

/// 128 random bits made on the device when the person consents, shown as a version 4
/// UUID. It names the request on the server (the conditional create's identifier), so
/// every retry of one request is recognised as the same request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReferralId([u8; 16]);

/// Crockford's base 32: no I, L, O or U, so a reference read out on the phone is not
/// misheard or mistyped.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl ReferralId {
    /// An identifier from 16 random bytes (from `crypto.getRandomValues` in the browser),
    /// with the UUID version (4) and variant bits set.
    pub fn from_random(mut bytes: [u8; 16]) -> ReferralId {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        ReferralId(bytes)
    }

    /// Reads the hyphenated UUID form written by [`fmt::Display`].
    pub fn parse(s: &str) -> Option<ReferralId> {
        let hex: Vec<u8> = s.bytes().filter(|&b| b != b'-').collect();
        if hex.len() != 32 || s.len() != 36 {
            return None;
        }
        let mut bytes = [0u8; 16];
        for (i, pair) in hex.chunks(2).enumerate() {
            let text = std::str::from_utf8(pair).ok()?;
            bytes[i] = u8::from_str_radix(text, 16).ok()?;
        }
        Some(ReferralId(bytes))
    }

    /// The `urn:uuid:` form used as the identifier's value.
    pub fn urn(&self) -> String {
        format!("urn:uuid:{self}")
    }

    /// A distinct UUID for the `n`th entry of the bundle (its `fullUrl`), derived so the
    /// same referral always makes the same bundle.
    pub fn entry_urn(&self, n: u8) -> String {
        let mut bytes = self.0;
        bytes[15] ^= n.wrapping_add(1);
        format!("urn:uuid:{}", ReferralId(bytes))
    }

    /// The short reference a person quotes to the service: the first 40 bits in
    /// Crockford base 32, as two groups of four (`7K2M-9QXD`). Also stored on the
    /// ServiceRequest, so staff can find the request by it.
    pub fn reference(&self) -> String {
        let bits = self.0[..5]
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let mut out = String::with_capacity(9);
        for i in 0..8 {
            if i == 4 {
                out.push('-');
            }
            let index = (bits >> (35 - 5 * i)) & 0x1f;
            out.push(char::from(CROCKFORD[index as usize]));
        }
        out
    }
}

impl fmt::Display for ReferralId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_form_round_trips_and_is_version_4() {
        let id = ReferralId::from_random([0xff; 16]);
        let text = id.to_string();
        assert_eq!(text, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(ReferralId::parse(&text), Some(id));
        assert_eq!(ReferralId::parse("not-a-uuid"), None);
        assert_ne!(id.entry_urn(0), id.entry_urn(1));
        assert_ne!(id.entry_urn(0), id.urn());
    }

    #[test]
    fn reference_is_crockford_base32_of_the_first_40_bits() {
        assert_eq!(ReferralId::from_random([0; 16]).reference(), "0000-0000");
        assert_eq!(ReferralId::from_random([0xff; 16]).reference(), "ZZZZ-ZZZZ");
        let r = ReferralId::from_random([
            0x12, 0x34, 0x56, 0x78, 0x9a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ])
        .reference();
        // 0x123456789a = 00010 01000 11010 00101 01100 11110 00100 11010
        assert_eq!(r, "28T5-CY4T");
        assert!(!r.contains(['I', 'L', 'O', 'U']));
    }
}
