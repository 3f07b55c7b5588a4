//! From what a reader typed to a tantivy query.
//!
//! The syntax is deliberately small and never fails: words; `"..."` (or «...», “...”) for a
//! phrase, which also turns stemming off for a single quoted word; `-word` to exclude. Every
//! other character is just text and goes through [`text::terms`], the same analysis the index
//! used, so punctuation, diacritics, tatweel, Arabic-Indic digits and alef or hamza variants in a
//! query are harmless.
//!
//! Structure: each content word is a clause `title_exact:key^T ∨ title_stem:stem^T·S ∨
//! body_exact:key ∨ body_stem:stem^S`, and all clauses must match (conjunction), so every result
//! contains every word in some form. A document that has the exact key also matches the stem, so
//! exact spellings rank above stem-only matches; title matches weigh [`TITLE_BOOST`] times more.
//! Stop words are not searched unless the query has nothing else (their posting lists cover the
//! corpus and would only cost time). Phrases search the exact fields with positions.
//!
//! Not done here: filters, collection, snippets (see [`crate::index`], [`crate::snippet`]).

use std::collections::HashSet;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query as TQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

/// How much more a match in the title counts than one in the body.
pub const TITLE_BOOST: f32 = 2.0;
/// Weight of the stem fields relative to the exact fields.
pub const STEM_WEIGHT: f32 = 0.7;
/// Longest query text taken into account, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 512;
/// Most words taken into account.
pub const MAX_QUERY_WORDS: usize = 32;

/// One analysed query word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub key: String,
    pub stem: String,
    pub stop: bool,
}

/// A parsed query: what must match, what must not, and what to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Free words (stemmed matching), deduplicated by key, in query order.
    pub words: Vec<Word>,
    /// Quoted phrases as sequences of match keys (one key: an exact, unstemmed word).
    pub phrases: Vec<Vec<String>>,
    /// Keys that must not occur.
    pub excluded: Vec<String>,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„')
}

fn analyse(segment: &str) -> Vec<Word> {
    text::terms(segment)
        .into_iter()
        .filter(|t| !t.key.is_empty() && t.key.len() <= crate::analyzer::MAX_TOKEN_BYTES)
        .map(|t| Word {
            key: t.key,
            stem: t.stem,
            stop: t.stop,
        })
        .collect()
}

impl Parsed {
    /// Parse a query string. Never fails; garbage gives an empty [`Parsed`].
    pub fn parse(input: &str) -> Parsed {
        let input: String = input.chars().take(MAX_QUERY_CHARS).collect();
        let mut parsed = Parsed::default();
        let mut seen = HashSet::new();
        let mut free = String::new();
        let mut quoted = String::new();
        let mut in_quote = false;
        for c in input.chars() {
            if is_quote(c) {
                if in_quote {
                    let keys: Vec<String> = analyse(&quoted).into_iter().map(|w| w.key).collect();
                    if !keys.is_empty() {
                        parsed.phrases.push(keys);
                    }
                    quoted.clear();
                } else {
                    free.push(' ');
                }
                in_quote = !in_quote;
            } else if in_quote {
                quoted.push(c);
            } else {
                free.push(c);
            }
        }
        // An unclosed quote: its words are ordinary words.
        free.push(' ');
        free.push_str(&quoted);

        for chunk in free.split_whitespace() {
            let negated = chunk.starts_with(['-', '−']) && chunk.chars().count() > 1;
            for w in analyse(chunk) {
                if negated {
                    parsed.excluded.push(w.key);
                } else if seen.insert(w.key.clone()) {
                    parsed.words.push(w);
                }
            }
        }
        parsed.words.truncate(MAX_QUERY_WORDS);
        parsed.phrases.truncate(MAX_QUERY_WORDS);
        parsed.excluded.truncate(MAX_QUERY_WORDS);
        parsed
    }

    /// The words that are searched: content words, or the stop words when there is nothing else.
    pub fn searched_words(&self) -> Vec<&Word> {
        let content: Vec<&Word> = self.words.iter().filter(|w| !w.stop).collect();
        if content.is_empty() && self.phrases.is_empty() {
            self.words.iter().collect()
        } else {
            content
        }
    }

    /// Does the query ask for anything at all?
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }
}

/// The four text fields a query searches.
#[derive(Debug, Clone, Copy)]
pub struct TextFields {
    pub title: Field,
    pub title_stem: Field,
    pub body: Field,
    pub body_stem: Field,
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn TQuery> {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    if (boost - 1.0).abs() < f32::EPSILON {
        Box::new(q)
    } else {
        Box::new(BoostQuery::new(Box::new(q), boost))
    }
}

fn word_clause(f: TextFields, w: &Word) -> Box<dyn TQuery> {
    let mut should: Vec<(Occur, Box<dyn TQuery>)> = vec![
        (Occur::Should, term_query(f.title, &w.key, TITLE_BOOST)),
        (Occur::Should, term_query(f.body, &w.key, 1.0)),
    ];
    // Stop words are not in the stem fields.
    if !w.stop {
        should.push((
            Occur::Should,
            term_query(f.title_stem, &w.stem, TITLE_BOOST * STEM_WEIGHT),
        ));
        should.push((Occur::Should, term_query(f.body_stem, &w.stem, STEM_WEIGHT)));
    }
    Box::new(BooleanQuery::new(should))
}

fn phrase_clause(f: TextFields, keys: &[String]) -> Box<dyn TQuery> {
    if let [key] = keys {
        return Box::new(BooleanQuery::new(vec![
            (Occur::Should, term_query(f.title, key, TITLE_BOOST)),
            (Occur::Should, term_query(f.body, key, 1.0)),
        ]));
    }
    let phrase = |field: Field| -> PhraseQuery {
        PhraseQuery::new(
            keys.iter()
                .map(|k| Term::from_field_text(field, k))
                .collect(),
        )
    };
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(phrase(f.title)), TITLE_BOOST)) as Box<dyn TQuery>,
        ),
        (Occur::Should, Box::new(phrase(f.body))),
    ]))
}

/// The text part of the query: `None` when nothing is searched. With `all_words`, every word must
/// match; without, any one of them is enough (phrases always must).
pub fn text_query(parsed: &Parsed, f: TextFields, all_words: bool) -> Option<Box<dyn TQuery>> {
    let words = parsed.searched_words();
    if words.is_empty() && parsed.phrases.is_empty() {
        return None;
    }
    let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    if all_words {
        clauses.extend(words.iter().map(|w| (Occur::Must, word_clause(f, w))));
    } else if !words.is_empty() {
        let any: Vec<(Occur, Box<dyn TQuery>)> = words
            .iter()
            .map(|w| (Occur::Should, word_clause(f, w)))
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    clauses.extend(
        parsed
            .phrases
            .iter()
            .map(|p| (Occur::Must, phrase_clause(f, p))),
    );
    for key in &parsed.excluded {
        clauses.push((Occur::MustNot, term_query(f.title, key, 1.0)));
        clauses.push((Occur::MustNot, term_query(f.body, key, 1.0)));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(words: &[Word]) -> Vec<&str> {
        words.iter().map(|w| w.key.as_str()).collect()
    }

    #[test]
    fn quotes_make_phrases_and_minus_excludes() {
        let p = Parsed::parse("«وزارة الدفاع» البنتاجون -غزة");
        assert_eq!(p.phrases.len(), 1);
        assert_eq!(p.phrases[0].len(), 2);
        assert_eq!(keys(&p.words), keys(&Parsed::parse("البنتاغون").words));
        assert_eq!(p.excluded, vec![Parsed::parse("غزة").words[0].key.clone()]);
    }

    #[test]
    fn unclosed_quote_degrades_to_words() {
        let p = Parsed::parse("\"محادثات السلام");
        assert!(p.phrases.is_empty());
        assert_eq!(p.words.len(), 2);
    }

    #[test]
    fn garbage_and_operators_parse_to_nothing_without_error() {
        for q in [
            "",
            "   ",
            "\"\"",
            "-",
            "+:()[]{}^~*?\\/",
            "«»",
            "\u{200f}\u{200e}",
            "ـــ",
            "---",
        ] {
            let p = Parsed::parse(q);
            assert!(p.is_empty(), "{q:?} gave {p:?}");
        }
    }

    #[test]
    fn stop_words_are_only_searched_alone() {
        assert!(
            Parsed::parse("في غزة")
                .searched_words()
                .iter()
                .all(|w| !w.stop)
        );
        assert_eq!(Parsed::parse("في غزة").searched_words().len(), 1);
        assert_eq!(Parsed::parse("في").searched_words().len(), 1);
    }

    #[test]
    fn repeated_spellings_of_one_word_are_one_clause() {
        let p = Parsed::parse("البنتاغون البنتاجون بالبنتاغون");
        assert_eq!(p.words.len(), 1);
    }

    #[test]
    fn overlong_queries_are_cut_not_rejected() {
        let q = "غزة ".repeat(1000) + &"محادثات ".repeat(10);
        let p = Parsed::parse(&q);
        assert_eq!(p.words.len(), 1);
        let many: String = (0..100).map(|i| format!("كلمة{i} ")).collect();
        assert!(Parsed::parse(&many).words.len() <= MAX_QUERY_WORDS);
    }
}
