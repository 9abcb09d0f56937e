//! The token cache: a token as written to its word id in one probe of a flat table, and the
//! prefetch hint the counting loop uses to hide cache misses.

/// A cache from a token as written to its word id, so that a token seen before costs one probe
/// of a flat table with the word stored inline: no lowercasing, no string hashing, no pointer to
/// follow. Tokens longer than [`RawWords::KEY`] bytes, and new tokens once the table is full,
/// take the slow path (normalize, then the vocabulary map); the ids are the same either way.
#[derive(Default)]
pub(super) struct RawWords {
    slots: Vec<RawSlot>,
    used: usize,
}

#[derive(Clone, Copy, Default)]
struct RawSlot {
    key: [u64; 3],
    /// Key length plus one; 0 marks an empty slot.
    len: u32,
    id: u32,
}

impl RawWords {
    const KEY: usize = 24;
    /// Largest table: 2^20 slots of 32 bytes, 32 MiB per worker.
    const MAX_SLOTS: usize = 1 << 20;

    #[inline]
    fn key(w: &[u8]) -> Option<[u64; 3]> {
        if w.len() > Self::KEY {
            return None;
        }
        let mut b = [0u8; 24];
        b[..w.len()].copy_from_slice(w);
        Some([le_word(&b, 0), le_word(&b, 8), le_word(&b, 16)])
    }

    /// [`RawWords::key`] of `text[start..end]`, read as three words straight from the text and
    /// masked to the token's length when 24 bytes of text follow `start` (nearly always), instead
    /// of a byte copy into a zeroed buffer.
    #[inline]
    fn key_in(text: &[u8], start: usize, end: usize) -> Option<[u64; 3]> {
        let len = end - start;
        if len > Self::KEY {
            return None;
        }
        let Some(b) = text.get(start..start + 24) else {
            return Self::key(&text[start..end]);
        };
        let word = |i: usize| {
            let v = le_word(b, i);
            match len.saturating_sub(i) {
                0 => 0,
                n if n >= 8 => v,
                n => v & ((1u64 << (8 * n)) - 1),
            }
        };
        Some([word(0), word(8), word(16)])
    }

    /// The key's hash; its low bits (under the table's mask) give the first slot to probe.
    #[inline]
    fn hash(k: &[u64; 3], len: usize) -> u32 {
        let h = (k[0].wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ k[1].wrapping_mul(0xC2B2_AE3D_27D4_EB4F).rotate_left(23)
            ^ k[2].wrapping_mul(0x1656_67B1_9E37_79F9).rotate_left(47)
            ^ len as u64)
            .wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        (h >> 32) as u32
    }

    #[inline]
    fn slot_of(k: &[u64; 3], len: usize, mask: usize) -> usize {
        Self::hash(k, len) as usize & mask
    }

    /// The hash of a token (0 for one too long to cache), with its first slot prefetched.
    #[inline]
    pub(super) fn hash_and_prefetch(&self, text: &[u8], start: usize, end: usize) -> u32 {
        match Self::key_in(text, start, end) {
            Some(k) if !self.slots.is_empty() => {
                let h = Self::hash(&k, end - start);
                let i = h as usize & (self.slots.len() - 1);
                prefetch(self.slots.as_ptr().wrapping_add(i));
                h
            }
            _ => 0,
        }
    }

    #[cfg(test)]
    fn get(&self, w: &[u8]) -> Option<u32> {
        let h = Self::key(w).map_or(0, |k| Self::hash(&k, w.len()));
        self.get_hashed(w, 0, w.len(), h)
    }

    /// The id of a token whose hash is `h` (from [`RawWords::hash_and_prefetch`]; the table may
    /// have grown since, so the slot is taken under the current mask).
    #[inline]
    pub(super) fn get_hashed(&self, text: &[u8], start: usize, end: usize, h: u32) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let k = Self::key_in(text, start, end)?;
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let s = &self.slots[i];
            if s.len == 0 {
                return None;
            }
            if s.len as usize == end - start + 1 && s.key == k {
                return Some(s.id);
            }
            i = (i + 1) & mask;
        }
    }

    pub(super) fn insert(&mut self, w: &[u8], id: u32) {
        let Some(k) = Self::key(w) else { return };
        if (self.used + 1) * 2 > self.slots.len() && !self.grow() {
            return; // full: later new tokens take the slow path
        }
        self.place(RawSlot {
            key: k,
            len: w.len() as u32 + 1,
            id,
        });
    }

    /// Doubles the table (at least 4,096 slots) and places its tokens again; false when it is
    /// at its largest already.
    fn grow(&mut self) -> bool {
        if self.slots.len() >= Self::MAX_SLOTS {
            return false;
        }
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![RawSlot::default(); (old.len() * 2).max(1 << 12)];
        self.used = 0;
        for s in old.into_iter().filter(|s| s.len > 0) {
            self.place(s);
        }
        true
    }

    fn place(&mut self, s: RawSlot) {
        let mask = self.slots.len() - 1;
        let mut i = Self::slot_of(&s.key, s.len as usize - 1, mask);
        while self.slots[i].len != 0 {
            if self.slots[i].len == s.len && self.slots[i].key == s.key {
                return;
            }
            i = (i + 1) & mask;
        }
        self.slots[i] = s;
        self.used += 1;
    }
}

/// The little-endian word at `b[i..i + 8]` (one unaligned load).
#[inline(always)]
fn le_word(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// Asks the processor to bring the cache line at `p` in, so that a later load finds it there.
#[inline(always)]
pub(super) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: PREFETCHT0 is only a hint: it loads nothing into a register and never faults,
    // whatever the address (`p` may be dangling); SSE is part of the x86_64 baseline.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_word_cache_finds_what_was_put_and_nothing_else() {
        let mut r = RawWords::default();
        assert_eq!(r.get(b"the"), None);
        let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            r.insert(w.as_bytes(), i as u32);
        }
        r.insert(b"The", 7);
        r.insert(b"a-very-long-token-of-more-than-24-bytes", 9);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(r.get(w.as_bytes()), Some(i as u32));
        }
        assert_eq!(r.get(b"The"), Some(7));
        assert_eq!(r.get(b"the"), None, "keys are the token as written");
        assert_eq!(r.get(b"The\0"), None, "length is part of the key");
        assert_eq!(r.get(b"a-very-long-token-of-more-than-24-bytes"), None);
    }

    #[test]
    fn key_read_from_the_text_is_the_copied_key() {
        let text = "Ab cdefghijklmnopqrstuvwxyz0123456789 «ÉTÉ» — end".as_bytes();
        for s in 0..text.len() {
            for e in s..text.len().min(s + 27) {
                assert_eq!(
                    RawWords::key_in(text, s, e),
                    RawWords::key(&text[s..e]),
                    "{s}..{e}"
                );
            }
        }
    }
}
