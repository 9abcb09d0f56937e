//! Keyness: how much more (or less) often a term occurs in a source than in its reference, with
//! the evidence for it. Each measure is a small pure function of the four counts of a
//! [`Contingency`]; [`super::terms`] makes the columns of terms.csv from them.
//!
//! The arithmetic follows, operation for operation, the polars expressions that computed these
//! columns before, so the tables are byte-identical (`ln(x)` there was `x.log(e)`, which is
//! `x.ln() / 1.0`; `log10(x)` was `x.log(10.0)`, i.e. `x.ln() / 10.0.ln()`; and polars divides
//! by a constant as a multiplication by its reciprocal, so `x / ln 2` is `x * (1 / ln 2)`).

/// The four counts keyness compares (Rayson & Garside 2000): the term's count in the source (`a`)
/// and in the reference (`b`), and the sizes of the two (`c`, `d`: tokens of the term's n-gram
/// size). A reference of size 0 (`d = 0`: no reference for this row) gives no keyness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contingency {
    /// Count in the source.
    pub a: f64,
    /// Count in the reference.
    pub b: f64,
    /// Size of the source.
    pub c: f64,
    /// Size of the reference.
    pub d: f64,
}

impl Contingency {
    /// The contingency of integer counts.
    pub fn new(count: u64, ref_count: u64, total: u64, ref_total: u64) -> Self {
        Contingency {
            a: count as f64,
            b: ref_count as f64,
            c: total as f64,
            d: ref_total as f64,
        }
    }

    /// Whether there is a reference to compare with (`d > 0`).
    fn has_reference(&self) -> bool {
        self.d > 0.0
    }

    /// Relative frequency in the source, `a / c`.
    fn source_rate(&self) -> f64 {
        self.a / self.c
    }

    /// Relative frequency in the reference, `b / d`.
    fn reference_rate(&self) -> f64 {
        self.b / self.d
    }
}

/// Log-likelihood G² (unsigned; Rayson & Garside 2000): `2 Σ O ln(O / E)` over the source and the
/// reference, with expected counts `E₁ = c (a + b) / (c + d)` and `E₂ = d (a + b) / (c + d)`; an
/// observed count of 0 adds 0.
pub fn log_likelihood(k: &Contingency) -> f64 {
    let e1 = k.c * (k.a + k.b) / (k.c + k.d);
    let e2 = k.d * (k.a + k.b) / (k.c + k.d);
    2.0 * (o_ln_o_over_e(k.a, e1) + o_ln_o_over_e(k.b, e2))
}

/// One term of G²: `O ln(O / E)`, 0 when nothing was observed.
fn o_ln_o_over_e(observed: f64, expected: f64) -> f64 {
    if observed > 0.0 {
        observed * (observed / expected).ln()
    } else {
        0.0
    }
}

/// G² with the sign of the difference: negative when the term is relatively rarer in the source
/// than in the reference; none without a reference. `g2` is [`log_likelihood`] of `k`.
pub fn signed_g2(k: &Contingency, g2: f64) -> Option<f64> {
    let rarer = nan_last_lt(k.source_rate(), k.reference_rate());
    k.has_reference().then_some(if rarer { -g2 } else { g2 })
}

/// `x < y` as polars compares floats (NaN greater than every number): it decided the sign of G².
fn nan_last_lt(x: f64, y: f64) -> bool {
    !(x.is_nan() || x >= y)
}

/// p-value of a G² statistic (chi-square, one degree of freedom).
pub fn g2_p_value(g2: f64) -> f64 {
    if g2.is_nan() {
        return f64::NAN;
    }
    libm::erfc((g2.max(0.0) / 2.0).sqrt())
}

/// Hardie's (2014) log ratio: the binary log of the ratio of the relative frequencies, with 0.5
/// in place of a zero count; none without a reference.
pub fn log_ratio(k: &Contingency) -> Option<f64> {
    let or_half = |x: f64| if x > 0.0 { x } else { 0.5 };
    let ratio = (or_half(k.a) / k.c) / (or_half(k.b) / k.d);
    k.has_reference()
        .then(|| ratio.ln() * (1.0 / std::f64::consts::LN_2))
}

/// Wilson's (2013) BIC approximation for one degree of freedom: `G² − ln N`, N = c + d (above 2
/// positive, above 6 strong, above 10 very strong evidence); none without a reference. `g2` is
/// [`log_likelihood`] of `k`.
pub fn bic(k: &Contingency, g2: f64) -> Option<f64> {
    k.has_reference().then(|| g2 - (k.c + k.d).ln())
}

/// Gabrielatos & Marchi's (2012) %DIFF: the difference of the relative frequencies as a percentage
/// of the reference's; none when the term is absent from the reference (or there is none).
pub fn pct_diff(k: &Contingency) -> Option<f64> {
    let (source, reference) = (k.source_rate(), k.reference_rate());
    (k.b > 0.0 && k.has_reference()).then(|| (source - reference) / reference * 100.0)
}

/// Occurrences per 10,000 tokens.
pub fn per_10k(count: f64, total: f64) -> f64 {
    count / total * 10000.0
}

/// tf-idf: the count times the decimal log of (documents / documents holding the term).
pub fn tf_idf(count: u64, n_docs: u64, doc_freq: u64) -> f64 {
    count as f64 * (n_docs as f64 / doc_freq as f64).log(10.0)
}

/// Whether a p-value is significant at `alpha` with Bonferroni's correction over `family` tests.
pub fn significant(p: f64, alpha: f64, family: f64) -> bool {
    p < alpha / family
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A worked example: 10 of a source's 1,000 tokens, 20 of the reference's 5,000.
    /// By hand (Python's math module gives the same digits):
    /// E₁ = 1000 · 30 / 6000 = 5, E₂ = 5000 · 30 / 6000 = 25;
    /// G² = 2 (10 ln(10/5) + 20 ln(20/25)) = 2 (6.931472 − 4.462871) = 4.937202;
    /// log ratio = log₂((10/1000) / (20/5000)) = log₂ 2.5 = 1.321928;
    /// BIC = G² − ln 6000 = 4.937202 − 8.699515 = −3.762313;
    /// %DIFF = (0.01 − 0.004) / 0.004 · 100 = 150;
    /// p = erfc(√(G²/2)) = 0.026285 (significant at 0.05, not at 0.01).
    fn example() -> Contingency {
        Contingency::new(10, 20, 1000, 5000)
    }

    fn close(x: f64, y: f64, eps: f64) -> bool {
        (x - y).abs() < eps
    }

    #[test]
    fn log_likelihood_of_the_worked_example() {
        let g2 = log_likelihood(&example());
        assert!(close(g2, 4.937201558630518, 1e-12), "{g2}");
        assert_eq!(signed_g2(&example(), g2), Some(g2));
        // the same counts the other way round: rarer in the source, so negative
        let other = Contingency::new(20, 10, 5000, 1000);
        let g2_other = log_likelihood(&other);
        assert!(close(g2_other, g2, 1e-12));
        assert_eq!(signed_g2(&other, g2_other), Some(-g2_other));
    }

    #[test]
    fn a_term_absent_from_the_source_adds_nothing_for_it() {
        // 0 of 100 against 4 of 100: E₂ = 2, G² = 2 · 4 ln(4/2) = 8 ln 2 = 5.545177
        let k = Contingency::new(0, 4, 100, 100);
        assert!(close(log_likelihood(&k), 8.0 * 2f64.ln(), 1e-12));
    }

    #[test]
    fn log_ratio_is_hardies_with_half_for_zero() {
        assert!(close(
            log_ratio(&example()).unwrap(),
            1.3219280948873624,
            1e-12
        ));
        // 0 of 100 against 4 of 100: log₂((0.5/100) / (4/100)) = log₂ 0.125 = −3
        let k = Contingency::new(0, 4, 100, 100);
        assert!(close(log_ratio(&k).unwrap(), -3.0, 1e-12));
    }

    #[test]
    fn bic_is_wilsons_approximation() {
        let g2 = log_likelihood(&example());
        assert!(close(
            bic(&example(), g2).unwrap(),
            -3.7623131895796735,
            1e-12
        ));
    }

    #[test]
    fn pct_diff_is_gabrielatos_and_marchis() {
        assert!(close(pct_diff(&example()).unwrap(), 150.0, 1e-9));
        // absent from the reference: no %DIFF
        assert_eq!(pct_diff(&Contingency::new(3, 0, 100, 100)), None);
    }

    #[test]
    fn no_reference_gives_no_keyness() {
        let k = Contingency::new(3, 0, 100, 0);
        let g2 = log_likelihood(&k);
        assert_eq!(signed_g2(&k, g2), None);
        assert_eq!(log_ratio(&k), None);
        assert_eq!(bic(&k, g2), None);
        assert_eq!(pct_diff(&k), None);
    }

    #[test]
    fn g2_p_values_are_chi_square_one_df() {
        // 3.841 is the 0.05 critical value, 6.635 the 0.01, 10.828 the 0.001
        assert!((g2_p_value(3.841459) - 0.05).abs() < 1e-6);
        assert!((g2_p_value(6.634897) - 0.01).abs() < 1e-7);
        assert!((g2_p_value(10.827566) - 0.001).abs() < 1e-8);
        assert_eq!(g2_p_value(0.0), 1.0);
        let p = g2_p_value(log_likelihood(&example()));
        assert!(close(p, 0.026284559331427534, 1e-9), "{p}");
        assert!(significant(p, 0.05, 1.0));
        assert!(!significant(p, 0.05, 2.0)); // Bonferroni: 0.05 / 2 = 0.025 < p
    }

    #[test]
    fn frequencies_and_tf_idf() {
        assert_eq!(per_10k(10.0, 1000.0), 100.0);
        // 3 · log₁₀(1000 / 10) = 3 · 2 = 6
        assert!(close(tf_idf(3, 1000, 10), 6.0, 1e-12));
    }

    #[test]
    fn sign_compares_like_polars() {
        assert!(nan_last_lt(1.0, 2.0));
        assert!(!nan_last_lt(2.0, 2.0));
        assert!(!nan_last_lt(f64::NAN, 2.0));
        assert!(nan_last_lt(2.0, f64::NAN));
    }
}
