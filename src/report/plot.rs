//! Charts as PNG with plotters: an embedded DejaVu Sans font, NanumGothic where Korean is shown
//! (no system fonts), explicit sizes,
//! source names drawn in their own margin, and one colour per source in every chart.

use crate::error::{Error, Result};
use crate::files::write_atomic;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;
use std::sync::Once;

/// The embedded font (DejaVu Sans, Bitstream Vera licence: data/fonts/LICENSE-DejaVu.txt).
const FONT: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");
const FAMILY: &str = "sans-serif";
/// The font of charts that show Korean (NanumGothic, SIL Open Font Licence:
/// data/fonts/LICENSE-Nanum.txt): Hangul, Latin and Russian Cyrillic, which DejaVu Sans lacks the
/// first of.
const HANGUL_FONT: &[u8] = include_bytes!("../../data/fonts/NanumGothic.ttf");
const HANGUL_FAMILY: &str = "hangul";

thread_local! {
    /// The font family the charts drawn on this thread use.
    static FAMILY_IN_USE: std::cell::Cell<&'static str> = const { std::cell::Cell::new(FAMILY) };
}

/// Charts drawn on this thread from now on use the font with Hangul when `hangul`, else DejaVu
/// Sans.
pub fn use_hangul(hangul: bool) {
    FAMILY_IN_USE.with(|f| f.set(if hangul { HANGUL_FAMILY } else { FAMILY }));
}

/// Whether `s` holds a Hangul syllable or letter.
pub fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
    })
}

/// Chart size in pixels.
pub const SIZE: (u32, u32) = (1400, 800);

/// Registers the embedded font once.
pub fn init_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(register_fonts);
}

/// The styles the fonts are registered in.
const FONT_STYLES: [FontStyle; 4] = [
    FontStyle::Normal,
    FontStyle::Bold,
    FontStyle::Italic,
    FontStyle::Oblique,
];

/// Registers both embedded fonts in every style.
fn register_fonts() {
    for style in FONT_STYLES {
        // The embedded file is a valid TTF; a failure here would be a build defect.
        let _ = plotters::style::register_font(FAMILY, style, FONT);
        let _ = plotters::style::register_font(HANGUL_FAMILY, style, HANGUL_FONT);
    }
}

/// Source colours: a source keeps its colour in every chart (assigned by rank of documents).
pub const PALETTE: [RGBColor; 12] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(100, 100, 100),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
    RGBColor(0, 70, 140),
    RGBColor(160, 60, 0),
];

/// Category colours for stacked hedge bars (distinct from nothing in particular; a legend names them).
const CATEGORY_COLORS: [RGBColor; 10] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(225, 87, 89),
    RGBColor(118, 183, 178),
    RGBColor(89, 161, 79),
    RGBColor(237, 201, 72),
    RGBColor(176, 122, 161),
    RGBColor(255, 157, 167),
    RGBColor(156, 117, 95),
    RGBColor(186, 176, 172),
];

fn perr<E: std::fmt::Display>(chart: &str) -> impl Fn(E) -> Error + '_ {
    move |e| Error::Plot {
        chart: chart.to_string(),
        message: e.to_string(),
    }
}

/// Per-source figures the charts need (plain data, built by the report stage).
#[derive(Debug, Clone, Default)]
pub struct SourceFigures {
    /// Source name.
    pub name: String,
    /// Documents.
    pub n_docs: u64,
    /// Hedges per 1,000 tokens.
    pub hedges_per_1k: f64,
    /// Interval low.
    pub lo: f64,
    /// Interval high.
    pub hi: f64,
    /// Per-category hedges per 1,000 tokens, in category order.
    pub categories: Vec<f64>,
    /// Direct quotes per 1,000 tokens.
    pub direct_per_1k: f64,
    /// Scare quotes per 1,000 tokens.
    pub scare_per_1k: f64,
    /// Anonymous-speaker quotes per 1,000 tokens.
    pub anonymous_per_1k: f64,
    /// Share of tokens inside quotes.
    pub quoted_share: f64,
    /// Colour index.
    pub color: usize,
}

/// Colour of a source by its palette index.
pub fn source_color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Axis tick text: integers without decimals, others with as few as needed.
fn tick(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{:.0}", v)
    } else if (v * 10.0 - (v * 10.0).round()).abs() < 1e-6 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// A darker shade of a colour, for text.
fn dark(c: RGBColor) -> RGBColor {
    RGBColor(
        (c.0 as f64 * 0.75) as u8,
        (c.1 as f64 * 0.75) as u8,
        (c.2 as f64 * 0.75) as u8,
    )
}

fn font(size: u32) -> TextStyle<'static> {
    (FAMILY_IN_USE.with(|f| f.get()), size)
        .into_font()
        .color(&BLACK)
}

/// A label broken into lines of at most `max` characters, at spaces where it can be (a longer
/// word is split): a group's name is never cut.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut lines = Lines {
        max: max.max(1),
        done: Vec::new(),
        cur: String::new(),
    };
    for word in s.split_whitespace() {
        lines.push_word(word);
    }
    lines.finish()
}

/// The lines [`wrap`] fills: those done and the one being filled, of at most `max` characters.
struct Lines {
    max: usize,
    done: Vec<String>,
    cur: String,
}

impl Lines {
    /// Adds a word, cut into lines of `max` characters first when it is longer.
    fn push_word(&mut self, word: &str) {
        let mut w: Vec<char> = word.chars().collect();
        while w.len() > self.max {
            self.break_line();
            self.done.push(w.drain(..self.max).collect());
        }
        self.append(&w.into_iter().collect::<String>());
    }

    /// Adds a word to the current line, or to a new one when it would not fit.
    fn append(&mut self, w: &str) {
        if self.cur.chars().count() + 1 + w.chars().count() > self.max {
            self.break_line();
        }
        if !self.cur.is_empty() {
            self.cur.push(' ');
        }
        self.cur.push_str(w);
    }

    /// Ends the current line unless it is empty.
    fn break_line(&mut self) {
        if !self.cur.is_empty() {
            self.done.push(std::mem::take(&mut self.cur));
        }
    }

    fn finish(mut self) -> Vec<String> {
        if !self.cur.is_empty() || self.done.is_empty() {
            self.done.push(self.cur);
        }
        self.done
    }
}

/// Draws lines of text centred on `(x, y)` vertically, `gap` pixels apart, aligned by `h`.
fn draw_lines(
    root: &DrawingArea<BitMapBackend, Shift>,
    lines: &[String],
    (x, y): (i32, i32),
    gap: i32,
    style: TextStyle,
    h: HPos,
) -> std::result::Result<(), DrawError> {
    let top = y - gap * (lines.len() as i32 - 1) / 2;
    for (i, l) in lines.iter().enumerate() {
        root.draw(&Text::new(
            l.clone(),
            (x, top + gap * i as i32),
            style.pos(Pos::new(h, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// Shortens a label to `max` characters with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Draws a chart of `size` pixels in memory (`draw` is handed the whole area) and writes it to
/// `path` as PNG whole or not at all: through a temporary file in the same folder and a rename,
/// so a link at `path` is replaced, never written through, and a full disk leaves no truncated
/// chart.
fn png(
    path: &Path,
    size: (u32, u32),
    name: &str,
    draw: impl FnOnce(DrawingArea<BitMapBackend<'_>, Shift>) -> Result<()>,
) -> Result<()> {
    init_fonts();
    let mut pixels = vec![0u8; size.0 as usize * size.1 as usize * 3];
    draw(BitMapBackend::with_buffer(&mut pixels, size).into_drawing_area())?;
    write_atomic(path, &encode_png(&pixels, size, name)?)
}

/// RGB pixels of `size` encoded as PNG.
fn encode_png(pixels: &[u8], (w, h): (u32, u32), name: &str) -> Result<Vec<u8>> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    let (rgb, format) = (image::ColorType::Rgb8, image::ImageOutputFormat::Png);
    image::write_buffer_with_format(&mut bytes, pixels, w, h, rgb, format).map_err(perr(name))?;
    Ok(bytes.into_inner())
}

/// A white canvas with its title drawn: the area below the title.
fn canvas<'a>(
    root: &DrawingArea<BitMapBackend<'a>, Shift>,
    name: &str,
    title: &str,
    subtitle: &str,
) -> Result<DrawingArea<BitMapBackend<'a>, Shift>> {
    root.fill(&WHITE).map_err(perr(name))?;
    titled(root, title, subtitle)
}

/// Draws the title (and a subtitle) and returns the area below it.
fn titled<'a>(
    root: &DrawingArea<BitMapBackend<'a>, Shift>,
    title: &str,
    subtitle: &str,
) -> Result<DrawingArea<BitMapBackend<'a>, Shift>> {
    let (top, rest) = root.split_vertically(if subtitle.is_empty() { 56 } else { 84 });
    top.draw(&Text::new(title.to_string(), (24, 14), font(30)))
        .map_err(perr("title"))?;
    if !subtitle.is_empty() {
        let (lines, size) = subtitle_lines(subtitle, root.dim_in_pixel().0);
        for (i, l) in lines.iter().take(3).enumerate() {
            top.draw(&Text::new(
                l.clone(),
                (24, 46 + i as i32 * (size as i32 + 3)),
                font(size).color(&RGBColor(90, 90, 90)),
            ))
            .map_err(perr("title"))?;
        }
    }
    Ok(rest)
}

/// A subtitle wrapped to a chart `width` pixels wide, and its font size: two lines of 16 px in
/// the title's band, or smaller when it needs more, so a long subtitle never runs off.
fn subtitle_lines(subtitle: &str, width: u32) -> (Vec<String>, u32) {
    let chars = (width as usize).saturating_sub(48) * 10 / 88;
    let lines = wrap(subtitle, chars.max(40));
    if lines.len() > 2 {
        return (wrap(subtitle, chars * 16 / 13), 13);
    }
    (lines, 16)
}

/// Multiples of a power of ten an axis may end at.
const NICE_STEPS: [f64; 11] = [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0];

/// The end of an axis showing values up to `v`: the first nice step at or above it.
fn nice_max(v: f64) -> f64 {
    if !(v.is_finite()) || v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    let mut ends = NICE_STEPS.iter().map(|m| m * p);
    ends.find(|&end| end >= v).unwrap_or(10.0 * p)
}

/// The largest of a figure over the sources (0 when none).
fn max_of(sources: &[SourceFigures], f: impl Fn(&SourceFigures) -> f64) -> f64 {
    sources.iter().map(f).fold(0.0, f64::max)
}

/// Hedges per 1,000 tokens by source, stacked by category, with the 95% interval as whiskers.
pub fn hedges_by_source(
    path: &Path,
    sources: &[SourceFigures],
    categories: &[String],
    (title, subtitle): (&str, &str),
) -> Result<()> {
    let chart = RowChart {
        name: "hedges_by_source",
        titles: (title, subtitle),
        x_desc: "hedges per 1,000 tokens (bars: by category; whiskers: 95% interval)",
        xmax: nice_max(max_of(sources, |s| s.hi.max(s.hedges_per_1k)) * 1.05),
        legend: category_legend(categories),
    };
    chart.draw(path, sources, |chart, s, y| {
        draw_stacked(chart, s, y)?;
        draw_interval(chart, s, y + 0.5)
    })
}

/// The legend of the hedge categories: each name (spaces for underscores) with its colour.
fn category_legend(categories: &[String]) -> Vec<(String, RGBColor)> {
    let color = |i: usize| CATEGORY_COLORS[i % CATEGORY_COLORS.len()];
    let named = categories.iter().enumerate();
    named
        .map(|(i, c)| (c.replace('_', " "), color(i)))
        .collect()
}

/// A chart of one row of bars per source, its names in the left margin and a legend below.
struct RowChart<'s> {
    name: &'static str,
    /// Title and subtitle.
    titles: (&'s str, &'s str),
    x_desc: &'s str,
    xmax: f64,
    legend: Vec<(String, RGBColor)>,
}

/// Draws a source's bars in the row whose bottom is at height `y`.
type DrawRow<'f> =
    &'f dyn Fn(&mut Chart, &SourceFigures, f64) -> std::result::Result<(), DrawError>;

impl RowChart<'_> {
    /// Draws the chart to `path`: the rows of `sources` (the first on top) by `row`.
    fn draw(
        self,
        path: &Path,
        sources: &[SourceFigures],
        row: impl Fn(&mut Chart, &SourceFigures, f64) -> std::result::Result<(), DrawError>,
    ) -> Result<()> {
        png(path, SIZE, self.name, |root| {
            let area = canvas(&root, self.name, self.titles.0, self.titles.1)?;
            let (area, legend) = area.split_vertically(SIZE.1 as i32 - 84 - 60);
            self.draw_rows(&root, &area, sources, &row)?;
            draw_legend(&legend, self.legend, LABEL_W as i32)?;
            root.present().map_err(perr(self.name))?;
            Ok(())
        })
    }

    /// Draws the axes in `area`, then each source's row and its label.
    fn draw_rows(
        &self,
        root: &DrawingArea<BitMapBackend, Shift>,
        area: &DrawingArea<BitMapBackend, Shift>,
        sources: &[SourceFigures],
        row: DrawRow,
    ) -> Result<()> {
        let n = sources.len().max(1);
        let mut chart = source_rows(area, self.name, n, self.xmax, self.x_desc)?;
        for (i, s) in sources.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            row(&mut chart, s, y).map_err(perr(self.name))?;
            draw_row_label(root, &chart, s, y + 0.5)?;
        }
        Ok(())
    }
}

/// A source's hedges per category as bars end to end in row `y`.
fn draw_stacked(
    chart: &mut Chart,
    s: &SourceFigures,
    y: f64,
) -> std::result::Result<(), DrawError> {
    let mut x = 0.0;
    for (ci, v) in s.categories.iter().enumerate() {
        if *v <= 0.0 {
            continue;
        }
        let c = CATEGORY_COLORS[ci % CATEGORY_COLORS.len()];
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x, y + 0.18), (x + v, y + 0.82)],
            c.filled(),
        )))?;
        x += v;
    }
    Ok(())
}

/// A source's 95% interval as a whisker at height `yc`.
fn draw_interval(
    chart: &mut Chart,
    s: &SourceFigures,
    yc: f64,
) -> std::result::Result<(), DrawError> {
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(s.lo, yc), (s.hi, yc)],
        BLACK.stroke_width(2),
    )))?;
    for xv in [s.lo, s.hi] {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(xv, yc - 0.15), (xv, yc + 0.15)],
            BLACK.stroke_width(2),
        )))?;
    }
    Ok(())
}

/// Width of the margin holding source names in the one-row-per-source charts.
const LABEL_W: u32 = 300;

/// The chart behind the one-row-per-source bar charts: rows `0..n` upward, values `0..xmax`,
/// no y labels (source names are drawn in the margin by [`draw_row_label`]).
fn source_rows<'a, 'b>(
    area: &'a DrawingArea<BitMapBackend<'b>, Shift>,
    name: &str,
    n: usize,
    xmax: f64,
    x_desc: &str,
) -> Result<Chart<'a, 'b>> {
    let mut chart = ChartBuilder::on(area)
        .margin_right(40)
        .margin_left(10)
        .x_label_area_size(60)
        .y_label_area_size(LABEL_W)
        .build_cartesian_2d(0f64..xmax, 0f64..n as f64)
        .map_err(perr(name))?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .max_light_lines(0)
        .x_label_formatter(&tick)
        .y_labels(0)
        .x_desc(x_desc)
        .label_style(font(18))
        .axis_desc_style(font(20))
        .draw()
        .map_err(perr(name))?;
    Ok(chart)
}

type Chart<'a, 'b> = ChartContext<
    'a,
    BitMapBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Draws a source's name and documents in the margin left of row height `y`, right-aligned
/// and wrapped, with a square of its colour before the widest line.
fn draw_row_label(
    root: &DrawingArea<BitMapBackend, Shift>,
    chart: &Chart,
    s: &SourceFigures,
    y: f64,
) -> Result<()> {
    let (px, py) = chart.backend_coord(&(0.0, y));
    let lines = wrap(&format!("{} ({})", s.name, s.n_docs), 28);
    let x_right = px - 12;
    let w = widest(root, &lines)?;
    let size: u32 = if lines.len() > 2 { 14 } else { 18 };
    let style = font(size);
    draw_lines(
        root,
        &lines,
        (x_right, py),
        size as i32 + 2,
        style,
        HPos::Right,
    )
    .map_err(perr("label"))?;
    let sq_x = (x_right - w as i32 - 22).max(px - LABEL_W as i32).max(4);
    root.draw(&Rectangle::new(
        [(sq_x, py - 7), (sq_x + 14, py + 7)],
        source_color(s.color).filled(),
    ))
    .map_err(perr("label"))
}

/// The width in pixels of the widest of `lines` at 18 px.
fn widest(root: &DrawingArea<BitMapBackend, Shift>, lines: &[String]) -> Result<u32> {
    let mut w = 0;
    for l in lines {
        let (lw, _) = root
            .estimate_text_size(l, &font(18))
            .map_err(perr("label"))?;
        w = w.max(lw);
    }
    Ok(w)
}

fn draw_legend(
    area: &DrawingArea<BitMapBackend, Shift>,
    items: Vec<(String, RGBColor)>,
    x0: i32,
) -> Result<()> {
    // items wrap to a second row rather than run off the picture
    let width = area.dim_in_pixel().0 as i32;
    let (mut x, mut y) = (x0, 18);
    for (label, c) in items {
        let (w, _) = area
            .estimate_text_size(&label, &font(18))
            .map_err(perr("legend"))?;
        if x > x0 && x + 24 + w as i32 > width - 8 {
            x = x0;
            y += 24;
        }
        draw_legend_item(area, (x, y), label, c).map_err(perr("legend"))?;
        x += 24 + w as i32 + 28;
    }
    Ok(())
}

/// A legend item at `(x, y)`: a square of its colour, its label right of it.
fn draw_legend_item(
    area: &DrawingArea<BitMapBackend, Shift>,
    (x, y): (i32, i32),
    label: String,
    c: RGBColor,
) -> std::result::Result<(), DrawError> {
    area.draw(&Rectangle::new([(x, y), (x + 18, y + 18)], c.filled()))?;
    let style = font(18).pos(Pos::new(HPos::Left, VPos::Center));
    area.draw(&Text::new(label, (x + 24, y + 9), style))
}

/// A bar series of the quote profile: its label, colour and the figure it shows.
type Series = (&'static str, RGBColor, fn(&SourceFigures) -> f64);

/// Grouped horizontal bars: one row per source, one bar per series.
pub fn quote_profile(
    path: &Path,
    sources: &[SourceFigures],
    (title, subtitle): (&str, &str),
) -> Result<()> {
    let xmax = sources
        .iter()
        .flat_map(|s| QUOTE_SERIES.iter().map(move |(_, _, f)| f(s)))
        .fold(0.0, f64::max);
    let chart = RowChart {
        name: "quote_profile",
        titles: (title, subtitle),
        x_desc: "quotations per 1,000 tokens",
        xmax: nice_max(xmax * 1.05),
        legend: QUOTE_SERIES
            .iter()
            .map(|(l, c, _)| (l.to_string(), *c))
            .collect(),
    };
    chart.draw(path, sources, draw_quote_bars)
}

/// The series of the quote profile, a bar each in every source's row.
const QUOTE_SERIES: [Series; 3] = [
    ("direct quotes", RGBColor(31, 119, 180), |s| s.direct_per_1k),
    ("scare quotes", RGBColor(214, 39, 40), |s| s.scare_per_1k),
    ("anonymous-source quotes", RGBColor(120, 120, 120), |s| {
        s.anonymous_per_1k
    }),
];

/// A source's quote series as bars one above the other in row `y`.
fn draw_quote_bars(
    chart: &mut Chart,
    s: &SourceFigures,
    y: f64,
) -> std::result::Result<(), DrawError> {
    for (k, (_, c, f)) in QUOTE_SERIES.iter().enumerate() {
        let y0 = y + 0.88 - (k + 1) as f64 * 0.25;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y0), (f(s), y0 + 0.23)],
            c.filled(),
        )))?;
    }
    Ok(())
}

/// Quoted share against hedges per 1,000 tokens: one labelled point per source, sized by documents.
pub fn quotes_vs_hedges(
    path: &Path,
    sources: &[SourceFigures],
    (title, subtitle): (&str, &str),
) -> Result<()> {
    let name = "quotes_vs_hedges";
    png(path, SIZE, name, |root| {
        let area = canvas(&root, name, title, subtitle)?;
        let xmax = nice_max(max_of(sources, |s| scatter_point(s).0) * 1.1);
        let ymax = nice_max(max_of(sources, |s| scatter_point(s).1) * 1.1);
        let mut chart = scatter_axes(&area, xmax, ymax).map_err(perr(name))?;
        let radius = bubble_radius(sources);
        let mut placed = draw_bubbles(&mut chart, sources, &radius).map_err(perr(name))?;
        let (x_lo, _) = chart.backend_coord(&(0.0, 0.0));
        let (x_hi, y_top) = chart.backend_coord(&(xmax, ymax));
        let plot = Boxed::new(x_lo, y_top, x_hi, 0);
        for (si, s) in sources.iter().enumerate() {
            let point = Bubble {
                at: chart.backend_coord(&scatter_point(s)),
                r: radius(s),
                own: si,
            };
            point
                .label(&root, s, &mut placed, plot)
                .map_err(perr(name))?;
        }
        root.present().map_err(perr(name))?;
        Ok(())
    })
}

/// Where a source stands in the scatter: hedges per 1,000 tokens, and percent of tokens quoted.
fn scatter_point(s: &SourceFigures) -> (f64, f64) {
    (s.hedges_per_1k, s.quoted_share * 100.0)
}

/// The axes of the scatter of quoting against hedging, up to `xmax` and `ymax`.
fn scatter_axes<'a, 'b>(
    area: &'a DrawingArea<BitMapBackend<'b>, Shift>,
    xmax: f64,
    ymax: f64,
) -> std::result::Result<Chart<'a, 'b>, DrawError> {
    let mut chart = ChartBuilder::on(area)
        .margin(30)
        .x_label_area_size(60)
        .y_label_area_size(80)
        .build_cartesian_2d(0f64..xmax, 0f64..ymax)?;
    chart
        .configure_mesh()
        .max_light_lines(0)
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .x_desc("hedges per 1,000 tokens")
        .y_desc("share of tokens inside quotation marks (%)")
        .label_style(font(18))
        .axis_desc_style(font(20))
        .draw()?;
    Ok(chart)
}

/// A source's point radius in pixels, by the square root of its share of the most documents.
fn bubble_radius(sources: &[SourceFigures]) -> impl Fn(&SourceFigures) -> i32 {
    let max_docs = sources.iter().map(|s| s.n_docs).max().unwrap_or(1).max(1) as f64;
    move |s| (6.0 + 22.0 * (s.n_docs as f64 / max_docs).sqrt()) as i32
}

/// Draws each source's point; returns the boxes they cover, in source order.
fn draw_bubbles(
    chart: &mut Chart,
    sources: &[SourceFigures],
    radius: &impl Fn(&SourceFigures) -> i32,
) -> std::result::Result<Vec<Boxed>, DrawError> {
    let mut placed = Vec::new();
    for s in sources {
        let (r, pt) = (radius(s), scatter_point(s));
        let style = source_color(s.color).mix(0.75).filled();
        chart.draw_series(std::iter::once(Circle::new(pt, r, style)))?;
        let (px, py) = chart.backend_coord(&pt);
        placed.push(Boxed::new(px - r, py - r, px + r, py + r));
    }
    Ok(placed)
}

/// A drawn point of the scatter: its centre in pixels, its radius and its index among the
/// boxes placed.
struct Bubble {
    at: (i32, i32),
    r: i32,
    own: usize,
}

impl Bubble {
    /// Draws the source's name in a spot clear of the boxes `placed`, and adds that spot to them.
    fn label(
        &self,
        root: &DrawingArea<BitMapBackend, Shift>,
        s: &SourceFigures,
        placed: &mut Vec<Boxed>,
        plot: Boxed,
    ) -> std::result::Result<(), DrawError> {
        let (w, h) = root.estimate_text_size(&s.name, &font(17))?;
        let size = (w as i32, h as i32);
        let spot = LabelSpot::choose(self.at, self.r, size, placed, self.own, plot);
        placed.push(spot.at);
        spot.draw(root, s.name.clone(), self.at, h as i32, s.color)
    }
}

/// A box in pixels: left, top, right, bottom.
#[derive(Debug, Clone, Copy)]
struct Boxed {
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
}

impl Boxed {
    fn new(x0: i32, y0: i32, x1: i32, y1: i32) -> Self {
        Boxed { x0, y0, x1, y1 }
    }

    fn overlaps(&self, o: &Boxed) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether a label here covers none of the boxes `placed` but its own point's (`own`) and
    /// stays inside the plot (a little past its right edge and top allowed).
    fn is_free(&self, placed: &[Boxed], own: usize, plot: Boxed) -> bool {
        let mut others = placed.iter().enumerate().filter(|(k, _)| *k != own);
        let clash = others.any(|(_, p)| self.overlaps(p));
        !clash && self.x0 >= plot.x0 && self.x1 <= plot.x1 + 30 && self.y0 >= plot.y0 - 10
    }
}

/// Where a point's label goes, and whether a leader line joins them.
struct LabelSpot {
    at: Boxed,
    leader: bool,
}

impl LabelSpot {
    /// Tries spots around the point (`r`: its radius) further out step by step, and keeps the
    /// first one that covers no other point or label (`placed`; the point's own is `own`) and
    /// stays inside the plot; else a spot to the right. Far spots get a leader line.
    fn choose(
        (px, py): (i32, i32),
        r: i32,
        (w, h): (i32, i32),
        placed: &[Boxed],
        own: usize,
        plot: Boxed,
    ) -> Self {
        for d in [4, 14, 30, 50, 80] {
            for (x, y) in Self::around((px, py), r + d, (w, h)) {
                let b = Boxed::new(x, y, x + w, y + h);
                if b.is_free(placed, own, plot) {
                    return LabelSpot {
                        at: b,
                        leader: d > 14,
                    };
                }
            }
        }
        LabelSpot {
            at: Boxed::new(px + r + 4, py - h / 2, px + r + 4 + w, py + h / 2),
            leader: false,
        }
    }

    /// The top-left corners of a `w`×`h` label at distance `rr` from the point, in the order
    /// tried: right, left, above, below, then the four diagonals.
    fn around((px, py): (i32, i32), rr: i32, (w, h): (i32, i32)) -> [(i32, i32); 8] {
        [
            (px + rr, py - h / 2),
            (px - rr - w, py - h / 2),
            (px - w / 2, py - rr - h),
            (px - w / 2, py + rr),
            (px + rr, py - rr - h / 2),
            (px - rr - w, py - rr - h / 2),
            (px + rr, py + rr - h / 2),
            (px - rr - w, py + rr - h / 2),
        ]
    }

    /// The grey line from the point `(px, py)` to the near side of the label, `h` pixels high.
    fn draw_leader(
        &self,
        root: &DrawingArea<BitMapBackend, Shift>,
        (px, py): (i32, i32),
        h: i32,
    ) -> std::result::Result<(), DrawError> {
        let pos = self.at;
        let lx = if pos.x0 > px { pos.x0 } else { pos.x1 };
        let grey = RGBColor(120, 120, 120).stroke_width(1);
        root.draw(&PathElement::new(
            vec![(px, py), (lx, pos.y0 + h / 2)],
            grey,
        ))
    }

    /// Draws the label (and its leader line from the point `(px, py)`).
    fn draw(
        &self,
        root: &DrawingArea<BitMapBackend, Shift>,
        label: String,
        (px, py): (i32, i32),
        h: i32,
        color: usize,
    ) -> std::result::Result<(), DrawError> {
        let pos = self.at;
        if self.leader {
            self.draw_leader(root, (px, py), h)?;
        }
        root.draw(&Text::new(
            label,
            (pos.x0, pos.y0),
            font(17).color(&dark(source_color(color))),
        ))
    }
}

/// One panel of a small-multiples chart: label, value pairs as horizontal bars.
pub struct Panel {
    /// Panel title (a source).
    pub title: String,
    /// Colour index of the source.
    pub color: usize,
    /// (label, value); negative values draw to the left of zero.
    pub bars: Vec<(String, f64)>,
    /// Bars drawn hollow (e.g. not significant), by position in `bars`; empty: none.
    pub hollow: Vec<bool>,
}

impl Panel {
    /// How bar `i` is drawn: in the source's colour, grey when negative; hollow or filled.
    fn bar_style(&self, i: usize) -> ShapeStyle {
        let c = match self.bars[i].1 >= 0.0 {
            true => source_color(self.color),
            false => RGBColor(150, 150, 150),
        };
        match self.hollow.get(i).copied().unwrap_or(false) {
            true => c.stroke_width(2),
            false => c.filled(),
        }
    }
}

/// Small multiples of horizontal bars (top terms, keyness), `cols` panels a row.
pub fn small_multiples(
    path: &Path,
    title: &str,
    subtitle: &str,
    x_desc: &str,
    panels: &[Panel],
    diverging: bool,
) -> Result<()> {
    let name = "small_multiples";
    let (rows, cols) = grid(panels.len());
    let h = (SIZE.1 as usize).max(140 + rows * 330) as u32;
    png(path, (SIZE.0.max(cols as u32 * 420), h), name, |root| {
        let area = canvas(&root, name, title, subtitle)?;
        let cells = area.split_evenly((rows, cols));
        let head = head_height(panels.iter().map(|p| p.title.as_str()), 19);
        // every panel on its own scale (its axis says it): one outlet's huge G² must not
        // flatten the others' bars
        for (p, cell) in panels.iter().zip(cells.iter()) {
            let body = panel_head(cell, &p.title, p.color, (head, 19)).map_err(perr(name))?;
            draw_bars(&root, &body, p, x_desc, diverging).map_err(perr(name))?;
        }
        root.present().map_err(perr(name))?;
        Ok(())
    })
}

/// Draws a panel's bars in `body` on the panel's own scale, with a zero line when diverging.
fn draw_bars(
    root: &DrawingArea<BitMapBackend, Shift>,
    body: &DrawingArea<BitMapBackend, Shift>,
    p: &Panel,
    x_desc: &str,
    diverging: bool,
) -> std::result::Result<(), DrawError> {
    let k = p.bars.len().max(1);
    let mut chart = bar_panel(body, bars_max(&p.bars), k, x_desc, diverging)?;
    for i in 0..p.bars.len() {
        draw_bar(root, &mut chart, p, i, k, diverging)?;
    }
    if diverging {
        draw_zero_line(root, &chart, k)?;
    }
    Ok(())
}

/// The vertical line at zero through the `k` rows of a diverging panel.
fn draw_zero_line(
    root: &DrawingArea<BitMapBackend, Shift>,
    chart: &Chart,
    k: usize,
) -> std::result::Result<(), DrawError> {
    let (px, py0) = chart.backend_coord(&(0.0, 0.0));
    let (_, py1) = chart.backend_coord(&(0.0, k as f64));
    root.draw(&PathElement::new(
        vec![(px, py0), (px, py1)],
        BLACK.stroke_width(1),
    ))
}

/// Rows and columns of a grid of `n` panels (2 a row up to 4, 3 up to 9, else 4).
fn grid(n: usize) -> (usize, usize) {
    let n = n.max(1);
    let cols = match n {
        ..=4 => n.clamp(1, 2),
        5..=9 => 3,
        _ => 4,
    };
    (n.div_ceil(cols), cols)
}

/// The largest absolute value of bars, with room to spare.
fn bars_max<'a>(bars: impl IntoIterator<Item = &'a (String, f64)>) -> f64 {
    bars.into_iter()
        .map(|b| b.1.abs())
        .fold(0.0, f64::max)
        .max(1e-9)
        * 1.08
}

/// A drawing error of plotters (the chart's name is added by the caller).
type DrawError =
    DrawingAreaErrorKind<<BitMapBackend<'static> as plotters::backend::DrawingBackend>::ErrorType>;

/// Draws a panel's head (a square of the source's colour and its title; `(height, font size)`)
/// and returns the area below it.
fn panel_head<'b>(
    cell: &DrawingArea<BitMapBackend<'b>, Shift>,
    title: &str,
    color: usize,
    (height, size): (u32, u32),
) -> std::result::Result<DrawingArea<BitMapBackend<'b>, Shift>, DrawError> {
    let (head, body) = cell.split_vertically(height);
    head.draw(&Rectangle::new(
        [(12, 8), (26, 22)],
        source_color(color).filled(),
    ))?;
    for (i, l) in wrap(title, TITLE_CHARS).iter().enumerate() {
        head.draw(&Text::new(
            l.clone(),
            (32, 15 + i as i32 * (size as i32 + 3)),
            font(size).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(body)
}

/// Characters of a panel title a line (longer titles wrap).
const TITLE_CHARS: usize = 36;

/// The height of panel heads that hold every title wrapped (one line, or as many as the
/// longest needs), at font `size`.
fn head_height<'a>(titles: impl Iterator<Item = &'a str>, size: u32) -> u32 {
    let lines = titles
        .map(|t| wrap(t, TITLE_CHARS).len())
        .max()
        .unwrap_or(1) as u32;
    16 + lines * (size + 3)
}

/// The chart of one panel of bars: `k` rows, values up to `vmax` (both sides of zero when
/// diverging, labels then drawn beside the bars rather than in a margin).
fn bar_panel<'a, 'b>(
    body: &'a DrawingArea<BitMapBackend<'b>, Shift>,
    vmax: f64,
    k: usize,
    x_desc: &str,
    diverging: bool,
) -> std::result::Result<Chart<'a, 'b>, DrawError> {
    let (x0, x1) = if diverging {
        (-vmax, vmax)
    } else {
        (0.0, vmax)
    };
    let label_w = 150;
    let mut chart = ChartBuilder::on(body)
        .margin_right(18)
        .margin_left(4)
        .margin_bottom(6)
        .x_label_area_size(40)
        .y_label_area_size(if diverging { 0 } else { label_w })
        .build_cartesian_2d(x0..x1, 0f64..k as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .max_light_lines(0)
        .x_label_formatter(&tick)
        .y_labels(0)
        .x_labels(5)
        .x_desc(x_desc)
        .label_style(font(14))
        .axis_desc_style(font(15))
        .draw()?;
    Ok(chart)
}

/// Draws bar `i` of a panel of `k` rows with its label: negative values in grey to the left of
/// zero, hollow bars as outlines; the label left of zero, or in a diverging chart on the other
/// side of zero from the bar.
fn draw_bar(
    root: &DrawingArea<BitMapBackend, Shift>,
    chart: &mut Chart,
    p: &Panel,
    i: usize,
    k: usize,
    diverging: bool,
) -> std::result::Result<(), DrawError> {
    let (label, v) = (&p.bars[i].0, p.bars[i].1);
    let y = (k - 1 - i) as f64;
    chart.draw_series(std::iter::once(Rectangle::new(
        [(0.0, y + 0.15), (v, y + 0.85)],
        p.bar_style(i),
    )))?;
    let (px, py) = chart.backend_coord(&(0.0, y + 0.5));
    let (dx, side) = label_side(diverging, v);
    root.draw(&Text::new(
        shorten(label, 18),
        (px + dx, py),
        font(15).pos(Pos::new(side, VPos::Center)),
    ))
}

/// Where a bar's label goes from zero: left of it (right-aligned), or in a diverging chart
/// right of it when the bar is negative. The offset in pixels and the alignment.
fn label_side(diverging: bool, v: f64) -> (i32, HPos) {
    if !diverging || v >= 0.0 {
        (-6, HPos::Right)
    } else {
        (6, HPos::Left)
    }
}

/// A source's hedge rate in one period, with its 95% interval and how many documents it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeriodPoint {
    /// Hedges per 1,000 tokens.
    pub rate: f64,
    /// Lower bound of the interval.
    pub lo: f64,
    /// Upper bound of the interval.
    pub hi: f64,
    /// Documents of the source in the period.
    pub n_docs: u64,
    /// Too little text to read alone (drawn hollow, its n written, not joined by the line).
    pub sparse: bool,
}

/// One source's line in the chart over time.
#[derive(Debug, Clone)]
pub struct TimeSeries {
    /// Panel title (the source and its documents).
    pub label: String,
    /// Colour index of the source.
    pub color: usize,
    /// The point of each period; none where the source has no document.
    pub values: Vec<Option<PeriodPoint>>,
}

/// Hedges per 1,000 tokens per source over time: one small panel per source on a shared time
/// axis and scale, with the corpus line in grey behind each, so twelve noisy lines never overlap.
/// `periods` label the x positions; values are `None` where a source has too little text.
pub fn hedges_over_time(
    path: &Path,
    periods: &[String],
    overall: &[Option<f64>],
    series: &[TimeSeries],
    (title, subtitle): (&str, &str),
) -> Result<()> {
    let name = "hedges_over_time";
    let (rows, cols) = grid(series.len());
    let h = (SIZE.1 as usize).max(150 + rows * 280) as u32;
    png(path, (SIZE.0, h), name, |root| {
        let area = canvas(&root, name, title, subtitle)?;
        let cells = area.split_evenly((rows, cols));
        let m = periods.len().max(2);
        let ymax = nice_max(highest_rate(series, overall) * 1.25);
        let head = head_height(series.iter().map(|s| s.label.as_str()), 18);
        for (s, cell) in series.iter().zip(cells.iter()) {
            let body = panel_head(cell, &s.label, s.color, (head, 18)).map_err(perr(name))?;
            let mut chart = time_panel(&body, m, ymax).map_err(perr(name))?;
            draw_period_labels(&root, &chart, periods, m).map_err(perr(name))?;
            draw_series_over(&root, &mut chart, s, overall, ymax).map_err(perr(name))?;
        }
        root.present().map_err(perr(name))?;
        Ok(())
    })
}

/// The highest rate of any source or of the corpus in any period: the scale follows the rates
/// (a sparse point's wide interval is clipped at the top).
fn highest_rate(series: &[TimeSeries], overall: &[Option<f64>]) -> f64 {
    series
        .iter()
        .flat_map(|s| s.values.iter().flatten().map(|p| p.rate))
        .chain(overall.iter().flatten().copied())
        .fold(0.0, f64::max)
}

/// Draws a source's panel over time: the corpus line in grey behind the source's line, which
/// joins only the points on enough text, and every point with its interval.
fn draw_series_over(
    root: &DrawingArea<BitMapBackend, Shift>,
    chart: &mut Chart,
    s: &TimeSeries,
    overall: &[Option<f64>],
    ymax: f64,
) -> std::result::Result<(), DrawError> {
    draw_line(chart, overall, RGBColor(170, 170, 170).stroke_width(2))?;
    let solid: Vec<Option<f64>> = s
        .values
        .iter()
        .map(|p| p.filter(|p| !p.sparse).map(|p| p.rate))
        .collect();
    let c = source_color(s.color);
    draw_line(chart, &solid, c.stroke_width(3))?;
    draw_points(root, chart, &s.values, c, ymax)
}

/// The chart of one panel over time: `m` periods, values up to `ymax`.
fn time_panel<'a, 'b>(
    body: &'a DrawingArea<BitMapBackend<'b>, Shift>,
    m: usize,
    ymax: f64,
) -> std::result::Result<Chart<'a, 'b>, DrawError> {
    let mut chart = ChartBuilder::on(body)
        .margin_right(16)
        .margin_left(4)
        .margin_bottom(4)
        .x_label_area_size(34)
        .y_label_area_size(62)
        .build_cartesian_2d(-0.3f64..(m - 1) as f64 + 0.3, 0f64..ymax)?;
    chart
        .configure_mesh()
        .max_light_lines(0)
        .x_labels(0)
        .y_labels(4)
        .y_label_formatter(&tick)
        .y_desc("hedges / 1,000 tokens")
        .label_style(font(13))
        .axis_desc_style(font(13))
        .draw()?;
    Ok(chart)
}

/// Each period's point with its interval as a whisker (clipped at `ymax`): filled when it rests
/// on enough text, hollow with its number of documents written beside it when sparse.
fn draw_points(
    root: &DrawingArea<BitMapBackend, Shift>,
    chart: &mut Chart,
    points: &[Option<PeriodPoint>],
    c: RGBColor,
    ymax: f64,
) -> std::result::Result<(), DrawError> {
    for (i, p) in points.iter().enumerate() {
        let Some(p) = p else { continue };
        let x = i as f64;
        let (whisker, dot) = match p.sparse {
            true => (c.mix(0.5).stroke_width(1), c.stroke_width(2)),
            false => (c.stroke_width(2), c.filled()),
        };
        let ends = vec![(x, p.lo.min(ymax)), (x, p.hi.min(ymax))];
        chart.draw_series(std::iter::once(PathElement::new(ends, whisker)))?;
        chart.draw_series(std::iter::once(Circle::new((x, p.rate.min(ymax)), 4, dot)))?;
        if p.sparse {
            draw_count(root, chart.backend_coord(&(x, p.rate.min(ymax))), p.n_docs)?;
        }
    }
    Ok(())
}

/// Writes a sparse point's number of documents up and right of it (`(px, py)`, in pixels).
fn draw_count(
    root: &DrawingArea<BitMapBackend, Shift>,
    (px, py): (i32, i32),
    n_docs: u64,
) -> std::result::Result<(), DrawError> {
    let style = font(12).pos(Pos::new(HPos::Left, VPos::Bottom));
    root.draw(&Text::new(format!("n={n_docs}"), (px + 6, py - 4), style))
}

/// Period labels at up to four evenly spaced positions of `m`, drawn by hand so they always show.
fn draw_period_labels(
    root: &DrawingArea<BitMapBackend, Shift>,
    chart: &Chart,
    periods: &[String],
    m: usize,
) -> std::result::Result<(), DrawError> {
    for i in labelled_periods(periods.len(), m) {
        let (px, py) = chart.backend_coord(&(i as f64, 0.0));
        let pos = match i {
            0 => HPos::Left,
            i if i == m - 1 => HPos::Right,
            _ => HPos::Center,
        };
        root.draw(&Text::new(
            periods.get(i).cloned().unwrap_or_default(),
            (px, py + 8),
            font(13).pos(Pos::new(pos, VPos::Top)),
        ))?;
        root.draw(&PathElement::new(
            vec![(px, py), (px, py + 5)],
            BLACK.stroke_width(1),
        ))?;
    }
    Ok(())
}

/// The positions labelled on an axis of `m` positions (`n` periods): all up to four, else the
/// first, the last and two between.
fn labelled_periods(n: usize, m: usize) -> Vec<usize> {
    if m <= 4 {
        (0..n).collect()
    } else {
        vec![0, (m - 1) / 3, 2 * (m - 1) / 3, m - 1]
    }
}

/// A line through the values of the periods, broken where a period has none, with a dot at each.
fn draw_line(
    chart: &mut Chart,
    vals: &[Option<f64>],
    style: ShapeStyle,
) -> std::result::Result<(), DrawError> {
    for run in runs(vals).into_iter().filter(|run| run.len() > 1) {
        chart.draw_series(std::iter::once(PathElement::new(run, style)))?;
    }
    let c = style.color;
    chart.draw_series(
        vals.iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| Circle::new((i as f64, v), 3, c.filled()))),
    )?;
    Ok(())
}

/// The runs of consecutive periods with a value, as (period, value) points.
fn runs(vals: &[Option<f64>]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![Vec::new()];
    for (i, v) in vals.iter().enumerate() {
        match v {
            Some(v) => runs
                .last_mut()
                .expect("one run at least")
                .push((i as f64, *v)),
            None => runs.push(Vec::new()),
        }
    }
    runs
}

#[cfg(test)]
mod tests {

    #[test]
    fn korean_labels_switch_the_charts_to_the_font_with_hangul() {
        assert!(has_hangul("윤석열 대통령") && has_hangul("ㄱ"));
        assert!(!has_hangul("Юн Сок Ёль, Yoon Suk Yeol, 尹錫悅"));
        use_hangul(true);
        assert_eq!(FAMILY_IN_USE.with(|f| f.get()), HANGUL_FAMILY);
        use_hangul(false);
        assert_eq!(FAMILY_IN_USE.with(|f| f.get()), FAMILY);
        // both embedded fonts register and draw
        init_fonts();
        for family in [FAMILY, HANGUL_FAMILY] {
            let mut buf = vec![0u8; 200 * 50 * 3];
            let area = BitMapBackend::with_buffer(&mut buf, (200, 50)).into_drawing_area();
            area.fill(&WHITE).unwrap();
            area.draw(&Text::new("윤석열 Yoon", (5, 5), (family, 20).into_font()))
                .unwrap();
            drop(area);
            assert!(buf.iter().any(|&b| b < 128), "{family} drew nothing");
        }
    }

    use super::*;

    #[test]
    fn nice_max_rounds_up() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(47.0), 50.0);
        assert_eq!(nice_max(0.23), 0.25);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_never_cuts() {
        assert_eq!(
            wrap("New York Times - News | 2019 (12)", 20),
            ["New York Times -", "News | 2019 (12)"]
        );
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("cnn", 20), ["cnn"]);
        let long = "Christian Broadcasting Network (CBN) | 2020";
        assert_eq!(
            wrap(long, 12).concat().replace(' ', ""),
            long.replace(' ', "")
        );
    }

    #[test]
    fn shorten_adds_ellipsis() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
