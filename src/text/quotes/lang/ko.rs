//! Korean attribution: “…”(이)라고/고 + a verb of saying, quotations chained by 며 / 면서 /
//! (이)라며 to the one that carries the cue ("X는 “…”며 “…”고 말했다"), and the speaker read from
//! the particles that mark it (topic 은/는/께서/도, subject 이/가) rather than from capitals.

use super::{Found, LangCtx};

/// Endings that join a quotation to the next of the same speaker ("“…”며 “…”고 말했다").
const LINKS: &[&str] = &["이라면서", "라면서", "이라며", "라며", "면서", "며"];

/// Quotative endings written onto a closing mark ("”라고 말했다", "”고 밝혔다").
const QUOTATIVES: &[&str] = &["이라고", "라고", "고"];

/// Light verbs that say "said" only right after a quotative ("”고 했다").
const LIGHT_CUES: &[&str] = &[
    "했다",
    "했습니다",
    "한다",
    "합니다",
    "했다고",
    "했으며",
    "했고",
];

/// Particles that mark a speaker, most telling first: topic, honorific, "also", subject.
const TOPIC: &[&str] = &["께서는", "께서", "은", "는", "도"];
const SUBJECT: &[&str] = &["이", "가"];

/// What a word stem before a particle may not end in: a particle or verb ending (에서는,
/// 대해서는, 하는, 있는, 나타나는지는), so the word is no noun and no speaker.
const NOT_NOUN_ENDS: &[&str] = &[
    "에", "서", "로", "게", "지", "하", "되", "있", "없", "않", "었", "았", "겠", "면", "고", "까",
    "며", "다", "요",
];

/// Nouns that are never a speaker though marked as one (것은, 이번에는, 결과는).
const NOT_SPEAKERS: &[&str] = &[
    "것", "이", "이것", "그것", "이번", "결과", "연구", "경우", "문제", "사실", "이유", "목표",
    "이후", "최근", "현재", "당시", "지금", "오늘", "내용", "방법", "때문",
];

/// One-syllable nouns that may be a speaker (그는, 김 씨는, 대학 측은).
const SHORT_SPEAKERS: &[&str] = &["그", "씨", "측", "팀", "당", "군", "청", "원", "부"];

/// Words that open no name (time and linking adverbs before a speaker: "이날 김 교수는").
const NOT_NAME_WORDS: &[&str] = &[
    "이날",
    "또",
    "또한",
    "한편",
    "이어",
    "특히",
    "당시",
    "현재",
    "최근",
    "앞서",
    "이에",
    "그러나",
    "하지만",
    "이번",
    "지난",
    "올해",
    "지난해",
    "역시",
];

/// Particles and endings that end a phrase, so the word before a speaker's title that carries
/// one is no part of the name (the names' parts, 서울대 화학과, carry none).
const PHRASE_ENDS: &[&str] = &[
    "은", "는", "을", "를", "의", "에", "서", "로", "도", "만", "이", "가", "고", "며", "다", "께",
];

/// Quotation marks: a gap holding one ends a speaker search.
const MARKS: &[char] = &['“', '”', '"', '‘', '’', '\'', '「', '」', '`'];

/// Sentence ends: a gap holding one ends a search.
const STOPS: &[char] = &['.', '!', '?', '\n'];

/// Korean "X는 “…”(이)라고 말했다", "“…”며 “…”고 X는 설명했다": the cue after the last quotation
/// of a chain; the speaker marked by a particle between the quotative and the cue, else before
/// the first quotation of the chain in its sentence.
pub(super) fn korean_rago(c: &LangCtx) -> Option<Found> {
    if !c.pack.caseless {
        return None;
    }
    let end = chain_end(c, c.span.end);
    let mut i = c.words.partition_point(|w| w.start < end);
    let tail = &c.text[end..];
    let quotative = QUOTATIVES
        .iter()
        .chain(LINKS)
        .find(|p| tail.starts_with(**p));
    // the ending written onto the closing mark (”라고, ”고) is no word of its own
    if let Some(q) = quotative {
        if c.words
            .get(i)
            .is_some_and(|w| w.start == end && w.norm == *q)
        {
            i += 1;
        }
    }
    let ci = (i..c.words.len().min(i + 4))
        .take_while(|&k| !c.gap_has(end, c.words[k].start, STOPS))
        .find(|&k| {
            c.cue_at(k).is_some()
                || k == i
                    && quotative.is_some_and(|q| QUOTATIVES.contains(q))
                    && LIGHT_CUES.contains(&c.words[k].norm.as_str())
        })?;
    if quotative.is_none() && ci != i {
        return None;
    }
    let len = c.cue_at(ci).map_or(1, |x| x.0);
    let start = chain_start(c, c.span.start);
    let speaker = speaker_between(c, i, ci).or_else(|| speaker_before(c, start));
    Some(Found {
        cue: Some((ci, ci + len)),
        speaker,
        rule: "lang-korean-rago",
    })
}

/// Adverbs that announce the words to follow ("이렇게 말했다. “…”").
const THUS: &[&str] = &["이렇게", "이같이", "다음과", "이처럼"];

/// Korean "X는 이렇게 말했다. “…”": a cue after 이렇게 ending the sentence just before the
/// quotation; the speaker marked in that sentence.
pub(super) fn korean_thus(c: &LangCtx) -> Option<Found> {
    if !c.pack.caseless || c.first_in < 2 {
        return None;
    }
    let ci = c.first_in - 1;
    let cue = &c.words[ci];
    let ends =
        c.gap_has(cue.end, c.span.start, &['.', ':']) && !c.gap_has(cue.end, c.span.start, MARKS);
    if !ends || c.cue_at(ci).is_none_or(|x| x.0 != 1) {
        return None;
    }
    let thus = (ci.saturating_sub(2)..ci).find(|&k| THUS.contains(&c.words[k].norm.as_str()))?;
    Some(Found {
        cue: Some((ci, ci + 1)),
        speaker: speaker_before(c, c.words[thus].start),
        rule: "lang-korean-thus",
    })
}

/// Where a chain of quotations joined by 며 / 면서 ends, from the end of its first.
fn chain_end(c: &LangCtx, mut end: usize) -> usize {
    for _ in 0..8 {
        let tail = &c.text[end..];
        let Some(link) = LINKS.iter().find(|l| tail.starts_with(**l)) else {
            break;
        };
        let rest = &tail[link.len()..];
        let next = rest.trim_start_matches([' ', '\u{a0}']);
        let at = end + link.len() + (rest.len() - next.len());
        match quote_closing(c, at) {
            Some(e) => end = e,
            None => break,
        }
    }
    end
}

/// The end of the quotation that opens at `at`, in its paragraph.
fn quote_closing(c: &LangCtx, at: usize) -> Option<usize> {
    let ch = c.text[at..].chars().next()?;
    let pair = c.pack.quotes.pairs.iter().find(|p| p[0].starts_with(ch))?;
    let from = at + ch.len_utf8();
    let para = c.text[from..].find('\n').map_or(c.text.len(), |k| from + k);
    c.text[from..para]
        .find(pair[1].as_str())
        .map(|k| from + k + pair[1].len())
}

/// Where a chain of quotations begins, from the start of one of them: back over "“…”며 ".
fn chain_start(c: &LangCtx, mut start: usize) -> usize {
    for _ in 0..8 {
        let before = c.text[..start].trim_end_matches([' ', '\u{a0}']);
        let Some(link) = LINKS.iter().find(|l| before.ends_with(**l)) else {
            break;
        };
        let closed = &before[..before.len() - link.len()];
        let Some(close) = closed.chars().next_back() else {
            break;
        };
        let Some(pair) = c.pack.quotes.pairs.iter().find(|p| p[1].starts_with(close)) else {
            break;
        };
        let inner = &closed[..closed.len() - close.len_utf8()];
        let para = inner.rfind('\n').map_or(0, |k| k + 1);
        match inner[para..].rfind(pair[0].as_str()) {
            Some(k) => start = para + k,
            None => break,
        }
    }
    start
}

/// A speaker marked by a particle among the words `a..b` after a quotative ("”고 조 교수는
/// 말했다").
fn speaker_between(c: &LangCtx, a: usize, b: usize) -> Option<(usize, usize)> {
    for set in [TOPIC, SUBJECT] {
        if let Some(i) = (a..b).find(|&i| speaker_particle(&c.words[i].norm, set)) {
            return Some(name_before(c, a, i));
        }
    }
    None
}

/// The speaker before the quotation opening at `at` in its sentence: the nearest word marked as
/// topic, else as subject, never crossing a sentence end or another quotation.
fn speaker_before(c: &LangCtx, at: usize) -> Option<(usize, usize)> {
    let first = c.words.partition_point(|w| w.start < at);
    let (mut from, mut edge) = (first, at);
    while from > 0 {
        let w = &c.words[from - 1];
        if c.gap_has(w.end, edge, STOPS) || c.gap_has(w.end, edge, MARKS) {
            break;
        }
        edge = w.start;
        from -= 1;
    }
    for set in [TOPIC, SUBJECT] {
        if let Some(i) = (from..first)
            .rev()
            .find(|&i| speaker_particle(&c.words[i].norm, set))
        {
            return Some(name_before(c, from, i));
        }
    }
    None
}

/// Whether a word is a noun marked by one of the particles `set` ("교수는", "연구진이"), not a
/// verb form ("하는", "있는") nor a phrase of place or time ("이번에는", "대해서는").
fn speaker_particle(w: &str, set: &[&str]) -> bool {
    let Some(stem) = set.iter().find_map(|p| w.strip_suffix(p)) else {
        return false;
    };
    let n = stem.chars().count();
    n > 0
        && !NOT_NOUN_ENDS.iter().any(|e| stem.ends_with(e))
        && !NOT_SPEAKERS.contains(&stem)
        && (n > 1 || SHORT_SPEAKERS.contains(&stem))
}

/// The speaker ending at the marked word `i`, with up to four words before it that carry no
/// particle ("조맹효 서울대 기계항공공학부 교수는"), not before `from`.
fn name_before(c: &LangCtx, from: usize, i: usize) -> (usize, usize) {
    let mut a = i;
    while a > from && i - a < 4 {
        let p = &c.words[a - 1];
        // a one-syllable word before a title is a surname ("이 위원은"), whatever it ends in
        let bare = !PHRASE_ENDS.iter().any(|e| p.norm.ends_with(e))
            || name_final(&p.norm)
            || p.norm.chars().count() == 1;
        let opens_no_name = NOT_NAME_WORDS.contains(&p.norm.as_str())
            || p.norm.starts_with(|ch: char| ch.is_ascii_digit())
            || ["인", "한", "된", "던", "할", "될"]
                .iter()
                .any(|e| p.norm.ends_with(e));
        if !bare || opens_no_name || c.gap_has(p.end, c.words[a].start, &[',', '.', '“', '”', '"'])
        {
            break;
        }
        a -= 1;
    }
    (a, i + 1)
}

/// A three-syllable word ending in 은 or 이 is a name ("김정은", "박지이"), not a particle.
fn name_final(w: &str) -> bool {
    w.chars().count() == 3 && w.ends_with(['은', '이'])
}

#[cfg(test)]
mod tests {
    use crate::text::quotes::lang::tests::quotes;
    use crate::text::quotes::Kind;

    #[test]
    fn chained_quotations_share_the_cue_and_speaker() {
        let q = quotes(
            "ko",
            "이번 실험은 성공했다. 한민수 고려대 화학과 교수는 “촉매 효율이 두 배로 늘었다”며 \
             “상용화까지는 시간이 걸린다”고 설명했다.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        for x in &q {
            assert_eq!((x.0, x.1.as_str()), (Kind::Direct, "설명했다"), "{q:?}");
            assert!(x.2.contains("한민수"), "{q:?}");
        }
    }

    #[test]
    fn the_speaker_is_no_verb_form_nor_a_quoted_word() {
        // 나타나는지는 inside the first quotation and 대해서는 are no speakers: the pronoun is
        let q = quotes(
            "ko",
            "정유진 박사가 발표했다. 그는 이 문제에 대해서는 “결과가 사람에게도 나타나는지는 모른다”며 \
             “추가 연구가 필요하다”고 밝혔다.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].2, "그", "{q:?}");
    }

    #[test]
    fn thus_said_before_the_quotation() {
        let q = quotes(
            "ko",
            "물리학자인 한지수 박사는 이렇게 말했다. “실험은 아직 끝나지 않았습니다.”",
        );
        assert_eq!((q[0].0, q[0].1.as_str()), (Kind::Direct, "말했다"), "{q:?}");
        assert!(q[0].2.contains("한지수"), "{q:?}");
        // a cue ending the sentence before, without 이렇게, introduces nothing
        let q = quotes("ko", "그는 사임을 발표했다. “새 출발”이라는 문구가 보였다.");
        assert_ne!(q[0].1, "발표했다", "{q:?}");
    }

    #[test]
    fn light_verb_after_a_quotative_and_speaker_after_the_quote() {
        let q = quotes("ko", "연구팀은 “새 소재는 가볍다”고 했다.");
        assert_eq!((q[0].1.as_str(), q[0].2.as_str()), ("했다", "연구팀"));
        let q = quotes("ko", "“예산이 부족하다”고 이 위원은 지적했다.");
        assert_eq!((q[0].1.as_str(), q[0].2.as_str()), ("지적했다", "이 위원"));
        // 했다 without a quotative is no cue
        let q = quotes("ko", "그는 ‘융합’ 연구를 했다.");
        assert_ne!(q[0].0, Kind::Direct);
    }
}
