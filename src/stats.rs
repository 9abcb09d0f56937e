//! Statistics shared by the tables: a seeded generator, percentile bootstraps of a rate and of a
//! mean, and the Poisson interval of a count.

/// SplitMix64: small, seeded, reproducible on every platform.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }
}

/// Percentile bootstrap of sum(hedges)/sum(tokens)×1000, widened to the Poisson interval.
pub fn bootstrap_rate(
    docs: &[(u64, u64)],
    resamples: usize,
    seed: u64,
) -> (Option<f64>, Option<f64>) {
    let tokens: u64 = docs.iter().map(|d| d.1).sum();
    if tokens == 0 {
        return (None, None);
    }
    let hedges: u64 = docs.iter().map(|d| d.0).sum();
    let stats = resampled_rates(docs, resamples, seed);
    let q = |p: f64| percentile(&stats, p);
    let (pl, ph) = poisson_interval(hedges);
    let pl = pl / tokens as f64 * 1000.0;
    let ph = ph / tokens as f64 * 1000.0;
    let lo = q(0.025).map(|b| b.min(pl)).unwrap_or(pl);
    let hi = q(0.975).map(|b| b.max(ph)).unwrap_or(ph);
    (Some(lo), Some(hi))
}

/// The rates (hedges per 1000 tokens) of `resamples` resamples of the documents, sorted; a
/// resample without tokens gives none.
fn resampled_rates(docs: &[(u64, u64)], resamples: usize, seed: u64) -> Vec<f64> {
    let mut rng = SplitMix(seed);
    let mut stats = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        let (mut h, mut t) = (0u64, 0u64);
        for _ in 0..docs.len() {
            let d = docs[rng.below(docs.len())];
            h += d.0;
            t += d.1;
        }
        if t > 0 {
            stats.push(h as f64 / t as f64 * 1000.0);
        }
    }
    stats.sort_by(|a, b| a.total_cmp(b));
    stats
}

/// Percentile bootstrap interval (95%) of a mean (a single value gets no interval: null).
pub fn bootstrap_mean(v: &[f64], resamples: usize, seed: u64) -> (Option<f64>, Option<f64>) {
    if v.len() < 2 {
        return (None, None);
    }
    let mut rng = SplitMix(seed);
    let mut means: Vec<f64> = (0..resamples)
        .map(|_| (0..v.len()).map(|_| v[rng.below(v.len())]).sum::<f64>() / v.len() as f64)
        .collect();
    means.sort_by(|a, b| a.total_cmp(b));
    (percentile(&means, 0.025), percentile(&means, 0.975))
}

/// The `p` quantile of sorted values (nearest rank), `None` when there are none.
fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    sorted
        .get(((sorted.len() as f64 - 1.0) * p).round() as usize)
        .copied()
}

/// 95% interval for a Poisson count (Byar's approximation; exact 0 lower bound for 0).
pub fn poisson_interval(x: u64) -> (f64, f64) {
    let z = 1.959964;
    let xf = x as f64;
    let lo = if x == 0 {
        0.0
    } else {
        xf * (1.0 - 1.0 / (9.0 * xf) - z / (3.0 * xf.sqrt())).powi(3)
    };
    let x1 = xf + 1.0;
    let hi = x1 * (1.0 - 1.0 / (9.0 * x1) + z / (3.0 * x1.sqrt())).powi(3);
    (lo.max(0.0), hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_interval_is_close_to_exact() {
        // Exact Garwood interval for 10: (4.795, 18.39).
        let (l, h) = poisson_interval(10);
        assert!(
            (l - 4.795).abs() < 0.05 && (h - 18.39).abs() < 0.1,
            "{l} {h}"
        );
        assert_eq!(poisson_interval(0).0, 0.0);
    }

    #[test]
    fn one_document_gets_a_wide_interval() {
        let (l, h) = bootstrap_rate(&[(10, 1000)], 500, 1);
        let (l, h) = (l.unwrap(), h.unwrap());
        assert!(l < 6.0 && h > 15.0, "{l} {h}");
    }

    #[test]
    fn splitmix_gives_the_reference_sequence() {
        // SplitMix64 (Steele, Lea & Flood 2014), seed 0: the reference implementation's first
        // three outputs
        let mut r = SplitMix(0);
        assert_eq!(
            [r.next(), r.next(), r.next()],
            [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]
        );
        let mut r = SplitMix(7);
        assert!((0..1000).all(|_| r.below(3) < 3));
    }

    #[test]
    fn bootstrap_depends_on_its_seed_and_brackets_the_rate() {
        let docs: Vec<(u64, u64)> = (0..30).map(|i| (i % 7, 500 + i * 13)).collect();
        let a = bootstrap_rate(&docs, 1000, 42);
        // (the rate's interval is often the Poisson one, which no seed moves)
        let b = bootstrap_rate(&docs, 1000, 43);
        let point = docs.iter().map(|d| d.0).sum::<u64>() as f64
            / docs.iter().map(|d| d.1).sum::<u64>() as f64
            * 1000.0;
        for (l, h) in [a, b] {
            assert!(l.unwrap() < point && point < h.unwrap());
        }
        let (l, h) = bootstrap_mean(&[1.0, 2.0, 3.0, 4.0], 1000, 42);
        assert!(l.unwrap() >= 1.0 && l < h && h.unwrap() <= 4.0);
        let v: Vec<f64> = (0..40).map(|i| ((i * 37) % 11) as f64).collect();
        assert_ne!(
            bootstrap_mean(&v, 1000, 42),
            bootstrap_mean(&v, 1000, 43),
            "another seed, another resample"
        );
    }
}
