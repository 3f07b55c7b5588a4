//! Plugging the web readers (HTML pages, RSS/Atom feeds, WARC archives, URLs) into `ingest`.
//!
//! `ingest` reads text files and JSONL itself and asks an [`ingest::OtherReader`] about every other
//! input; this module answers for the kinds `web` reads, so `khabar ingest` takes a folder that
//! mixes JSONL, saved pages, feeds and archives, or URLs, with no flags.

use ingest::{OtherReader, Records};
use model::{Article, Problem};
use std::path::Path;
use std::sync::Arc;
use web::fetch::{FetchConfig, HttpFetcher};
use web::files::Kind;

/// The reader for web inputs. `source`, when given, overrides each article's outlet, as it does
/// for records `ingest` reads itself.
pub fn web_reader(source: Option<String>) -> OtherReader {
    let fetcher = Arc::new(HttpFetcher::new(FetchConfig::default()));
    OtherReader(Arc::new(move |path: &Path| -> Option<Records> {
        let records: Records = if ingest::is_url(path) {
            let read = web::files::read_url(&path.to_string_lossy(), fetcher.as_ref());
            collected(read)
        } else {
            match web::files::kind_of(path)? {
                Kind::Warc => match web::warc::open(path, web::warc::WarcLimits::default()) {
                    Ok(r) => Box::new(web::warc::WarcArticles::new(r)),
                    Err(e) => Box::new(std::iter::once(Err(
                        e.to_problem(&path.display().to_string())
                    ))),
                },
                kind => collected(web::files::read_file(path, kind, Some(fetcher.as_ref()))),
            }
        };
        Some(match source.clone() {
            Some(s) => Box::new(records.map(move |r| {
                r.map(|mut a: Article| {
                    a.source = s.clone();
                    a
                })
            })),
            None => records,
        })
    }))
}

fn collected(read: web::files::Read) -> Records {
    let problems = read.problems.into_iter().map(Err::<Article, Problem>);
    Box::new(read.articles.into_iter().map(Ok).chain(problems))
}
