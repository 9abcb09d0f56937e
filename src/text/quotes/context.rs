//! A quotation's context: its span, its paragraph, the words after it (read once, and on to the
//! sentence's end only when a rule asks) and the words before it (read when a rule or the kind
//! asks, as far as it asks), and the quotation before it.

use super::marks::{is_mark, Span};
use super::words::DETERMINERS;
use super::{ends_no_sentence, ends_sentence, gap_has, Cues, Quote, Tok};
use crate::text::tokenize::{normalize, Token};
use std::cell::OnceCell;

/// Words read after a quotation before any rule asks for more.
const AFTER_WORDS: usize = 14;
/// Words read after a quotation when a rule looks for the attribution at the sentence's end.
const SENTENCE_WORDS: usize = 60;
/// Words read before a quotation for the rules (the kind needs three).
pub(super) const BEFORE_WORDS: usize = 40;

/// The document the quotations are read in, shared by every quotation's context.
pub(super) struct Doc<'a> {
    pub text: &'a str,
    /// Byte offset where the body starts (the title before it is never read).
    pub body: usize,
    pub toks: &'a [Token],
    pub cues: &'a Cues,
    /// The document's quotation spans, in text order.
    pub spans: &'a [Span],
    /// Byte offsets of the newlines: paragraph bounds without rescans (linear in the text, even
    /// on one huge line).
    newlines: Vec<usize>,
}

impl<'a> Doc<'a> {
    /// The document; newlines are indexed only when there is a quotation to place.
    pub(super) fn new(
        text: &'a str,
        body: usize,
        toks: &'a [Token],
        cues: &'a Cues,
        spans: &'a [Span],
    ) -> Self {
        let newlines = if spans.is_empty() {
            Vec::new()
        } else {
            memchr::memchr_iter(b'\n', text.as_bytes()).collect()
        };
        Self {
            text,
            body,
            toks,
            cues,
            spans,
            newlines,
        }
    }

    /// The token `i` with its word and normalized form.
    pub(super) fn tok(&self, i: usize) -> Tok<'a> {
        let t = self.toks[i];
        let w = &self.text[t.start as usize..t.end as usize];
        Tok {
            start: t.start as usize,
            end: t.end as usize,
            word: w,
            norm: normalize(w),
        }
    }

    /// Index of the first token starting at or after byte `pos`.
    pub(super) fn tok_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| (t.start as usize) < pos)
    }

    /// Start of the line holding byte `pos`.
    fn line_start(&self, pos: usize) -> usize {
        let k = self.newlines.partition_point(|&p| p < pos);
        if k == 0 {
            0
        } else {
            self.newlines[k - 1] + 1
        }
    }

    /// The paragraph a quotation starting at `start` belongs to: its line, or the line before
    /// when that ends on a colon ("She said:\n\n“…”": the cue closes the previous paragraph).
    fn para_start(&self, start: usize) -> usize {
        let para_start = self.line_start(start).max(self.body);
        let trimmed = self.text[self.body..para_start].trim_end();
        if trimmed.ends_with(':') {
            self.line_start(self.body + trimmed.len()).max(self.body)
        } else {
            para_start
        }
    }

    /// End of the line holding byte `end`.
    fn para_end(&self, end: usize) -> usize {
        self.newlines
            .get(self.newlines.partition_point(|&p| p < end))
            .copied()
            .unwrap_or(self.text.len())
    }
}

/// One quotation in its document, as the attribution rules and the kind read it.
pub(super) struct Context<'a> {
    pub doc: &'a Doc<'a>,
    pub span: Span,
    /// Tokens inside the quotation: `first_in..after_first`.
    pub first_in: usize,
    pub after_first: usize,
    /// Four words or fewer inside.
    pub short: bool,
    /// End of the quotation before (or the body's start), start of the one after (or the text's
    /// end): the windows never cross them.
    prev_end: usize,
    next_start: usize,
    pub para_start: usize,
    pub para_end: usize,
    /// The quoted words with the closing marks and spaces cut off.
    pub inner_end: &'a str,
    /// How many of the words after the quote may hold its cue (0: the quote's sentence ended).
    pub after_reach: usize,
    /// The quotation before this one, as found.
    pub prev: Option<&'a Quote>,
    /// Words after the quotation up to the end of the sentence, the next quotation or the
    /// paragraph, and where reading stopped (the next token and the end of the last read).
    pub after: Vec<Tok<'a>>,
    after_next: usize,
    after_cursor: usize,
    /// The first cue among the words after, within reach, once asked.
    first_cue_after: OnceCell<Option<usize>>,
    /// Words before the quotation back to the sentence start, the previous quotation or the
    /// paragraph, at most `before_limit` of them (none read yet: 0).
    pub before: Vec<Tok<'a>>,
    before_limit: usize,
}

impl<'a> Context<'a> {
    /// The context of `spans[qi]`; the words after are read at once (every rule starts there).
    pub(super) fn new(
        doc: &'a Doc<'a>,
        spans: &[Span],
        qi: usize,
        prev: Option<&'a Quote>,
    ) -> Self {
        let span = spans[qi];
        let (first_in, after_first) = (doc.tok_at(span.start), doc.tok_at(span.end));
        let inner_end = doc.text[span.start..span.end]
            .trim_end_matches(|c: char| is_mark(c) || c.is_whitespace());
        let mut ctx = Self {
            doc,
            span,
            first_in,
            after_first,
            short: after_first - first_in <= 4,
            prev_end: if qi > 0 { spans[qi - 1].end } else { doc.body },
            next_start: spans.get(qi + 1).map_or(doc.text.len(), |s| s.start),
            para_start: doc.para_start(span.start),
            para_end: doc.para_end(span.end),
            inner_end,
            after_reach: 0,
            prev,
            after: Vec::new(),
            after_next: after_first,
            after_cursor: span.end,
            first_cue_after: OnceCell::new(),
            before: Vec::new(),
            before_limit: 0,
        };
        ctx.read_after(AFTER_WORDS);
        ctx.after_reach = ctx.reach();
        ctx
    }

    /// Number of tokens inside the quotation.
    pub(super) fn n_tokens(&self) -> usize {
        self.after_first - self.first_in
    }

    /// How far after the quote its cue may be. A quote that ends its own sentence (“… war.”
    /// Zelensky …) starts a new sentence after it, unless a lowercase word right after the mark
    /// continues it (“… fact.” she wrote); a question, an exclamation, a comma or a dash inside,
    /// or five words or more, may be followed by its cue; a short quote with none of those runs
    /// on in the sentence (a “special operation” continued).
    fn reach(&self) -> usize {
        let continues_sentence = self.after.first().is_some_and(Tok::lowercase);
        let inner = self.inner_end;
        if (inner.ends_with('.') || inner.ends_with('…')) && !continues_sentence {
            0
        } else if inner.ends_with(['.', '…', '?', '!', ',', '—', '–', '-']) || self.n_tokens() >= 5
        {
            AFTER_WORDS
        } else {
            0
        }
    }

    /// Whether token `j` still belongs to the words after the quote, given those read so far.
    fn goes_on(&self, j: usize) -> bool {
        let (text, end) = (self.doc.text, self.span.end);
        let start = self.doc.toks[j].start as usize;
        if start >= self.next_start.min(self.para_end) {
            return false;
        }
        let abbrev = self.after.last().is_some_and(ends_no_sentence);
        if !self.after.is_empty() && ends_sentence(&text[self.after_cursor..start]) && !abbrev {
            return false;
        }
        // "“…”. Next sentence" — nothing attached after; but “…” — Name is.
        let gap = &text[end..start];
        !self.after.is_empty()
            || !gap_has(text, end, start, &['.', '!', '?'])
            || gap.contains(',')
            || gap.contains('—')
    }

    /// Reads words after the quote until `limit` are read or the window ends.
    fn read_after(&mut self, limit: usize) {
        while self.after_next < self.doc.toks.len()
            && self.after.len() < limit
            && self.goes_on(self.after_next)
        {
            let t = self.doc.tok(self.after_next);
            self.after_cursor = t.end;
            self.after.push(t);
            self.after_next += 1;
        }
    }

    /// Reads on to the end of the quote's sentence (up to 60 words) when the first words filled
    /// the window: for the rules that look for the attribution at the sentence's end.
    pub(super) fn read_rest_of_sentence(&mut self) {
        if self.after.len() == AFTER_WORDS {
            self.read_after(SENTENCE_WORDS);
        }
    }

    /// Whether the words read after the quote end where its sentence ends.
    pub(super) fn after_ends_sentence(&self) -> bool {
        self.after_next >= self.doc.toks.len() || !self.goes_on(self.after_next)
    }

    /// The dash and spaces between the quote and the first word after it ("“…” — Name"), if
    /// that is what stands there.
    pub(super) fn dash_after(&self) -> Option<&'a str> {
        let t = self.after.first()?;
        let gap = &self.doc.text[self.span.end..t.start];
        (gap.contains(['—', '–', '―']) || gap.trim() == "-").then_some(gap)
    }

    /// The first cue among the words after, within reach ("one of the states suing": a cue word
    /// after a determiner is a noun).
    pub(super) fn first_cue_after(&self) -> Option<usize> {
        *self.first_cue_after.get_or_init(|| {
            let (text, after) = (self.doc.text, &self.after);
            (0..after.len().min(self.after_reach)).find(|&i| {
                self.doc.cues.is_cue(text, after, i)
                    && (i == 0 || !DETERMINERS.contains(after[i - 1].norm.as_str()))
            })
        })
    }

    /// Reads the words before the quote, back to the sentence start, the previous quotation or
    /// the paragraph, at most `limit` of them (nothing when as many were read already).
    pub(super) fn read_before(&mut self, limit: usize) {
        if self.before_limit >= limit {
            return;
        }
        self.before.clear();
        self.before_limit = limit;
        let stop = self.prev_end.max(self.para_start);
        let (mut k, mut cursor) = (self.first_in, self.span.start);
        while k > 0 && self.before.len() < limit {
            if (self.doc.toks[k - 1].end as usize) <= stop {
                break;
            }
            let t = self.doc.tok(k - 1);
            let gap = &self.doc.text[t.end..cursor];
            if gap.contains(['.', '!', '?']) && ends_sentence(gap) && !ends_no_sentence(&t) {
                break;
            }
            cursor = t.start;
            self.before.push(t);
            k -= 1;
        }
        self.before.reverse();
    }

    /// Whether nothing but spaces stands between the paragraph's start and the quotation.
    pub(super) fn opens_paragraph(&self) -> bool {
        self.doc.text[self.para_start..self.span.start]
            .trim()
            .is_empty()
    }
}
