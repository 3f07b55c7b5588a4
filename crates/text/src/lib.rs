//! Arabic text analysis: the layer that answers "why did these two words meet?".
//!
//! Three normalisation levels ([`normalize::display`], [`normalize::index`],
//! [`normalize::match_word`]), the spelling-variant model behind the match level ([`variant`]),
//! Arabic number agreement for counts shown to users ([`plural`]), tokens carrying byte offsets
//! into the original text ([`token`]), clitic splitting and a light stemmer ([`stem`]), stop
//! words ([`stopwords`]), sentences ([`sentence`]), dates ([`date`]), numbers ([`number`]), and
//! [`analyze::terms`], which puts them together into the matching terms every later stage (dedup,
//! stories, comparison, search) uses; [`analyze::analyze`] bundles everything for display
//! (`khabar analyze`).
//!
//! Architecture invariant: this crate does no IO, keeps no global mutable state (the embedded
//! lexicons are built once, read-only), and never panics on any input string. Lossy folds only
//! ever produce *keys*; the original text is never changed.

pub mod analyze;
pub mod date;
pub mod normalize;
pub mod number;
pub mod plural;
pub mod sentence;
pub mod stem;
pub mod stopwords;
pub mod token;
pub mod variant;

pub use analyze::{Analysis, Term, analyze, terms};

/// Version of the analysis that makes keys (normalisation, clitics, stems, the variant model).
/// Every stored derivative of keys (dedup signatures, story state, search index) records the
/// version it was built with and is rebuilt when it differs, so a change of analysis never mixes
/// old and new keys. Bump it whenever any key, stem or stop flag can change for some word.
pub const ANALYSIS_VERSION: u32 = 2;
pub use token::{Token, TokenKind, index_tokens, tokenize};
