//! The dataset shipped in the crate, in the same JSON format users load.

/// The embedded dataset's JSON text.
pub(crate) const JSON: &str = include_str!("itu_gdc_2025.json");

/// The version of the embedded dataset's encoding. It changes whenever the data does.
pub const DATASET_VERSION: &str = "2025.1.4";

/// The document the embedded dataset encodes.
pub const SOURCE_DOCUMENT: &str = "ITU Council 2025 information document: update on the ITU action \
     plan in support of the Global Digital Compact (Chinese text)";

/// A 64-bit FNV-1a hash of the embedded JSON, as 16 lowercase hex digits: cite it beside
/// [`DATASET_VERSION`] to pin exactly which data an answer came from.
#[allow(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an index out of bounds fails the build, never a user"
)]
pub const DATASET_CONTENT_HASH: &str = {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    const HASH: u64 = fnv1a(JSON.as_bytes());
    const BYTES: [u8; 16] = {
        let mut out = [0u8; 16];
        let mut i = 0;
        while i < 16 {
            out[i] = HEX[((HASH >> (60 - 4 * i)) & 0xf) as usize];
            i += 1;
        }
        out
    };
    match std::str::from_utf8(&BYTES) {
        Ok(s) => s,
        Err(_) => "",
    }
};

#[allow(
    clippy::indexing_slicing,
    reason = "`i < bytes.len()` is the loop condition; const fn cannot call `get`"
)]
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

#[cfg(test)]
mod tests {
    #[test]
    fn hash_is_hex_of_fnv1a() {
        assert_eq!(super::DATASET_CONTENT_HASH.len(), 16);
        assert_eq!(
            u64::from_str_radix(super::DATASET_CONTENT_HASH, 16).unwrap(),
            super::fnv1a(super::JSON.as_bytes())
        );
        assert_eq!(super::fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
