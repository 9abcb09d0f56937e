//! The report: PNG charts ([`plot`]), `index.html`, `report.md` and `run.json` ([`html`]), the
//! side-by-side story pages ([`story_page`]) and the storyline pages ([`storyline_page`]). Charts
//! are drawn from the tables, so they can be drawn while the story stage runs.

pub mod explore;
pub mod figures;
pub mod html;
pub mod own_names;
pub mod plot;
pub mod story_page;
pub mod storyline_page;

use crate::count::DocRow;
use crate::error::{Error, Result};
use crate::tables::Tables;
use figures::{col_f64, col_str, source_figures};
use own_names::{OwnNameMode, OwnNames};
use plot::{Panel, SourceFigures};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::Path;

/// What the charts are drawn from: plain data, ready before the story stage ends.
pub struct ChartInput<'a> {
    /// The tables (sources and terms are read).
    pub tables: &'a Tables,
    /// The counted documents (their dates and counts, for the chart over time).
    pub docs: &'a [DocRow],
    /// Hedge categories in lexicon order.
    pub categories: &'a [String],
    /// Significance level of keyness, for the chart's legend.
    pub alpha: f64,
    /// What the groups are (`source`, or the `--group-by` fields joined by `, `): titles say it.
    pub grouping: &'a str,
    /// The groups' own names, left out of or marked among their distinctive terms.
    pub own: &'a OwnNames,
}

/// A chart written for the report, with the sentence that explains it.
pub struct ChartEntry {
    /// File name in the output folder.
    pub file: String,
    /// Heading.
    pub title: String,
    /// One plain sentence on what it measures and how.
    pub caption: String,
}

/// Draws every chart into `dir`; returns the entries in report order.
pub fn charts(c: &ChartInput, dir: &Path, top: usize) -> Result<Vec<ChartEntry>> {
    plot::use_hangul(shows_korean(c.docs));
    let all = source_figures(&c.tables.sources, c.categories)?;
    let shown: Vec<SourceFigures> = all.iter().take(top).cloned().collect();
    let subtitle = shown_subtitle(shown.len(), all.len(), c.grouping);
    let d = Drawing {
        c,
        dir,
        shown: &shown,
        subtitle: &subtitle,
        by: c.grouping,
    };
    d.every_chart()
}

/// Whether any title, outlet or document is Korean: the charts then need a font with Hangul
/// (DejaVu Sans draws empty boxes).
fn shows_korean(docs: &[DocRow]) -> bool {
    docs.iter().any(|d| {
        d.language.as_deref() == Some("ko")
            || plot::has_hangul(&d.title)
            || plot::has_hangul(&d.source)
    })
}

/// The subtitle saying which groups the charts show: all, or the `shown` with most documents.
fn shown_subtitle(shown: usize, all: usize, grouping: &str) -> String {
    let groups = match grouping {
        "source" => "sources".to_string(),
        by => format!("groups ({by})"),
    };
    if all > shown {
        format!("showing the {shown} {groups} with most documents, of {all}; (n) = documents")
    } else {
        format!("{all} {groups}; (n) = documents")
    }
}

/// What every chart is drawn with: the input, the folder, the sources shown (most documents
/// first) and the subtitle saying which.
struct Drawing<'a> {
    c: &'a ChartInput<'a>,
    dir: &'a Path,
    shown: &'a [SourceFigures],
    subtitle: &'a str,
    /// "source", or the `--group-by` fields: every title says what the groups are.
    by: &'a str,
}

impl Drawing<'_> {
    /// Draws every chart; returns the entries in report order.
    fn every_chart(&self) -> Result<Vec<ChartEntry>> {
        let mut out = vec![
            self.hedges_by_source()?,
            self.quote_profile()?,
            self.quotes_vs_hedges()?,
            self.top_terms()?,
            self.keyness()?,
        ];
        out.extend(self.speakers()?);
        out.extend(self.hedges_over_time()?);
        Ok(out)
    }

    /// The shown sources ordered by `order`, then by name.
    fn sorted(
        &self,
        order: impl Fn(&SourceFigures, &SourceFigures) -> Ordering,
    ) -> Vec<SourceFigures> {
        let mut v = self.shown.to_vec();
        v.sort_by(|a, b| order(a, b).then(a.name.cmp(&b.name)));
        v
    }

    /// Hedges per source by category; sources sorted by hedging, which reads better than by size.
    fn hedges_by_source(&self) -> Result<ChartEntry> {
        let by_hedge = self.sorted(|a, b| b.hedges_per_1k.total_cmp(&a.hedges_per_1k));
        let title = format!("Hedging by {}", self.by);
        plot::hedges_by_source(
            &self.dir.join("hedges_by_source.png"),
            &by_hedge,
            self.c.categories,
            (&title, self.subtitle),
        )?;
        Ok(ChartEntry {
            file: "hedges_by_source.png".into(),
            title,
            caption: "Hedges (reportedly, allegedly, may, approximately …) per 1,000 word tokens, all of a source's hedges over all its tokens, stacked by lexicon category; whiskers show a 95% interval from a bootstrap over the source's documents.".into(),
        })
    }

    /// Quotations per source by kind, sources sorted by direct and scare quotes.
    fn quote_profile(&self) -> Result<ChartEntry> {
        let quoting = |s: &SourceFigures| s.direct_per_1k + s.scare_per_1k;
        let by_quote = self.sorted(|a, b| quoting(b).total_cmp(&quoting(a)));
        let title = format!("How each {} quotes", self.by);
        plot::quote_profile(
            &self.dir.join("quote_profile.png"),
            &by_quote,
            (&title, self.subtitle),
        )?;
        Ok(ChartEntry {
            file: "quote_profile.png".into(),
            title,
            caption: "Direct quotations (attributed speech), scare quotes (short unattributed words in quotation marks) and quotations from anonymous sources, each per 1,000 word tokens.".into(),
        })
    }

    fn quotes_vs_hedges(&self) -> Result<ChartEntry> {
        let title = format!("Quoting against hedging, by {}", self.by);
        plot::quotes_vs_hedges(
            &self.dir.join("quotes_vs_hedges.png"),
            self.shown,
            (
                &title,
                &format!("{}; point size = documents", self.subtitle),
            ),
        )?;
        Ok(ChartEntry {
            file: "quotes_vs_hedges.png".into(),
            title,
            caption: "Each point is a source: how much of its text is inside quotation marks against how often it hedges; larger points have more documents.".into(),
        })
    }

    fn top_terms(&self) -> Result<ChartEntry> {
        let panels = term_panels(self.c, self.shown, false)?;
        let subtitle = self.subtitle;
        plot::small_multiples(
            &self.dir.join("top_terms.png"),
            &format!("Most frequent terms by {}", self.by),
            &format!("{subtitle}; stopwords removed, words shown in their most frequent form"),
            "per 10,000 terms",
            &panels,
            false,
        )?;
        Ok(ChartEntry {
            file: "top_terms.png".into(),
            title: "Top terms".into(),
            caption: "The ten most frequent terms (stems, shown in their most frequent written form) of each source, per 10,000 terms of that source.".into(),
        })
    }

    fn keyness(&self) -> Result<ChartEntry> {
        let panels = term_panels(self.c, self.shown, true)?;
        let (subtitle, alpha) = (self.subtitle, self.c.alpha);
        let own = own_names_note(self.c.own.mode);
        plot::small_multiples(
            &self.dir.join("keyness.png"),
            &format!("Distinctive terms by {}", self.by),
            &format!("{subtitle}; each panel on its own scale; right: over-used, left (grey): under-used; hollow and \"(n.s.)\": not significant (α = {alpha}, Bonferroni){own}"),
            "signed log-likelihood G²",
            &panels,
            true,
        )?;
        Ok(ChartEntry {
            file: "keyness.png".into(),
            title: format!("Keyness by {}", self.by),
            caption: format!("Terms a {} uses more (right) or less (left) than the rest of the corpus, by signed Dunning log-likelihood G², each panel on its own scale (read a panel's axis before comparing lengths across panels). Hollow bars marked (n.s.) are not significant at α = {alpha} with Bonferroni's correction over the group's terms (terms.csv: p_value, significant, bic){own}.", self.by),
        })
    }

    /// The most-quoted speakers, when any source quotes one.
    fn speakers(&self) -> Result<Option<ChartEntry>> {
        let panels = speaker_panels(self.c, self.shown)?;
        if !panels.iter().any(|p| !p.bars.is_empty()) {
            return Ok(None);
        }
        let subtitle = self.subtitle;
        plot::small_multiples(
            &self.dir.join("speakers.png"),
            &format!("Who each {} quotes", self.by),
            &format!("{subtitle}; named people and organisations only, as resolved within each article and merged by name"),
            "direct quotations",
            &panels,
            false,
        )?;
        Ok(Some(ChartEntry {
            file: "speakers.png".into(),
            title: format!("Most-quoted speakers by {}", self.by),
            caption: "The eight named people and organisations each group quotes most often in direct quotations, pronouns and surnames resolved to the name first given in the article; roles (\"a spokesman\"), anonymous and unresolved speakers are left out here and counted in speakers.csv.".into(),
        }))
    }

    /// Hedging per period, when the documents' dates span two periods or more.
    fn hedges_over_time(&self) -> Result<Option<ChartEntry>> {
        let Some(p) = periods(self.c, self.shown) else {
            return Ok(None);
        };
        let note = left_out_note(self.shown.len() - p.series.len());
        let (subtitle, unit) = (self.subtitle, p.unit);
        let title = format!("Hedging over time, by {} and {unit}", self.by);
        plot::hedges_over_time(
            &self.dir.join("hedges_over_time.png"),
            &p.labels,
            &p.overall,
            &p.series,
            (&title, &format!("{subtitle}{note}; grey: whole corpus; whiskers: 95% interval over the documents; hollow with n: fewer than {SPARSE_DOCS} documents or {SPARSE_TOKENS} tokens")),
        )?;
        Ok(Some(ChartEntry {
            file: "hedges_over_time.png".into(),
            title,
            caption: format!("Hedges per 1,000 word tokens per group and {unit}, from the documents' dates, against the whole corpus in grey. Whiskers show a 95% interval from a bootstrap over the documents of the {unit}; a point resting on fewer than {SPARSE_DOCS} documents or {SPARSE_TOKENS} tokens is hollow, its number of documents written beside it, and not joined to the line."),
        }))
    }
}

/// What the chart over time says of the shown groups it leaves out for want of dated text.
fn left_out_note(left_out: usize) -> String {
    if left_out == 0 {
        return String::new();
    }
    format!("; {left_out} of them without dated text left out")
}

/// The panels of top terms (`keyness`: of keyness, over- and under-used) of the shown sources.
fn term_panels(c: &ChartInput, shown: &[SourceFigures], keyness: bool) -> Result<Vec<Panel>> {
    let mut by = term_bars(c, shown, keyness)?;
    let panels = shown.iter().map(|s| {
        let mut v = by.remove(s.name.as_str()).unwrap_or_default();
        if keyness {
            v = own_names_applied(v, c.own.words_of(&s.name), c.own.mode);
        }
        v.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.label.cmp(&b.label)));
        term_panel(s, v, keyness)
    });
    Ok(panels.collect())
}

/// A group's panel of terms sorted by value: the top ten, or for keyness the most over- and
/// under-used, those not significant hollow and marked "(n.s.)".
fn term_panel(s: &SourceFigures, sorted: Vec<TermBar>, keyness: bool) -> Panel {
    if !keyness {
        let bars = sorted.into_iter().take(10).map(|b| (b.label, b.value));
        return panel(s, bars.collect(), Vec::new());
    }
    let bars = over_and_under_used(sorted);
    let hollow = bars.iter().map(|b| !b.significant).collect();
    let ns = |b: &TermBar| if b.significant { "" } else { " (n.s.)" };
    let labelled = bars
        .iter()
        .map(|b| (format!("{}{}", b.label, ns(b)), b.value));
    panel(s, labelled.collect(), hollow)
}

/// A group's panel: its name and documents as title, in its colour.
fn panel(s: &SourceFigures, bars: Vec<(String, f64)>, hollow: Vec<bool>) -> Panel {
    Panel {
        title: format!("{} ({})", s.name, s.n_docs),
        color: s.color,
        bars,
        hollow,
    }
}

/// A group's own name among its terms: left out (drop), marked with `*` (mark) or kept.
fn own_names_applied(
    v: Vec<TermBar>,
    own: &own_names::OwnWords,
    mode: OwnNameMode,
) -> Vec<TermBar> {
    match mode {
        OwnNameMode::Keep => v,
        OwnNameMode::Drop => v
            .into_iter()
            .filter(|b| !own.matches(&b.stem, &b.label))
            .collect(),
        OwnNameMode::Mark => v
            .into_iter()
            .map(|mut b| {
                if own.matches(&b.stem, &b.label) {
                    b.label.push('*');
                }
                b
            })
            .collect(),
    }
}

/// What the keyness chart says of the groups' own names.
fn own_names_note(mode: OwnNameMode) -> &'static str {
    match mode {
        OwnNameMode::Drop => {
            "; a group's own name (a word of its label, e.g. \"cnn\") left out (--own-names)"
        }
        OwnNameMode::Mark => "; *: a word of the group's own name (--own-names)",
        OwnNameMode::Keep => "",
    }
}

/// A term's bar: its surface form, its stem, its value (per 10k or signed G²) and whether it
/// is key.
#[derive(Debug, Clone)]
struct TermBar {
    label: String,
    stem: String,
    value: f64,
    significant: bool,
}

/// The single-word terms of the shown sources with a finite value, by source. Read in place:
/// the table has a row per (source, term), millions on a large corpus.
fn term_bars<'a>(
    c: &'a ChartInput,
    shown: &[SourceFigures],
    keyness: bool,
) -> Result<BTreeMap<&'a str, Vec<TermBar>>> {
    let t = &c.tables.terms;
    let pe = Error::polars("report");
    let src = t.column("source").map_err(&pe)?.str().map_err(&pe)?;
    let surf = t.column("surface").map_err(&pe)?.str().map_err(&pe)?;
    let stem = t.column("term").map_err(&pe)?.str().map_err(&pe)?;
    let n = col_f64(t, "n")?;
    let per = col_f64(t, if keyness { "g2" } else { "per_10k" })?;
    // significance of each row (keyness): p below alpha, Bonferroni-corrected
    let sig = t.column("significant").ok().and_then(|c| c.bool().ok());
    let wanted: std::collections::HashSet<&str> = shown.iter().map(|s| s.name.as_str()).collect();
    let mut by: BTreeMap<&str, Vec<TermBar>> = BTreeMap::new();
    for (i, (source, surface)) in src.iter().zip(surf.iter()).enumerate() {
        let source = source.unwrap_or("");
        if n[i] == 1.0 && per[i].is_finite() && wanted.contains(source) {
            by.entry(source).or_default().push(TermBar {
                label: surface.unwrap_or("").to_string(),
                stem: stem.get(i).unwrap_or("").to_string(),
                value: per[i],
                significant: sig.is_none_or(|b| b.get(i).unwrap_or(false)),
            });
        }
    }
    Ok(by)
}

/// The six most over-used terms, then the four most under-used (least first), of bars sorted
/// by value descending.
fn over_and_under_used(v: Vec<TermBar>) -> Vec<TermBar> {
    let over = v.iter().filter(|x| x.value > 0.0).take(6);
    let mut under: Vec<&TermBar> = v.iter().rev().filter(|x| x.value < 0.0).take(4).collect();
    under.reverse();
    over.chain(under).cloned().collect()
}

/// The speaker types the speakers chart shows: names resolved to a person or an organisation
/// (roles, anonymous and unknown speakers are counted in speakers.csv only).
const RESOLVED_SPEAKERS: [&str; 2] = ["named", "organisation"];

/// The eight most-quoted speakers of each shown source, from speakers.csv.
fn speaker_panels(c: &ChartInput, shown: &[SourceFigures]) -> Result<Vec<Panel>> {
    let t = &c.tables.speakers;
    let src = col_str(t, "source")?;
    let name = col_str(t, "speaker")?;
    let kind = col_str(t, "speaker_type")?;
    let n = col_f64(t, "n_quotes")?;
    let mut by: BTreeMap<&str, Vec<(String, f64)>> = BTreeMap::new();
    // the chart counts direct quotations: a speaker only reported (n_indirect) has no bar here
    let quoted = |i: &usize| RESOLVED_SPEAKERS.contains(&kind[*i].as_str()) && n[*i] > 0.0;
    for i in (0..src.len()).filter(quoted) {
        by.entry(src[i].as_str())
            .or_default()
            .push((name[i].clone(), n[i]));
    }
    // speakers.csv lists each source's speakers most-quoted first
    let mut top = |s: &SourceFigures| {
        let bars = by.remove(s.name.as_str()).unwrap_or_default();
        bars.into_iter().take(8).collect()
    };
    Ok(shown.iter().map(|s| panel(s, top(s), Vec::new())).collect())
}

/// Hedge rates per period for the chart over time.
struct Periods {
    /// Period labels, in order.
    labels: Vec<String>,
    /// The whole corpus's rate per period.
    overall: Vec<Option<f64>>,
    /// The rates of the shown sources with a dated period of enough text.
    series: Vec<plot::TimeSeries>,
    /// "month", "quarter" or "year".
    unit: &'static str,
}

/// Hedge rates per period (month, quarter or year, by the span of dates) for the shown sources
/// and for the whole corpus; a cell with under 1,000 tokens is left empty rather than drawn noisy.
fn periods(c: &ChartInput, shown: &[SourceFigures]) -> Option<Periods> {
    let scale = PeriodScale::of(c.docs)?;
    let cells = PeriodCells::of(c.docs, &scale);
    let series: Vec<plot::TimeSeries> = shown
        .iter()
        .map(|s| cells.series(s))
        .filter(|s| s.values.iter().any(Option::is_some))
        .collect();
    if series.is_empty() {
        return None;
    }
    Some(Periods {
        labels: (0..scale.len).map(|i| scale.label(i)).collect(),
        overall: cells.all.iter().map(Tally::rate).collect(),
        series,
        unit: scale.unit,
    })
}

/// The dated documents sorted into periods.
struct PeriodCells<'a> {
    /// A group's documents per period, as (hedges, tokens).
    by_group: BTreeMap<(&'a str, usize), Vec<(u64, u64)>>,
    /// The whole corpus per period.
    all: Vec<Tally>,
}

impl<'a> PeriodCells<'a> {
    fn of(docs: &'a [DocRow], scale: &PeriodScale) -> Self {
        let mut cells = PeriodCells {
            by_group: BTreeMap::new(),
            all: vec![Tally::default(); scale.len],
        };
        for d in docs {
            if let Some((y, m)) = year_month(&d.date) {
                cells.add(d, scale.index(y, m));
            }
        }
        cells
    }

    fn add(&mut self, d: &'a DocRow, i: usize) {
        let cell = self.by_group.entry((d.group.as_str(), i)).or_default();
        cell.push((d.n_hedges, d.n_tokens));
        self.all[i].add(d);
    }

    /// A shown group's line: its point in each period (none where it has no document).
    fn series(&self, s: &SourceFigures) -> plot::TimeSeries {
        let point = |i: usize| {
            let cell = self.by_group.get(&(s.name.as_str(), i))?;
            period_point(cell, i as u64)
        };
        plot::TimeSeries {
            label: format!("{} ({})", s.name, s.n_docs),
            color: s.color,
            values: (0..self.all.len()).map(point).collect(),
        }
    }
}

/// A point of the chart over time rests on too little text below these: fewer documents, or
/// fewer tokens.
const SPARSE_DOCS: usize = 5;
const SPARSE_TOKENS: u64 = 1000;
/// Resamples of the bootstrap interval of a point over time.
const PERIOD_RESAMPLES: usize = 400;

/// A group's point in one period from its documents' (hedges, tokens): the rate, a 95%
/// bootstrap interval over the documents, the count and whether it is sparse; none without text.
fn period_point(docs: &[(u64, u64)], seed: u64) -> Option<plot::PeriodPoint> {
    let (h, t) = docs
        .iter()
        .fold((0u64, 0u64), |(h, t), d| (h + d.0, t + d.1));
    if t == 0 {
        return None;
    }
    let (lo, hi) = bootstrap_ratio(docs, PERIOD_RESAMPLES, seed);
    Some(plot::PeriodPoint {
        rate: h as f64 / t as f64 * 1000.0,
        lo,
        hi,
        n_docs: docs.len() as u64,
        sparse: docs.len() < SPARSE_DOCS || t < SPARSE_TOKENS,
    })
}

/// The 2.5th and 97.5th percentiles of hedges per 1,000 tokens over `resamples` resamples of
/// the documents with replacement (a fixed seed: the same chart every run).
fn bootstrap_ratio(docs: &[(u64, u64)], resamples: usize, seed: u64) -> (f64, f64) {
    let mut rng = SplitMix64::seeded(seed);
    let mut rates: Vec<f64> = (0..resamples)
        .map(|_| resampled_rate(docs, &mut rng))
        .collect();
    rates.sort_by(f64::total_cmp);
    let at = |q: f64| rates[((q * (resamples - 1) as f64).round() as usize).min(resamples - 1)];
    (at(0.025), at(0.975))
}

/// Hedges per 1,000 tokens of one resample of the documents with replacement (0 without
/// tokens).
fn resampled_rate(docs: &[(u64, u64)], rng: &mut SplitMix64) -> f64 {
    let n = docs.len();
    let (mut h, mut t) = (0u64, 0u64);
    for _ in 0..n {
        let d = docs[(rng.next_u64() % n as u64) as usize];
        h += d.0;
        t += d.1;
    }
    if t == 0 {
        return 0.0;
    }
    h as f64 / t as f64 * 1000.0
}

/// The splitmix64 generator: the bootstrap's resamples, the same from the same seed.
struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    fn seeded(seed: u64) -> Self {
        let state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
        SplitMix64 { state }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Hedges and tokens of the documents of one period.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    hedges: u64,
    tokens: u64,
}

impl Tally {
    fn add(&mut self, d: &DocRow) {
        self.hedges += d.n_hedges;
        self.tokens += d.n_tokens;
    }

    /// Hedges per 1,000 tokens; none under 1,000 tokens.
    fn rate(&self) -> Option<f64> {
        (self.tokens >= 1000).then(|| self.hedges as f64 / self.tokens as f64 * 1000.0)
    }
}

#[cfg(test)]
mod period_tests {
    use super::*;

    #[test]
    fn a_point_on_few_documents_is_sparse_with_a_wide_interval() {
        let few = [(3, 400), (0, 300), (1, 350)];
        let p = period_point(&few, 1).unwrap();
        assert!(p.sparse && p.n_docs == 3);
        assert!(
            p.lo <= p.rate && p.rate <= p.hi && p.hi - p.lo > 2.0,
            "{p:?}"
        );
        let many: Vec<(u64, u64)> = (0..40).map(|i| (10 + i % 3, 1000)).collect();
        let q = period_point(&many, 1).unwrap();
        assert!(!q.sparse);
        assert!(q.hi - q.lo < 1.5, "{q:?}");
        assert!(period_point(&[(0, 0)], 1).is_none());
    }
}

/// Year and month of a date beginning `YYYY-MM` (a month from 1 to 12).
fn year_month(d: &str) -> Option<(i32, u32)> {
    let b = d.as_bytes();
    let ym = (b.len() >= 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit))
    .then(|| (d[..4].parse().unwrap_or(0), d[5..7].parse().unwrap_or(1)));
    ym.filter(|(_, m)| (1..=12).contains(m))
}

/// The periods the documents' dates fall in: months over up to two years, quarters up to eight,
/// else years.
struct PeriodScale {
    /// Year and month of the earliest date.
    lo: (i32, u32),
    /// Months a period.
    per: i32,
    unit: &'static str,
    /// Periods from the first date's to the last's.
    len: usize,
}

impl PeriodScale {
    /// The scale of the documents' dates; none when they span less than two periods.
    fn of(docs: &[DocRow]) -> Option<Self> {
        let dated: Vec<(i32, u32)> = docs.iter().filter_map(|d| year_month(&d.date)).collect();
        let (lo, hi) = (*dated.iter().min()?, *dated.iter().max()?);
        let span = (hi.0 - lo.0) * 12 + hi.1 as i32 - lo.1 as i32 + 1;
        if span < 2 {
            return None;
        }
        let (unit, per) = Self::unit_of(span);
        let mut scale = PeriodScale {
            lo,
            per,
            unit,
            len: 0,
        };
        scale.len = scale.index(hi.0, hi.1) + 1;
        (scale.len >= 2).then_some(scale)
    }

    /// The period's name and its months for dates spanning `span` months: months over up to
    /// two years, quarters up to eight, else years.
    fn unit_of(span: i32) -> (&'static str, i32) {
        match span {
            ..=24 => ("month", 1),
            25..=96 => ("quarter", 3),
            _ => ("year", 12),
        }
    }

    /// The period of a year and month.
    fn index(&self, y: i32, m: u32) -> usize {
        let (lo, per) = (self.lo, self.per);
        (((y - lo.0) * 12 + m as i32 - 1) / per) as usize - ((lo.1 as i32 - 1) / per) as usize
    }

    /// The label of period `i`: `2024-03`, `2024 Q1` or `2024`.
    fn label(&self, i: usize) -> String {
        let (lo, per) = (self.lo, self.per);
        let first = ((lo.1 as i32 - 1) / per + i as i32) * per; // months since lo.0-01
        let (y, m) = (lo.0 + first / 12, first % 12 + 1);
        match self.unit {
            "month" => format!("{y}-{m:02}"),
            "quarter" => format!("{y} Q{}", (m - 1) / 3 + 1),
            _ => format!("{y}"),
        }
    }
}
