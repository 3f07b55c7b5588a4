//! One module per subcommand: flags in, library calls, output printed.

pub mod analyze;
pub mod articles;
pub mod cluster;
pub mod compare;
pub mod dedup;
pub mod eval;
pub mod ingest;
pub mod run;
pub mod search;
pub mod serve;
pub mod show;
pub mod stories;
pub mod story;
pub mod watch;

use crate::outcome::NotFound;
use std::io::Write;
use std::path::Path;

/// Open the store in the data directory, creating it when absent (for commands that write),
/// naming the directory on failure.
pub fn open_store(data: &Path) -> anyhow::Result<store::Store> {
    use anyhow::Context;
    store::Store::open(data).with_context(|| format!("opening the store in {}", data.display()))
}

/// Open the store of a command that reads it: the data directory must already hold one, so a
/// mistyped `--data` is an error naming it, never a new empty store.
pub fn open_existing_store(data: &Path) -> anyhow::Result<store::Store> {
    if !data.join(store::DB_FILE).is_file() {
        anyhow::bail!(
            "no khabar store at {}: run `khabar ingest` or `khabar run` first",
            data.display()
        );
    }
    open_store(data)
}

/// Tell the user on stderr why a stored part (signatures, story state, search index) is rebuilt,
/// e.g. because it was built with another analysis version.
pub fn say_rebuilt(why: Option<&str>) {
    if let Some(why) = why {
        eprintln!("khabar: {why}");
    }
}

/// The error of an article id the store does not hold (exit status 1).
pub fn no_article(id: &str, data: &Path) -> anyhow::Error {
    NotFound(format!(
        "no article with id {id:?} in {} (see `khabar articles`)",
        data.display()
    ))
    .into()
}

/// The error of a story id the store does not hold (exit status 1).
pub fn no_story(id: u64, data: &Path) -> anyhow::Error {
    NotFound(format!(
        "no story with id {id} in {} (see `khabar stories`; run `khabar cluster` after an ingest)",
        data.display()
    ))
    .into()
}

/// Print one JSON value as a line on stdout.
pub fn json_line(out: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}
