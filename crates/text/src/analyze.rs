//! Matching terms and the full analysis of a text.
//!
//! [`terms`] is the hot path every matching stage uses: tokens with their index form, match key
//! (of the clitic-stripped word), light stem and stop-word flag. [`analyze`] adds sentences, dates
//! and numbers into one serialisable [`Analysis`] for `khabar analyze --json` and for humans
//! ([`Analysis::to_text`] / `Display`). Nothing here changes the original text.

use crate::variant::Rule;
use crate::{date, normalize, number, sentence, stem, stopwords, token};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// One word of a text as every matching stage sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    pub kind: token::TokenKind,
    /// Index-level form of the whole token.
    pub index: String,
    /// Match key of the clitic-stripped word: what dedup, clustering and comparison compare.
    pub key: String,
    /// Light stem of the match key.
    pub stem: String,
    pub stop: bool,
}

/// Key, stem and stop flag of one index-level word.
fn word_parts(kind: token::TokenKind, index: &str) -> (String, String, bool) {
    let stop = stopwords::is_stopword(index);
    if kind == token::TokenKind::Arabic {
        let bare = stem::strip_clitics(index);
        let (key, foreign) = normalize::match_index_word_flag(bare);
        let stem = if foreign {
            key.clone()
        } else {
            stem::light_stem_native(&key)
        };
        (key, stem, stop)
    } else {
        (index.to_string(), index.to_string(), stop)
    }
}

/// Build the term of one token from its index form.
pub fn term_of(start: usize, end: usize, kind: token::TokenKind, index: &str) -> Term {
    let (key, stem, stop) = word_parts(kind, index);
    Term {
        start,
        end,
        kind,
        index: index.to_string(),
        key,
        stem,
        stop,
    }
}

/// Analyse `text` into terms (tokens whose index form is empty, e.g. a lone tatweel, are skipped).
/// Words repeat a lot in news, so key and stem are computed once per distinct word per call.
pub fn terms(text: &str) -> Vec<Term> {
    let mut out = Vec::with_capacity(text.len() / 7);
    let mut cache: HashMap<String, (String, String, bool), normalize::FxBuild> = HashMap::default();
    token::index_tokens(text, |start, end, kind, idx| {
        let (key, stem, stop) = match cache.get(idx) {
            Some(v) => v.clone(),
            None => {
                let v = word_parts(kind, idx);
                if kind == token::TokenKind::Arabic {
                    cache.insert(idx.to_string(), v.clone());
                }
                v
            }
        };
        out.push(Term {
            start,
            end,
            kind,
            index: idx.to_string(),
            key,
            stem,
            stop,
        });
    });
    out
}

/// The rule that made a term's key (recomputed: the hot path does not carry it).
fn rule_of(t: &Term) -> Rule {
    if t.kind != token::TokenKind::Arabic {
        return Rule::None;
    }
    normalize::match_index_word_rule(stem::strip_clitics(&t.index)).1
}

/// A token of [`Analysis`]: the term plus its original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalyzedToken {
    pub start: usize,
    pub end: usize,
    /// The token as written in the original text.
    pub text: String,
    pub kind: token::TokenKind,
    pub index: String,
    pub key: String,
    pub stem: String,
    pub stop: bool,
    /// The match key went through the variant model (judged a foreign name or loanword).
    pub foreign: bool,
    /// The match key again under its own name (`key` is kept for compatibility).
    #[serde(rename = "match")]
    pub match_key: String,
    /// Which rule made the match key: `lexicon`, `name_skeleton`, `hamza` or `none`.
    pub rule: crate::variant::Rule,
}

/// A sentence span with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Everything the text crate sees in one text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Display-level form of the whole text.
    pub display: String,
    pub tokens: Vec<AnalyzedToken>,
    pub sentences: Vec<SentenceSpan>,
    pub dates: Vec<date::DateMatch>,
    pub numbers: Vec<number::NumberMatch>,
}

/// Full analysis of `text`.
pub fn analyze(text: &str) -> Analysis {
    let tokens = terms(text)
        .into_iter()
        .map(|t| {
            let rule = rule_of(&t);
            let foreign = matches!(rule, Rule::Lexicon | Rule::NameSkeleton);
            AnalyzedToken {
                match_key: t.key.clone(),
                rule,
                text: text.get(t.start..t.end).unwrap_or("").to_string(),
                start: t.start,
                end: t.end,
                kind: t.kind,
                index: t.index,
                key: t.key,
                stem: t.stem,
                stop: t.stop,
                foreign,
            }
        })
        .collect();
    let sentences = sentence::sentences(text)
        .into_iter()
        .map(|(start, end)| SentenceSpan {
            start,
            end,
            text: text.get(start..end).unwrap_or("").to_string(),
        })
        .collect();
    Analysis {
        display: normalize::display(text),
        tokens,
        sentences,
        dates: date::find_dates(text),
        numbers: number::find_numbers(text),
    }
}

impl Analysis {
    /// Human-readable report (one line per token, sentence, date and number).
    pub fn to_text(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Analysis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "tokens ({}):", self.tokens.len())?;
        for t in &self.tokens {
            write!(
                f,
                "  {:>5}..{:<5} {:<6} {}  index={} key={} stem={}",
                t.start,
                t.end,
                t.kind.as_str(),
                t.text,
                t.index,
                t.key,
                t.stem
            )?;
            if t.stop {
                write!(f, " stop")?;
            }
            if t.foreign {
                write!(f, " foreign")?;
            }
            if t.rule != Rule::None {
                write!(f, " rule={}", t.rule.as_str())?;
            }
            writeln!(f)?;
        }
        writeln!(f, "sentences ({}):", self.sentences.len())?;
        for s in &self.sentences {
            writeln!(f, "  {:>5}..{:<5} {}", s.start, s.end, s.text)?;
        }
        writeln!(f, "dates ({}):", self.dates.len())?;
        for d in &self.dates {
            writeln!(
                f,
                "  {:>5}..{:<5} {} (unix {}, {:?})",
                d.start, d.end, d.iso, d.unix, d.calendar
            )?;
        }
        writeln!(f, "numbers ({}):", self.numbers.len())?;
        for n in &self.numbers {
            writeln!(f, "  {:>5}..{:<5} {}", n.start, n.end, n.value)?;
        }
        Ok(())
    }
}
