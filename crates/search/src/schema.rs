//! The index schema: which article fields are indexed how, in one place.
//!
//! | field        | how                                        | for                               |
//! |--------------|--------------------------------------------|-----------------------------------|
//! | `id`         | raw string, stored, fast                   | upsert/delete by id, [`ids`]      |
//! | `source`     | raw string, stored, fast                   | outlet filter                     |
//! | `published`  | i64 unix seconds, indexed, stored, fast    | date filter, newest-first order   |
//! | `story`      | raw string, stored                         | story filter, shown in hits       |
//! | `url`        | stored only                                | shown in hits                     |
//! | `title`      | `khabar_exact` with positions, stored      | exact words, phrases, display     |
//! | `title_stem` | `khabar_stem`, frequencies only            | light-stem matches                |
//! | `body`       | `khabar_exact` with positions, stored      | exact words, phrases, snippets    |
//! | `body_stem`  | `khabar_stem`, frequencies only            | light-stem matches                |
//!
//! [`VERSION`] changes whenever this table does; an index written with another version is rebuilt.
//!
//! [`ids`]: crate::SearchIndex::ids

use crate::analyzer;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Version of the schema and of the way documents are built from articles.
pub const VERSION: u32 = 1;

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub source: Field,
    pub published: Field,
    pub story: Field,
    pub url: Field,
    pub title: Field,
    pub title_stem: Field,
    pub body: Field,
    pub body_stem: Field,
}

fn text_options(tokenizer: &str, record: IndexRecordOption, stored: bool) -> TextOptions {
    let opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    );
    if stored { opts.set_stored() } else { opts }
}

/// Build the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED | FAST),
        source: b.add_text_field("source", STRING | STORED | FAST),
        published: b.add_i64_field("published", INDEXED | STORED | FAST),
        story: b.add_text_field("story", STRING | STORED),
        url: b.add_text_field("url", STORED),
        title: b.add_text_field(
            "title",
            text_options(
                analyzer::EXACT,
                IndexRecordOption::WithFreqsAndPositions,
                true,
            ),
        ),
        title_stem: b.add_text_field(
            "title_stem",
            text_options(analyzer::STEM, IndexRecordOption::WithFreqs, false),
        ),
        body: b.add_text_field(
            "body",
            text_options(
                analyzer::EXACT,
                IndexRecordOption::WithFreqsAndPositions,
                true,
            ),
        ),
        body_stem: b.add_text_field(
            "body_stem",
            text_options(analyzer::STEM, IndexRecordOption::WithFreqs, false),
        ),
    };
    (b.build(), fields)
}
