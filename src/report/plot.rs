//! Charts as PNG with plotters: an embedded DejaVu Sans font (no system fonts), explicit sizes,
//! source names drawn in their own margin, and one colour per source in every chart.

use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;
use std::sync::Once;

/// The embedded font (DejaVu Sans, Bitstream Vera licence: data/fonts/LICENSE-DejaVu.txt).
const FONT: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");
const FAMILY: &str = "sans-serif";

/// Chart size in pixels.
pub const SIZE: (u32, u32) = (1400, 800);

/// Registers the embedded font once.
pub fn init_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for style in [
            FontStyle::Normal,
            FontStyle::Bold,
            FontStyle::Italic,
            FontStyle::Oblique,
        ] {
            // The embedded file is a valid TTF; a failure here would be a build defect.
            let _ = plotters::style::register_font(FAMILY, style, FONT);
        }
    });
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
    (FAMILY, size).into_font().color(&BLACK)
}

/// Shortens a label to `max` characters with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A white PNG canvas with its title drawn: the whole area and the area below the title.
fn canvas<'a>(
    path: &'a Path,
    size: (u32, u32),
    name: &str,
    title: &str,
    subtitle: &str,
) -> Result<(
    DrawingArea<BitMapBackend<'a>, Shift>,
    DrawingArea<BitMapBackend<'a>, Shift>,
)> {
    init_fonts();
    let root = BitMapBackend::new(path, size).into_drawing_area();
    root.fill(&WHITE).map_err(perr(name))?;
    let area = titled(&root, title, subtitle)?;
    Ok((root, area))
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
        top.draw(&Text::new(
            subtitle.to_string(),
            (24, 52),
            font(19).color(&RGBColor(90, 90, 90)),
        ))
        .map_err(perr("title"))?;
    }
    Ok(rest)
}

fn nice_max(v: f64) -> f64 {
    if !(v.is_finite()) || v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if m * p >= v {
            return m * p;
        }
    }
    10.0 * p
}

/// Hedges per 1,000 tokens by source, stacked by category, with the 95% interval as whiskers.
pub fn hedges_by_source(
    path: &Path,
    sources: &[SourceFigures],
    categories: &[String],
    subtitle: &str,
) -> Result<()> {
    let name = "hedges_by_source";
    let (root, area) = canvas(path, SIZE, name, "Hedging by source", subtitle)?;
    let (area, legend) = area.split_vertically(SIZE.1 as i32 - 84 - 60);
    let n = sources.len().max(1);
    let xmax = nice_max(
        sources
            .iter()
            .map(|s| s.hi.max(s.hedges_per_1k))
            .fold(0.0, f64::max)
            * 1.05,
    );
    let mut chart = source_rows(
        &area,
        name,
        n,
        xmax,
        "hedges per 1,000 tokens (bars: by category; whiskers: 95% interval)",
    )?;
    for (i, s) in sources.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        let mut x = 0.0;
        for (ci, v) in s.categories.iter().enumerate() {
            if *v <= 0.0 {
                continue;
            }
            let c = CATEGORY_COLORS[ci % CATEGORY_COLORS.len()];
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x, y + 0.18), (x + v, y + 0.82)],
                    c.filled(),
                )))
                .map_err(perr(name))?;
            x += v;
        }
        let yc = y + 0.5;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(s.lo, yc), (s.hi, yc)],
                BLACK.stroke_width(2),
            )))
            .map_err(perr(name))?;
        for xv in [s.lo, s.hi] {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(xv, yc - 0.15), (xv, yc + 0.15)],
                    BLACK.stroke_width(2),
                )))
                .map_err(perr(name))?;
        }
        draw_row_label(&root, &chart, &s.name, s.color, s.n_docs, y + 0.5, LABEL_W)?;
    }
    draw_legend(
        &legend,
        categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    c.replace('_', " "),
                    CATEGORY_COLORS[i % CATEGORY_COLORS.len()],
                )
            })
            .collect(),
        LABEL_W as i32,
    )?;
    root.present().map_err(perr(name))?;
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

fn draw_row_label(
    root: &DrawingArea<BitMapBackend, Shift>,
    chart: &Chart,
    name: &str,
    color: usize,
    n_docs: u64,
    y: f64,
    label_w: u32,
) -> Result<()> {
    let (px, py) = chart.backend_coord(&(0.0, y));
    let label = format!("{} ({n_docs})", shorten(name, 26));
    let x_right = px - 12;
    let (w, _) = root
        .estimate_text_size(&label, &font(18))
        .map_err(perr("label"))?;
    root.draw(&Text::new(
        label,
        (x_right, py),
        font(18).pos(Pos::new(HPos::Right, VPos::Center)),
    ))
    .map_err(perr("label"))?;
    let sq_x = (x_right - w as i32 - 22).max(px - label_w as i32).max(4);
    root.draw(&Rectangle::new(
        [(sq_x, py - 7), (sq_x + 14, py + 7)],
        source_color(color).filled(),
    ))
    .map_err(perr("label"))?;
    Ok(())
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
        area.draw(&Rectangle::new([(x, y), (x + 18, y + 18)], c.filled()))
            .map_err(perr("legend"))?;
        area.draw(&Text::new(
            label.clone(),
            (x + 24, y + 9),
            font(18).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(perr("legend"))?;
        x += 24 + w as i32 + 28;
    }
    Ok(())
}

/// A bar series of the quote profile: its label, colour and the figure it shows.
type Series = (&'static str, RGBColor, fn(&SourceFigures) -> f64);

/// Grouped horizontal bars: one row per source, one bar per series.
pub fn quote_profile(path: &Path, sources: &[SourceFigures], subtitle: &str) -> Result<()> {
    let name = "quote_profile";
    let (root, area) = canvas(path, SIZE, name, "How each source quotes", subtitle)?;
    let (area, legend) = area.split_vertically(SIZE.1 as i32 - 84 - 60);
    let series: [Series; 3] = [
        ("direct quotes", RGBColor(31, 119, 180), |s| s.direct_per_1k),
        ("scare quotes", RGBColor(214, 39, 40), |s| s.scare_per_1k),
        ("anonymous-source quotes", RGBColor(120, 120, 120), |s| {
            s.anonymous_per_1k
        }),
    ];
    let n = sources.len().max(1);
    let xmax = nice_max(
        sources
            .iter()
            .flat_map(|s| series.iter().map(move |(_, _, f)| f(s)))
            .fold(0.0, f64::max)
            * 1.05,
    );
    let mut chart = source_rows(&area, name, n, xmax, "quotations per 1,000 tokens")?;
    for (i, s) in sources.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        for (k, (_, c, f)) in series.iter().enumerate() {
            let y0 = y + 0.88 - (k + 1) as f64 * 0.25;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y0), (f(s), y0 + 0.23)],
                    c.filled(),
                )))
                .map_err(perr(name))?;
        }
        draw_row_label(&root, &chart, &s.name, s.color, s.n_docs, y + 0.5, LABEL_W)?;
    }
    draw_legend(
        &legend,
        series.iter().map(|(l, c, _)| (l.to_string(), *c)).collect(),
        LABEL_W as i32,
    )?;
    root.present().map_err(perr(name))?;
    Ok(())
}

/// Quoted share against hedges per 1,000 tokens: one labelled point per source, sized by documents.
pub fn quotes_vs_hedges(path: &Path, sources: &[SourceFigures], subtitle: &str) -> Result<()> {
    let name = "quotes_vs_hedges";
    let (root, area) = canvas(path, SIZE, name, "Quoting against hedging", subtitle)?;
    let xmax = nice_max(sources.iter().map(|s| s.hedges_per_1k).fold(0.0, f64::max) * 1.1);
    let ymax = nice_max(
        sources
            .iter()
            .map(|s| s.quoted_share * 100.0)
            .fold(0.0, f64::max)
            * 1.1,
    );
    let mut chart = ChartBuilder::on(&area)
        .margin(30)
        .x_label_area_size(60)
        .y_label_area_size(80)
        .build_cartesian_2d(0f64..xmax, 0f64..ymax)
        .map_err(perr(name))?;
    chart
        .configure_mesh()
        .max_light_lines(0)
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .x_desc("hedges per 1,000 tokens")
        .y_desc("share of tokens inside quotation marks (%)")
        .label_style(font(18))
        .axis_desc_style(font(20))
        .draw()
        .map_err(perr(name))?;
    let max_docs = sources.iter().map(|s| s.n_docs).max().unwrap_or(1).max(1) as f64;
    let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
    for s in sources {
        let r = (6.0 + 22.0 * (s.n_docs as f64 / max_docs).sqrt()) as i32;
        let pt = (s.hedges_per_1k, s.quoted_share * 100.0);
        chart
            .draw_series(std::iter::once(Circle::new(
                pt,
                r,
                source_color(s.color).mix(0.75).filled(),
            )))
            .map_err(perr(name))?;
        let (px, py) = chart.backend_coord(&pt);
        placed.push((px - r, py - r, px + r, py + r));
    }
    let (x_lo, _) = chart.backend_coord(&(0.0, 0.0));
    let (x_hi, y_top) = chart.backend_coord(&(xmax, ymax));
    for (si, s) in sources.iter().enumerate() {
        let r = (6.0 + 22.0 * (s.n_docs as f64 / max_docs).sqrt()) as i32;
        let (px, py) = chart.backend_coord(&(s.hedges_per_1k, s.quoted_share * 100.0));
        let label = shorten(&s.name, 24);
        let (w, h) = root
            .estimate_text_size(&label, &font(17))
            .map_err(perr(name))?;
        let (w, h) = (w as i32, h as i32);
        // try spots around the point, further out step by step; keep the first one that covers no
        // other point or label and stays inside the plot; else draw a leader line to a free spot
        let mut chosen = None;
        'search: for d in [4, 14, 30, 50, 80] {
            let rr = r + d;
            for (x, y) in [
                (px + rr, py - h / 2),
                (px - rr - w, py - h / 2),
                (px - w / 2, py - rr - h),
                (px - w / 2, py + rr),
                (px + rr, py - rr - h / 2),
                (px - rr - w, py - rr - h / 2),
                (px + rr, py + rr - h / 2),
                (px - rr - w, py + rr - h / 2),
            ] {
                let b = (x, y, x + w, y + h);
                let clash = placed
                    .iter()
                    .enumerate()
                    .any(|(k, p)| k != si && b.0 < p.2 && p.0 < b.2 && b.1 < p.3 && p.1 < b.3);
                if !clash && b.0 >= x_lo && b.2 <= x_hi + 30 && b.1 >= y_top - 10 {
                    chosen = Some((b, d > 14));
                    break 'search;
                }
            }
        }
        let (pos, leader) =
            chosen.unwrap_or(((px + r + 4, py - h / 2, px + r + 4 + w, py + h / 2), false));
        placed.push(pos);
        if leader {
            let lx = if pos.0 > px { pos.0 } else { pos.2 };
            root.draw(&PathElement::new(
                vec![(px, py), (lx, pos.1 + h / 2)],
                RGBColor(120, 120, 120).stroke_width(1),
            ))
            .map_err(perr(name))?;
        }
        root.draw(&Text::new(
            label,
            (pos.0, pos.1),
            font(17).color(&dark(source_color(s.color))),
        ))
        .map_err(perr(name))?;
    }
    root.present().map_err(perr(name))?;
    Ok(())
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

/// Small multiples of horizontal bars (top terms, keyness), `cols` panels a row.
pub fn small_multiples(
    path: &Path,
    title: &str,
    subtitle: &str,
    x_desc: &str,
    panels: &[Panel],
    diverging: bool,
) -> Result<()> {
    init_fonts();
    let name = "small_multiples";
    let n = panels.len().max(1);
    let cols = if n <= 4 {
        n.clamp(1, 2)
    } else if n <= 9 {
        3
    } else {
        4
    };
    let rows = n.div_ceil(cols);
    let h = (SIZE.1 as usize).max(140 + rows * 330) as u32;
    let root = BitMapBackend::new(path, (SIZE.0.max(cols as u32 * 420), h)).into_drawing_area();
    root.fill(&WHITE).map_err(perr(name))?;
    let area = titled(&root, title, subtitle)?;
    let cells = area.split_evenly((rows, cols));
    // a diverging chart (keyness) has one scale for all its panels, so bars compare across sources
    let shared_max = panels
        .iter()
        .flat_map(|p| p.bars.iter().map(|b| b.1.abs()))
        .fold(0.0, f64::max)
        .max(1e-9)
        * 1.08;
    for (p, cell) in panels.iter().zip(cells.iter()) {
        let (head, body) = cell.split_vertically(34);
        head.draw(&Rectangle::new(
            [(12, 8), (26, 22)],
            source_color(p.color).filled(),
        ))
        .map_err(perr(name))?;
        head.draw(&Text::new(
            shorten(&p.title, 34),
            (32, 15),
            font(19).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(perr(name))?;
        let k = p.bars.len().max(1);
        let vmax = if diverging {
            shared_max
        } else {
            p.bars
                .iter()
                .map(|b| b.1.abs())
                .fold(0.0, f64::max)
                .max(1e-9)
                * 1.08
        };
        let (x0, x1) = if diverging {
            (-vmax, vmax)
        } else {
            (0.0, vmax)
        };
        let label_w = 150;
        let mut chart = ChartBuilder::on(&body)
            .margin_right(18)
            .margin_left(4)
            .margin_bottom(6)
            .x_label_area_size(40)
            .y_label_area_size(if diverging { 0 } else { label_w })
            .build_cartesian_2d(x0..x1, 0f64..k as f64)
            .map_err(perr(name))?;
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
            .draw()
            .map_err(perr(name))?;
        for (i, (label, v)) in p.bars.iter().enumerate() {
            let y = (k - 1 - i) as f64;
            let c = if *v >= 0.0 {
                source_color(p.color)
            } else {
                RGBColor(150, 150, 150)
            };
            let hollow = p.hollow.get(i).copied().unwrap_or(false);
            let style = if hollow {
                c.stroke_width(2)
            } else {
                c.filled()
            };
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y + 0.15), (*v, y + 0.85)],
                    style,
                )))
                .map_err(perr(name))?;
            let label = shorten(label, 18);
            if diverging {
                // label on the other side of zero
                let (px, py) = chart.backend_coord(&(0.0, y + 0.5));
                let pos = if *v >= 0.0 {
                    Pos::new(HPos::Right, VPos::Center)
                } else {
                    Pos::new(HPos::Left, VPos::Center)
                };
                let dx = if *v >= 0.0 { -6 } else { 6 };
                root.draw(&Text::new(label, (px + dx, py), font(15).pos(pos)))
                    .map_err(perr(name))?;
            } else {
                let (px, py) = chart.backend_coord(&(0.0, y + 0.5));
                root.draw(&Text::new(
                    label,
                    (px - 6, py),
                    font(15).pos(Pos::new(HPos::Right, VPos::Center)),
                ))
                .map_err(perr(name))?;
            }
        }
        if diverging {
            let (px, py0) = chart.backend_coord(&(0.0, 0.0));
            let (_, py1) = chart.backend_coord(&(0.0, k as f64));
            root.draw(&PathElement::new(
                vec![(px, py0), (px, py1)],
                BLACK.stroke_width(1),
            ))
            .map_err(perr(name))?;
        }
    }
    root.present().map_err(perr(name))?;
    Ok(())
}

/// Hedges per 1,000 tokens per source over time: one small panel per source on a shared time
/// axis and scale, with the corpus line in grey behind each, so twelve noisy lines never overlap.
/// `periods` label the x positions; values are `None` where a source has too little text.
pub fn hedges_over_time(
    path: &Path,
    periods: &[String],
    overall: &[Option<f64>],
    series: &[(String, usize, Vec<Option<f64>>)],
    subtitle: &str,
) -> Result<()> {
    init_fonts();
    let name = "hedges_over_time";
    let n = series.len().max(1);
    let cols = if n <= 4 {
        n.clamp(1, 2)
    } else if n <= 9 {
        3
    } else {
        4
    };
    let rows = n.div_ceil(cols);
    let h = (SIZE.1 as usize).max(150 + rows * 260) as u32;
    let root = BitMapBackend::new(path, (SIZE.0, h)).into_drawing_area();
    root.fill(&WHITE).map_err(perr(name))?;
    let area = titled(&root, "Hedging over time", subtitle)?;
    let cells = area.split_evenly((rows, cols));
    let m = periods.len().max(2);
    let ymax = nice_max(
        series
            .iter()
            .flat_map(|s| s.2.iter().flatten().copied())
            .chain(overall.iter().flatten().copied())
            .fold(0.0, f64::max)
            * 1.05,
    );
    let grey = RGBColor(170, 170, 170);
    for ((label, color, vals), cell) in series.iter().zip(cells.iter()) {
        let (head, body) = cell.split_vertically(30);
        head.draw(&Rectangle::new(
            [(12, 8), (26, 22)],
            source_color(*color).filled(),
        ))
        .map_err(perr(name))?;
        head.draw(&Text::new(
            shorten(label, 34),
            (32, 15),
            font(18).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(perr(name))?;
        let mut chart = ChartBuilder::on(&body)
            .margin_right(16)
            .margin_left(4)
            .margin_bottom(4)
            .x_label_area_size(34)
            .y_label_area_size(44)
            .build_cartesian_2d(0f64..(m - 1) as f64, 0f64..ymax)
            .map_err(perr(name))?;
        chart
            .configure_mesh()
            .max_light_lines(0)
            .x_labels(0)
            .y_labels(4)
            .y_label_formatter(&tick)
            .label_style(font(13))
            .draw()
            .map_err(perr(name))?;
        // period labels at up to four evenly spaced positions, drawn by hand so they always show
        let picks: Vec<usize> = if m <= 4 {
            (0..periods.len()).collect()
        } else {
            vec![0, (m - 1) / 3, 2 * (m - 1) / 3, m - 1]
        };
        for i in picks {
            let (px, py) = chart.backend_coord(&(i as f64, 0.0));
            let pos = if i == 0 {
                HPos::Left
            } else if i == m - 1 {
                HPos::Right
            } else {
                HPos::Center
            };
            root.draw(&Text::new(
                periods.get(i).cloned().unwrap_or_default(),
                (px, py + 8),
                font(13).pos(Pos::new(pos, VPos::Top)),
            ))
            .map_err(perr(name))?;
            root.draw(&PathElement::new(
                vec![(px, py), (px, py + 5)],
                BLACK.stroke_width(1),
            ))
            .map_err(perr(name))?;
        }
        for (vals, style) in [
            (overall, grey.stroke_width(2)),
            (vals.as_slice(), source_color(*color).stroke_width(3)),
        ] {
            // break the line where a period has no value
            let mut run: Vec<(f64, f64)> = Vec::new();
            for (i, v) in vals.iter().enumerate() {
                match v {
                    Some(v) => run.push((i as f64, *v)),
                    None => {
                        if run.len() > 1 {
                            chart
                                .draw_series(std::iter::once(PathElement::new(run.clone(), style)))
                                .map_err(perr(name))?;
                        }
                        run.clear();
                    }
                }
            }
            if run.len() > 1 {
                chart
                    .draw_series(std::iter::once(PathElement::new(run.clone(), style)))
                    .map_err(perr(name))?;
            }
            let c = style.color;
            chart
                .draw_series(
                    vals.iter()
                        .enumerate()
                        .filter_map(|(i, v)| v.map(|v| Circle::new((i as f64, v), 3, c.filled()))),
                )
                .map_err(perr(name))?;
        }
    }
    root.present().map_err(perr(name))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_max_rounds_up() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(47.0), 50.0);
        assert_eq!(nice_max(0.23), 0.25);
    }

    #[test]
    fn shorten_adds_ellipsis() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
