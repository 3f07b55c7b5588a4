//! `khabar`: the command line. Parses flags, calls the library crates, prints results.
//!
//! No logic of its own lives here: reading is `ingest`, analysis is `text`, the pipeline is
//! `engine`, storage is `store`. Each subcommand is one module under `cmd/`, printing human text
//! by default and JSON with `--json`. Exit status: 0 on success (and when stdout is closed early,
//! as by `| head`), 1 when an id named is not in the store or some record failed but the run
//! went on, 2 on a usage or fatal error (see `outcome`).

mod cmd;
mod outcome;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// khabar (خبر): an Arabic-first news story engine.
///
/// Reads articles from files, cleans boilerplate, analyses Arabic spelling variants, and keeps
/// everything in an embedded store (SQLite in the data directory; no server to install).
#[derive(Parser)]
#[command(
    name = "khabar",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = outcome::HELP
)]
pub struct Cli {
    /// Data directory of the embedded store.
    #[arg(
        long,
        global = true,
        env = "KHABAR_DATA",
        default_value = "khabar-data"
    )]
    data: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles from files, directories, JSONL(.gz) or `-` (stdin) into the store.
    ///
    /// Plain text files: an optional date-time line, a title line, then the body (id = file stem).
    /// JSONL: field names are detected (id/docno, source/src, title, text/content/body,
    /// published/time/time_iso/date_extracted, url); override with `--map text=FIELD`.
    /// Re-ingesting the same article changes nothing. Bad records are reported with their file and
    /// line and skipped; the exit status is 1 if any record failed.
    Ingest(cmd::ingest::Args),
    /// List stored articles (one JSON line each with --json).
    Articles(cmd::articles::Args),
    /// Show one stored article: fields, cleaned text, and what cleaning removed.
    ///
    /// Exit status 1 when no article has the id.
    Show(cmd::show::Args),
    /// Show how khabar analyses Arabic text: tokens with offsets, index and match keys, stems,
    /// sentences, dates and numbers.
    Analyze(cmd::analyze::Args),
    /// Find exact copies, near-duplicates and containment (wire copy plus a local lead).
    ///
    /// Without INPUT: the stored articles, and the groups are saved (`khabar articles --json`
    /// then shows `duplicate_of`). With INPUT files: a batch run, no store needed.
    Dedup(cmd::dedup::Args),
    /// Group stored articles into stories (new articles only, unless --batch).
    Cluster(cmd::cluster::Args),
    /// List stories, newest first.
    Stories(cmd::stories::Args),
    /// Show one story (--why explains each article), or correct one: move, merge, split.
    ///
    /// Exit status 1 when the story or an article named is not in the store.
    Story(cmd::story::Args),
    /// Score the stored stories against gold labels, beside a simple baseline.
    Eval(cmd::eval::Args),
    /// Compare the sources of one story: shared facts, what each outlet adds, conflicting
    /// numbers, quotes and speakers, names, cited sources, a summary. Give article files (no
    /// store needed) or a stored story id.
    ///
    /// Exit status 1 when no story has the id given.
    Compare(cmd::compare::Args),
    /// Full-text search over the stored articles, with Arabic analysis: any spelling finds the
    /// others, light stems match, names are not over-stemmed. Snippets show the original words.
    Search(cmd::search::Args),
    /// Serve the HTTP JSON API and the Arabic right-to-left web UI over the data directory.
    ///
    /// Routes: /api/stories, /api/stories/{id}, /api/articles/{id}, /api/search, POST
    /// /api/articles, /healthz, /metrics, /openapi.json; the UI at /.
    Serve(cmd::serve::Args),
    /// The main job in one command: ingest PATHs, deduplicate, cluster, list the stories.
    Run(cmd::run::Args),
    /// Poll RSS/Atom feeds on a schedule; new articles are stored, deduplicated, put in stories
    /// and indexed as they arrive. A restart resumes without re-ingesting.
    Watch(cmd::watch::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(a) => cmd::ingest::run(&cli.data, a),
        Command::Articles(a) => cmd::articles::run(&cli.data, a),
        Command::Show(a) => cmd::show::run(&cli.data, a),
        Command::Analyze(a) => cmd::analyze::run(a),
        Command::Dedup(a) => cmd::dedup::run(&cli.data, a),
        Command::Cluster(a) => cmd::cluster::run(&cli.data, a),
        Command::Stories(a) => cmd::stories::run(&cli.data, a),
        Command::Story(a) => cmd::story::run(&cli.data, a),
        Command::Eval(a) => cmd::eval::run(&cli.data, a),
        Command::Compare(a) => cmd::compare::run(&cli.data, a),
        Command::Search(a) => cmd::search::run(&cli.data, a),
        Command::Serve(a) => cmd::serve::run(&cli.data, a),
        Command::Run(a) => cmd::run::run(&cli.data, a),
        Command::Watch(a) => cmd::watch::run(&cli.data, a),
    };
    outcome::exit(result)
}
