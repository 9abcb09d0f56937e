//! Pure functions of a document's text, shared by counting, stories, kwic and the pages:
//! [`tokenize`] (words, sentences, terms), [`hedges`] (lexicon and matcher), [`quotes`] (spans,
//! kinds, cues, speakers), [`offsets`] (character offsets, KWIC contexts), [`hash`] and
//! [`numbers`] (keys that match across documents), [`kind`] (report or opinion), [`boilerplate`]
//! (line keys and blanking).

pub mod boilerplate;
pub mod facts;
pub mod furniture;
pub mod hash;
pub mod hedges;
pub mod kind;
pub mod language;
pub mod numbers;
pub mod offsets;
pub mod quotes;
pub mod tokenize;
