//! Storyline pages: the events (stories) of one saga by day, each with its outlets, sizes and
//! headlines and a link to its side-by-side page, and which outlet covered which event, so that a
//! researcher can compare outlets on one event or across the saga.

use super::html::esc;
use super::story_page::pages_dir;
use crate::analysis::{StoryLink, StorylineLink};
use crate::count::DocRow;
use crate::error::Result;
use crate::files::write_atomic;
use crate::stories::{Event, Storyline};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// The folder of the storyline pages in an output folder.
pub const DIR: &str = "storylines";

/// Writes the page of every storyline into `dir/storylines/` (never through a symbolic link) and
/// returns them for the report's index. `story_pages` are the side-by-side pages written (an event
/// told by one source has none).
pub fn write_pages(
    docs: &[DocRow],
    lines: &[Storyline],
    story_pages: &[StoryLink],
    dir: &Path,
) -> Result<Vec<StorylineLink>> {
    if lines.is_empty() {
        return Ok(Vec::new());
    }
    let ldir = pages_dir(dir.join(DIR), "storyline")?;
    let paged: HashMap<&str, &str> = story_pages
        .iter()
        .map(|p| (p.id.as_str(), p.file.as_str()))
        .collect();
    use rayon::prelude::*;
    lines
        .par_iter()
        .map(|line| {
            let file = format!("{}.html", line.id);
            let html = page_html(docs, line, &paged);
            write_atomic(&ldir.join(&file), html.as_bytes())?;
            Ok(link(docs, line, format!("{DIR}/{file}")))
        })
        .collect()
}

/// What the report's index says of a storyline.
fn link(docs: &[DocRow], line: &Storyline, file: String) -> StorylineLink {
    let (first, last) = span(docs, line);
    StorylineLink {
        id: line.id.clone(),
        n_events: line.events.len(),
        n_docs: line.events.iter().map(|e| e.members.len()).sum(),
        n_sources: sources(docs, line).len(),
        first_date: first,
        last_date: last,
        labels: labels(line),
        file,
    }
}

/// The events' labels in order, joined by " / ".
fn labels(line: &Storyline) -> String {
    let labels: Vec<&str> = line.events.iter().map(|e| e.label.as_str()).collect();
    labels.join(" / ")
}

/// The first and last dates of a storyline's documents ("" when none is dated).
fn span(docs: &[DocRow], line: &Storyline) -> (String, String) {
    let dates = || {
        line.events
            .iter()
            .flat_map(|e| e.members.iter())
            .map(|&i| docs[i].date.as_str())
            .filter(|d| !d.is_empty())
    };
    (
        dates().min().unwrap_or("").to_string(),
        dates().max().unwrap_or("").to_string(),
    )
}

/// The distinct sources of a storyline's documents, with their documents per event.
fn sources<'a>(docs: &'a [DocRow], line: &Storyline) -> BTreeMap<&'a str, Vec<usize>> {
    let mut out: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, e) in line.events.iter().enumerate() {
        for &i in &e.members {
            out.entry(docs[i].source.as_str())
                .or_insert_with(|| vec![0; line.events.len()])[k] += 1;
        }
    }
    out
}

/// A day as a heading: the date, or "undated".
fn day_name(d: &str) -> &str {
    if d.is_empty() {
        "undated"
    } else {
        d
    }
}

/// "1 document", "2 documents".
fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The page of one storyline: a lead, the outlets × events table, then the events by day.
fn page_html(docs: &[DocRow], line: &Storyline, paged: &HashMap<&str, &str>) -> String {
    let by_source = sources(docs, line);
    let mut html = page_head(&format!("Storyline {}", line.id));
    lead(&mut html, docs, line, by_source.len());
    coverage(&mut html, line, &by_source, paged);
    events_by_day(&mut html, docs, line, paged);
    html.push_str("</body></html>\n");
    html
}

/// The page up to its heading: the style, the links back and the title.
fn page_head(title: &str) -> String {
    let mut html = String::new();
    let _ = write!(html, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>
body{{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:1200px}}
table{{border-collapse:collapse;margin:.5em 0 1em}} td,th{{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:left;vertical-align:top}}
table.docs{{width:100%}} table.docs td:first-child{{width:14em}} table.docs td:nth-child(2){{width:7em}} td.n,th.n{{text-align:center}} td.none{{color:#999}} td.wrap{{overflow-wrap:anywhere;max-width:40em}}
.meta{{color:#555;font-size:.9em;margin:.2em 0 .6em;overflow-wrap:anywhere}}
h2{{margin-top:1.4em;border-bottom:1px solid #ddd;padding-bottom:.2em}} h3{{margin:1em 0 .2em}} h3 small{{font-weight:normal;color:#555}}
</style></head><body><p><a href=\"../index.html#storylines\">all storylines</a> · <a href=\"../index.html#stories\">all stories</a> · <a href=\"../explore.html\">explorer</a></p><h1>{}</h1>\n",
        esc(title), esc(title));
    html
}

/// The days of a saga from its first and last dates: "on …", "from … to …" or "undated".
fn days(first: &str, last: &str) -> String {
    if first.is_empty() {
        "undated".to_string()
    } else if first == last {
        format!("on {}", esc(first))
    } else {
        format!("from {} to {}", esc(first), esc(last))
    }
}

/// The lead paragraph: events, days, documents and sources of the saga.
fn lead(html: &mut String, docs: &[DocRow], line: &Storyline, n_sources: usize) {
    let (first, last) = span(docs, line);
    let days = days(&first, &last);
    let n_docs: usize = line.events.iter().map(|e| e.members.len()).sum();
    let _ = writeln!(
        html,
        "<p>{} of one saga {days}, told in {} by {}. Each event is a story: reports of one event, linked into one storyline when they are close but days apart. Its side-by-side page compares the outlets on that event; the table below compares them across the saga.</p>",
        plural(line.events.len(), "event"),
        plural(n_docs, "document"),
        plural(n_sources, "source")
    );
}

/// The event's story page, relative to the storyline page, if it has one.
fn story_href(paged: &HashMap<&str, &str>, e: &Event) -> Option<String> {
    paged.get(e.story_id.as_str()).map(|f| format!("../{f}"))
}

/// Which outlet covered which event: documents per outlet and event.
fn coverage(
    html: &mut String,
    line: &Storyline,
    by_source: &BTreeMap<&str, Vec<usize>>,
    paged: &HashMap<&str, &str>,
) {
    html.push_str("<h2>Who covered which event</h2><p class=\"meta\">Documents of each source on each event, the events in date order.</p><table><tr><th>source</th>");
    for e in &line.events {
        event_column_head(html, e, paged);
    }
    html.push_str("</tr>\n");
    for (source, counts) in by_source {
        let _ = write!(html, "<tr><td>{}</td>", esc(source));
        for &c in counts {
            count_cell(html, c);
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n");
}

/// An event's column head: its story (linked to its page if it has one) and its first day.
fn event_column_head(html: &mut String, e: &Event, paged: &HashMap<&str, &str>) {
    let id = match story_href(paged, e) {
        Some(h) => format!("<a href=\"{}\">{}</a>", esc(&h), esc(&e.story_id)),
        None => esc(&e.story_id),
    };
    let day = esc(day_name(&e.first_date));
    let _ = write!(html, "<th class=\"n\">{id}<br><small>{day}</small></th>");
}

/// A source's documents on an event, a dash for none.
fn count_cell(html: &mut String, c: usize) {
    if c == 0 {
        html.push_str("<td class=\"n none\">–</td>");
    } else {
        let _ = write!(html, "<td class=\"n\">{c}</td>");
    }
}

/// The events under their first day, each with its documents: source, date, headline and the
/// document's column on the story page.
fn events_by_day(
    html: &mut String,
    docs: &[DocRow],
    line: &Storyline,
    paged: &HashMap<&str, &str>,
) {
    let mut day: Option<&str> = None;
    for e in &line.events {
        if day != Some(e.first_date.as_str()) {
            day = Some(e.first_date.as_str());
            let _ = writeln!(html, "<h2>{}</h2>", esc(day_name(&e.first_date)));
        }
        let href = story_href(paged, e);
        event_head(html, e, href.as_deref());
        for i in in_date_order(docs, &e.members) {
            let is_copy = docs[i].duplicate_of.is_some();
            doc_row(html, &docs[i], href.as_deref(), is_copy);
        }
        html.push_str("</table>\n");
    }
}

/// An event's heading, its sources and documents, the link to its side-by-side page, and the
/// head of its table of documents.
fn event_head(html: &mut String, e: &Event, href: Option<&str>) {
    let _ = write!(
        html,
        "<h3 id=\"{}\">{} <small>{}</small></h3><p class=\"meta\">{}, {}",
        esc(&e.story_id),
        esc(&e.story_id),
        esc(&e.label),
        plural(e.n_sources, "source"),
        plural(e.members.len(), "document")
    );
    match href {
        Some(h) => {
            let _ = write!(html, " · <a href=\"{}\">side by side</a>", esc(h));
        }
        None => html.push_str(" · told by one source: no side-by-side page"),
    }
    html.push_str(
        "</p>\n<table class=\"docs\"><tr><th>source</th><th>date</th><th>headline</th><th></th></tr>\n",
    );
}

/// An event's documents, dated first, by date, source and id.
fn in_date_order(docs: &[DocRow], members: &[usize]) -> Vec<usize> {
    let mut members = members.to_vec();
    members.sort_by_key(|&i| date_order(&docs[i]));
    members
}

/// The key of [`in_date_order`].
fn date_order(d: &DocRow) -> (bool, &str, &str, &str) {
    (d.date.is_empty(), &d.date, &d.source, &d.doc_id)
}

/// A document's row: source, date, headline (its id when untitled) and a link to its column on
/// the story page (a copy links to the page, whose column shows the original).
fn doc_row(html: &mut String, d: &DocRow, href: Option<&str>, is_copy: bool) {
    let headline = if d.title.is_empty() {
        format!("<i>{}</i>", esc(&d.doc_id))
    } else {
        esc(&d.title)
    };
    let read = match (href, is_copy) {
        (Some(h), false) => format!("<a href=\"{}#{}\">read</a>", esc(h), esc(&d.doc_id)),
        (Some(h), true) => format!("<a href=\"{}\">a copy</a>", esc(h)),
        (None, _) => String::new(),
    };
    let date = match d.date.is_empty() {
        true => "<td class=\"none\">undated</td>".to_string(),
        false => format!("<td>{}</td>", esc(&d.date)),
    };
    let _ = writeln!(
        html,
        "<tr><td>{}</td>{date}<td class=\"wrap\">{headline}</td><td>{read}</td></tr>",
        esc(&d.source)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, source: &str, title: &str, date: &str) -> DocRow {
        DocRow {
            doc_id: id.into(),
            source: source.into(),
            title: title.into(),
            date: date.into(),
            ..DocRow::default()
        }
    }

    fn event(story_id: &str, label: &str, first_date: &str, members: Vec<usize>) -> Event {
        Event {
            story_id: story_id.into(),
            label: label.into(),
            first_date: first_date.into(),
            n_sources: 2,
            members,
        }
    }

    #[test]
    fn a_page_lists_events_by_day_escapes_text_and_links_only_pages_that_exist() {
        let docs = vec![
            doc("a1", "Courier", "Bridge <b>shut</b>", "2025-05-02"),
            doc(
                "b1",
                "Ledger \"&\" Co",
                "Cracks <script>x</script>",
                "2025-05-02",
            ),
            doc("a2", "Courier", "Repairs voted", "2025-05-05"),
            doc("b2", "Gazette", "", ""),
        ];
        let line = Storyline {
            id: "L00001".into(),
            events: vec![
                event("S00001", "bridge <i>deck</i>", "2025-05-02", vec![0, 1]),
                event("S00002", "vote", "2025-05-05", vec![2, 3]),
            ],
        };
        let paged: HashMap<&str, &str> = [("S00001", "stories/S00001.html")].into();
        let html = page_html(&docs, &line, &paged);
        for raw in ["<b>shut", "<script>", "<i>deck", "\"&\" Co"] {
            assert!(!html.contains(raw), "{raw} not escaped");
        }
        assert!(html.contains("Cracks &lt;script&gt;x&lt;/script&gt;"));
        let (one, two) = (
            html.find("<h3 id=\"S00001\">").unwrap(),
            html.find("<h3 id=\"S00002\">").unwrap(),
        );
        assert!(one < two, "events by day");
        assert!(html.contains("href=\"../stories/S00001.html#a1\""));
        assert!(
            !html.contains("../stories/S00002.html"),
            "a link to a page not written"
        );
        assert!(html.contains("no side-by-side page") && html.contains(">undated<"));
        let l = link(&docs, &line, "storylines/L00001.html".into());
        assert_eq!((l.n_events, l.n_docs, l.n_sources), (2, 4, 3));
        assert_eq!(
            (l.first_date.as_str(), l.last_date.as_str()),
            ("2025-05-02", "2025-05-05")
        );
    }

    #[test]
    fn plurals_and_days() {
        assert_eq!(plural(1, "event"), "1 event");
        assert_eq!(plural(3, "event"), "3 events");
        assert_eq!(day_name(""), "undated");
        assert_eq!(day_name("2025-03-04"), "2025-03-04");
    }
}
