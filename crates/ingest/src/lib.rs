//! Reading articles from files, directories, JSONL (plain or gzip) and stdin: khabar's input edge.
//!
//! A [`Reader`] walks its inputs in a fixed order and yields one `Result<Article, Problem>` per
//! record, streaming: a JSONL file is read line by line (each line capped at
//! [`IngestOptions::max_line_bytes`]), gzip is detected by its magic bytes and its decompressed
//! size is capped, and every body goes through [`clean::clean`]. A bad record never stops the run:
//! it becomes a [`Problem`] naming `path:line`, a short stable code and a lower-case message,
//! and reading goes on with the next record.
//!
//! It does not store, deduplicate or analyse anything, and it never holds a whole corpus in
//! memory (one plain-text article file is read whole, up to [`IngestOptions::max_text_bytes`]).
//!
//! Symbolic links are followed, but each real directory is read once and a link loop is reported
//! once (`symlink_loop`), never walked.
//!
//! Problem codes: `not_found`, `read_error`, `symlink_loop`, `empty_file`, `binary_file`, `invalid_utf8`,
//! `malformed_json`, `not_an_object`, `json_array`, `line_too_long`, `truncated_gzip`,
//! `corrupt_gzip`, `decompression_limit`, `file_too_large`, `empty_article`.

mod fields;
mod lines;

use model::{Article, Problem, Published};
use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use fields::Target;
use lines::{CountingReader, LimitedReader, LineRead, read_line_capped};

/// Errors of the ingest crate's own API (bad options); bad *input* becomes a [`Problem`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "unknown mapping target {0:?} (expected id, source, url, title, text, published or language)"
    )]
    UnknownTarget(String),
    #[error("mapping {0:?} is not of the form target=field")]
    BadMapping(String),
}

/// Records read from one input by a reader this crate does not own.
pub type Records = Box<dyn Iterator<Item = Result<Article, Problem>> + Send>;

/// A reader for inputs of other kinds (HTML pages, feeds, WARC archives, URLs), plugged in by a
/// higher layer: given a path (or a URL, passed as a path), it returns the input's records when
/// it reads that kind, and `None` to let this crate read it as text or JSONL.
#[derive(Clone)]
pub struct OtherReader(pub Arc<OtherFn>);

/// The function behind an [`OtherReader`].
pub type OtherFn = dyn Fn(&Path) -> Option<Records> + Send + Sync;

impl std::fmt::Debug for OtherReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OtherReader")
    }
}

/// Is this input argument a URL rather than a path?
pub fn is_url(p: &Path) -> bool {
    let s = p.to_string_lossy();
    s.starts_with("http://") || s.starts_with("https://")
}

/// How to read the inputs.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Outlet name for every record (`--source NAME`). When unset: a JSONL record's own source
    /// field, else the name of the folder holding the JSONL file; a plain-text file names no
    /// outlet, so it is its own source: its stem, the same as its id (two article files in one
    /// folder are two outlets unless `--source` says they are one). Streams without a source
    /// field are `unknown`.
    pub source: Option<String>,
    /// Field overrides `(target, field)`, e.g. `("text", "body_html")` from `--map text=body_html`.
    pub map: Vec<(String, String)>,
    /// Longest JSONL line read; longer lines are reported as `line_too_long` and skipped.
    pub max_line_bytes: usize,
    /// Largest plain-text article file read whole.
    pub max_text_bytes: u64,
    /// Most bytes decompressed from one gzip input before `decompression_limit` stops it.
    pub max_decompressed_bytes: u64,
    /// Reader for the kinds of input this crate does not read itself (see [`OtherReader`]).
    pub other: Option<OtherReader>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            source: None,
            map: Vec::new(),
            max_line_bytes: 16 << 20,
            max_text_bytes: 64 << 20,
            max_decompressed_bytes: 4 << 30,
            other: None,
        }
    }
}

impl IngestOptions {
    /// Parse `--map target=field` strings into [`IngestOptions::map`] pairs, checking targets.
    pub fn parse_map<S: AsRef<str>>(specs: &[S]) -> Result<Vec<(String, String)>, Error> {
        specs
            .iter()
            .map(|s| {
                let s = s.as_ref();
                let (t, f) = s
                    .split_once('=')
                    .ok_or_else(|| Error::BadMapping(s.to_string()))?;
                let (t, f) = (t.trim(), f.trim());
                if t.is_empty() || f.is_empty() {
                    return Err(Error::BadMapping(s.to_string()));
                }
                Target::parse(t).ok_or_else(|| Error::UnknownTarget(t.to_string()))?;
                Ok((t.to_string(), f.to_string()))
            })
            .collect()
    }
}

/// Bytes of input consumed so far and the total size of the file inputs (compressed sizes for
/// gzip; stdin adds to `done` only), for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// A shareable handle on a reader's progress, readable from another thread while it runs.
#[derive(Debug, Clone)]
pub struct ProgressHandle {
    done: Arc<AtomicU64>,
    total: u64,
}

impl ProgressHandle {
    pub fn get(&self) -> Progress {
        Progress {
            done: self.done.load(Ordering::Relaxed),
            total: self.total,
        }
    }
}

enum Input {
    Path(PathBuf),
    /// An already-open stream (stdin or a test reader), named `-` in problems.
    Stream(String, Box<dyn Read + Send>),
    /// A problem found while expanding the inputs (missing path, unreadable directory).
    Problem(Problem),
}

/// The open JSONL stream being read.
struct JsonlStream {
    name: String,
    default_source: Option<String>,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    gzip: bool,
}

/// Streaming article reader over files, directories and streams. See the crate docs.
pub struct Reader {
    inputs: VecDeque<Input>,
    current: Option<JsonlStream>,
    other_current: Option<Records>,
    opts: IngestOptions,
    parser: Parser,
    done: Arc<AtomicU64>,
    total: u64,
    buf: Vec<u8>,
}

impl Reader {
    /// A reader over `paths`: files, directories (recursive, sorted, hidden entries skipped, each
    /// real directory once, link loops reported and not followed) and `-` for stdin. Missing paths are reported as problems when reached, not here.
    /// Fails only on bad options (an unknown `map` target).
    pub fn new(paths: &[PathBuf], opts: IngestOptions) -> Result<Reader, Error> {
        let mut walk = Walk::default();
        for p in paths {
            if p.as_os_str() == "-" {
                let stdin = Input::Stream("-".into(), Box::new(std::io::stdin()));
                walk.inputs.push_back(stdin);
            } else if opts.other.is_some() && is_url(p) {
                walk.inputs.push_back(Input::Path(p.clone()));
            } else {
                walk.expand(p, 0);
            }
        }
        Reader::with_inputs(walk.inputs, walk.total, opts)
    }

    /// A reader over one stream (what `-` reads), named `name` in problems. JSONL when its first
    /// non-space byte is `{`, else one plain-text article.
    pub fn from_reader(
        name: &str,
        stream: impl Read + Send + 'static,
        opts: IngestOptions,
    ) -> Result<Reader, Error> {
        let inputs = VecDeque::from([Input::Stream(name.to_string(), Box::new(stream))]);
        Reader::with_inputs(inputs, 0, opts)
    }

    fn with_inputs(
        inputs: VecDeque<Input>,
        total: u64,
        opts: IngestOptions,
    ) -> Result<Reader, Error> {
        let parser = Parser {
            fields: fields::FieldMap::new(&opts.map)?,
            source: opts.source.clone(),
        };
        Ok(Reader {
            inputs,
            current: None,
            other_current: None,
            opts,
            parser,
            done: Arc::new(AtomicU64::new(0)),
            total,
            buf: Vec::new(),
        })
    }

    /// Input bytes read so far and the total size of the file inputs.
    pub fn progress(&self) -> Progress {
        self.progress_handle().get()
    }

    /// A handle to poll progress from another thread.
    pub fn progress_handle(&self) -> ProgressHandle {
        ProgressHandle {
            done: Arc::clone(&self.done),
            total: self.total,
        }
    }

    /// Open one input: a JSONL stream becomes `self.current`; a text article or a problem is
    /// returned directly.
    fn open(&mut self, input: Input) -> Option<Result<Article, Problem>> {
        let from_file = matches!(input, Input::Path(_));
        let (name, raw, hint, folder_default): (
            String,
            Box<dyn Read + Send>,
            Format,
            Option<String>,
        ) = match input {
            Input::Problem(p) => return Some(Err(p)),
            Input::Stream(name, r) => {
                let counted = CountingReader::new(r, Arc::clone(&self.done));
                (name, Box::new(counted), Format::Sniff, None)
            }
            Input::Path(path) => {
                if let Some(records) = self.opts.other.as_ref().and_then(|o| (o.0)(&path)) {
                    self.other_current = Some(records);
                    return None;
                }
                let name = path.display().to_string();
                let file = match File::open(&path) {
                    Ok(f) => f,
                    Err(e) => return Some(Err(problem(&name, "read_error", &io_message(&e)))),
                };
                let counted = CountingReader::new(file, Arc::clone(&self.done));
                let parent = path
                    .parent()
                    .and_then(Path::file_name)
                    .map(|n| n.to_string_lossy().into_owned());
                (name, Box::new(counted), Format::from_path(&path), parent)
            }
        };

        let mut outer = BufReader::with_capacity(1 << 16, raw);
        let head = match outer.fill_buf() {
            Ok(h) => h,
            Err(e) => return Some(Err(problem(&name, "read_error", &io_message(&e)))),
        };
        if head.is_empty() {
            return Some(Err(problem(&name, "empty_file", "file is empty")));
        }
        let gzip = head.starts_with(&[0x1f, 0x8b]);
        let mut reader: Box<dyn BufRead + Send> = if gzip {
            let dec = flate2::bufread::MultiGzDecoder::new(outer);
            let limited = LimitedReader::new(dec, self.opts.max_decompressed_bytes);
            Box::new(BufReader::with_capacity(1 << 16, limited))
        } else {
            Box::new(outer)
        };

        let head = match reader.fill_buf() {
            Ok(h) => h,
            Err(e) => return Some(Err(stream_problem(&name, None, gzip, &e))),
        };
        if head.is_empty() {
            return Some(Err(problem(&name, "empty_file", "file is empty")));
        }
        if head.contains(&0) {
            return Some(Err(problem(
                &name,
                "binary_file",
                "file holds nul bytes: not text",
            )));
        }
        let first = head.iter().copied().find(|b| !b.is_ascii_whitespace());
        if first.is_none() && head.len() < (1 << 16) {
            return Some(Err(problem(
                &name,
                "empty_file",
                "file holds only white space",
            )));
        }
        let format = match hint {
            Format::Sniff => match first {
                Some(b'{') => Format::Jsonl,
                Some(b'[') => Format::JsonArray,
                _ => Format::Text,
            },
            Format::Jsonl if first == Some(b'[') => Format::JsonArray,
            f => f,
        };
        match format {
            Format::JsonArray => Some(Err(problem(
                &name,
                "json_array",
                "a json array is not read: give one object per line (jsonl)",
            ))),
            Format::Text => {
                let own = from_file.then(|| text_id(&name));
                Some(self.read_text(&name, reader, gzip, own))
            }
            Format::Jsonl | Format::Sniff => {
                self.current = Some(JsonlStream {
                    name,
                    default_source: folder_default,
                    reader,
                    line: 0,
                    gzip,
                });
                None
            }
        }
    }

    fn read_text(
        &self,
        name: &str,
        reader: Box<dyn BufRead + Send>,
        gzip: bool,
        own_source: Option<String>,
    ) -> Result<Article, Problem> {
        let cap = self.opts.max_text_bytes;
        let mut bytes = Vec::new();
        if let Err(e) = reader.take(cap.saturating_add(1)).read_to_end(&mut bytes) {
            return Err(stream_problem(name, None, gzip, &e));
        }
        if bytes.len() as u64 > cap {
            return Err(problem(
                name,
                "file_too_large",
                &format!("text file larger than {cap} bytes"),
            ));
        }
        if bytes.contains(&0) {
            return Err(problem(
                name,
                "binary_file",
                "file holds nul bytes: not text",
            ));
        }
        let content = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                return Err(problem(
                    &format!("{name}:{line}"),
                    "invalid_utf8",
                    "not valid utf-8 text",
                ));
            }
        };
        let id = text_id(name);
        let source = self
            .opts
            .source
            .clone()
            .or(own_source)
            .unwrap_or_else(|| "unknown".into());
        text_article(name, &content, id, source)
    }

    /// Next step of the current JSONL stream; `None` at its end.
    fn next_line(&mut self) -> Option<Step> {
        let max = self.opts.max_line_bytes;
        loop {
            let stream = self.current.as_mut()?;
            stream.line += 1;
            match read_line_capped(&mut stream.reader, &mut self.buf, max) {
                Ok(LineRead::Eof) => {
                    self.current = None;
                    return None;
                }
                Ok(LineRead::TooLong) => {
                    let at = format!("{}:{}", stream.name, stream.line);
                    let msg = format!("line longer than {max} bytes skipped");
                    return Some(Step::Done(Err(problem(&at, "line_too_long", &msg))));
                }
                Ok(LineRead::Line) => {}
                Err(e) => {
                    let p = stream_problem(&stream.name, Some(stream.line), stream.gzip, &e);
                    self.current = None;
                    return Some(Step::Done(Err(p)));
                }
            }
            let line = self.buf.trim_ascii();
            if line.is_empty() {
                continue;
            }
            return Some(Step::Line(RawLine {
                at: format!("{}:{}", stream.name, stream.line),
                bytes: line.to_vec(),
                default_source: stream.default_source.clone(),
            }));
        }
    }

    /// Next step over all inputs; `None` when every input is read.
    fn step(&mut self) -> Option<Step> {
        loop {
            if let Some(other) = &mut self.other_current {
                match other.next() {
                    Some(item) => return Some(Step::Done(item)),
                    None => self.other_current = None,
                }
                continue;
            }
            if self.current.is_some() {
                if let Some(step) = self.next_line() {
                    return Some(step);
                }
                continue;
            }
            let input = self.inputs.pop_front()?;
            if let Some(item) = self.open(input) {
                return Some(Step::Done(item));
            }
        }
    }

    /// Up to `max` next records, JSON parsing and cleaning spread over rayon's threads; the
    /// order is the same as [`Iterator::next`] would give. Empty when the inputs are exhausted.
    pub fn next_batch(&mut self, max: usize) -> Vec<Result<Article, Problem>> {
        use rayon::prelude::*;
        let mut steps = Vec::with_capacity(max.min(1 << 16));
        while steps.len() < max.max(1) {
            match self.step() {
                Some(step) => steps.push(step),
                None => break,
            }
        }
        let parser = &self.parser;
        steps
            .into_par_iter()
            .with_min_len(64)
            .map(|step| match step {
                Step::Done(item) => item,
                Step::Line(raw) => parser.parse_record(&raw.at, &raw.bytes, raw.default_source),
            })
            .collect()
    }
}

/// One unit of reading: a finished result (text article, problem) or a JSONL line to parse.
enum Step {
    Done(Result<Article, Problem>),
    Line(RawLine),
}

struct RawLine {
    at: String,
    bytes: Vec<u8>,
    default_source: Option<String>,
}

/// Turns a JSONL line into an article; shared by the sequential and the batch paths.
struct Parser {
    fields: fields::FieldMap,
    source: Option<String>,
}

impl Parser {
    fn parse_record(
        &self,
        at: &str,
        line: &[u8],
        default_source: Option<String>,
    ) -> Result<Article, Problem> {
        let text = std::str::from_utf8(line)
            .map_err(|_| problem(at, "invalid_utf8", "line is not valid utf-8"))?;
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| problem(at, "malformed_json", &e.to_string().to_lowercase()))?;
        let serde_json::Value::Object(obj) = value else {
            return Err(problem(at, "not_an_object", "json line is not an object"));
        };
        let rec = self.fields.extract(&obj);
        let body = rec.text.unwrap_or_default();
        if body.trim().is_empty() {
            return Err(problem(at, "empty_article", "record has no text"));
        }
        let source = self
            .source
            .clone()
            .or(rec.source)
            .or(default_source)
            .unwrap_or_else(|| "unknown".into());
        let title = clean::clean_title(rec.title.as_deref().unwrap_or(""));
        let cleaned = clean::clean(&body);
        if cleaned.text.is_empty() {
            return Err(problem(at, "empty_article", "nothing left after cleaning"));
        }
        let id = rec
            .id
            .unwrap_or_else(|| derive_id(&source, rec.url.as_deref(), &title, &body));
        Ok(Article {
            id,
            source,
            url: rec.url,
            title,
            published: rec.published,
            language: rec.language.unwrap_or_else(|| "ar".into()),
            text: cleaned.text,
            original: body,
            removed: cleaned.removed,
        })
    }
}

impl Iterator for Reader {
    type Item = Result<Article, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.step()? {
            Step::Done(item) => item,
            Step::Line(raw) => self
                .parser
                .parse_record(&raw.at, &raw.bytes, raw.default_source),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Jsonl,
    JsonArray,
    Text,
    Sniff,
}

impl Format {
    /// From the file name, looking through a `.gz` suffix.
    fn from_path(path: &Path) -> Format {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("jsonl" | "ndjson" | "json") => Format::Jsonl,
            Some("txt" | "text") => Format::Text,
            _ => Format::Sniff,
        }
    }
}

/// Expands input paths into file inputs: directories recursively in sorted order, hidden entries
/// (names starting with `.`) skipped inside directories. Symbolic links are followed, but each
/// real (canonical) directory is read once: a link back into a directory being read (`loop -> .`)
/// is reported once as a `symlink_loop` problem naming the link, and a directory reached again
/// through another link is skipped, so no file is read twice under another folder's name.
#[derive(Default)]
struct Walk {
    inputs: VecDeque<Input>,
    total: u64,
    /// Canonical directories read so far.
    visited: HashSet<PathBuf>,
    /// Canonical directories being read (the current one and those above it).
    open: Vec<PathBuf>,
}

impl Walk {
    const MAX_DEPTH: usize = 64;

    fn problem(&mut self, path: &Path, code: &str, error: &str) {
        let name = path.display().to_string();
        self.inputs
            .push_back(Input::Problem(problem(&name, code, error)));
    }

    fn expand(&mut self, path: &Path, depth: usize) {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => self.directory(path, depth),
            Ok(meta) => {
                self.total += meta.len();
                self.inputs.push_back(Input::Path(path.to_path_buf()));
            }
            Err(e) => {
                let code = if e.kind() == std::io::ErrorKind::NotFound {
                    "not_found"
                } else {
                    "read_error"
                };
                self.problem(path, code, &io_message(&e));
            }
        }
    }

    fn directory(&mut self, path: &Path, depth: usize) {
        if depth >= Self::MAX_DEPTH {
            return self.problem(path, "read_error", "directories nested too deep");
        }
        // Without a canonical path (rare: metadata just worked) the depth cap still bounds it.
        let real = std::fs::canonicalize(path).ok();
        if let Some(real) = &real {
            if self.open.contains(real) {
                let why = format!(
                    "symbolic link loop: leads back to {}, which is being read; not followed",
                    real.display()
                );
                return self.problem(path, "symlink_loop", &why);
            }
            if !self.visited.insert(real.clone()) {
                return;
            }
        }
        let children = match sorted_entries(path) {
            Ok(c) => c,
            Err(e) => return self.problem(path, "read_error", &io_message(&e)),
        };
        self.open.extend(real.clone());
        for child in children {
            self.expand(&child, depth + 1);
        }
        if real.is_some() {
            self.open.pop();
        }
    }
}

/// A directory's entries, hidden ones left out, in sorted order.
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut children: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    children.sort();
    Ok(children)
}

/// Build an article from a plain-text file: optional date-time line, title line, body.
fn text_article(name: &str, content: &str, id: String, source: String) -> Result<Article, Problem> {
    let content = content.strip_prefix('\u{FEFF}').unwrap_or(content);
    let mut rest = content;
    let mut published = None;
    let mut title = None;
    while title.is_none() {
        let (line, tail) = match rest.split_once('\n') {
            Some((l, t)) => (l, t),
            None => (rest, ""),
        };
        rest = tail;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if rest.is_empty() {
                break;
            }
            continue;
        }
        if published.is_none() && title.is_none() && looks_like_date(trimmed) {
            published = Some(text::date::parse_datetime(trimmed).map(|d| Published {
                raw: trimmed.to_string(),
                iso: d.iso,
                unix: d.unix,
            }));
            continue;
        }
        title = Some(clean::clean_title(trimmed));
    }
    let Some(title) = title else {
        return Err(problem(
            name,
            "empty_article",
            "file has no title and no text",
        ));
    };
    let body = rest.to_string();
    let cleaned = clean::clean(&body);
    if cleaned.text.is_empty() {
        return Err(problem(
            name,
            "empty_article",
            "file has a title but no text",
        ));
    }
    Ok(Article {
        id,
        source,
        url: None,
        title,
        published: published.flatten(),
        language: "ar".into(),
        text: cleaned.text,
        original: body,
        removed: cleaned.removed,
    })
}

/// A first line that is a date-time rather than a title: short, starts with a digit, and is
/// mostly digits and separators (`2024-11-27 08:51 م`, `27/11/2024 20:51`). Such a line is
/// never taken as the title even when `text::date` cannot parse it.
fn looks_like_date(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() > 40 || !chars.first().is_some_and(|c| c.is_numeric()) {
        return false;
    }
    let digits = chars.iter().filter(|c| c.is_numeric()).count();
    let words = line.split_whitespace().count();
    digits >= 6 && words <= 6 && digits * 2 >= chars.iter().filter(|c| !c.is_whitespace()).count()
        || text::date::parse_datetime(line).is_some()
}

/// Article id of a text file: its name without directory and known extensions.
fn text_id(name: &str) -> String {
    let base = Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = base.strip_suffix(".gz").unwrap_or(&base);
    let stem = Path::new(base)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem.is_empty() || name == "-" {
        "stdin".into()
    } else {
        stem
    }
}

/// Stable id for a record without one: xxh3 of source, url, title and raw text.
pub fn derive_id(source: &str, url: Option<&str>, title: &str, text: &str) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [source, url.unwrap_or(""), title, text] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    format!("{:016x}", h.digest())
}

fn problem(record: &str, code: &str, error: &str) -> Problem {
    Problem {
        record: record.to_string(),
        code: code.to_string(),
        error: error.to_string(),
    }
}

fn io_message(e: &std::io::Error) -> String {
    e.to_string().to_lowercase()
}

/// Problem for a read error in the middle of a stream: gzip truncation and corruption,
/// the decompression cap, or plain IO.
fn stream_problem(name: &str, line: Option<usize>, gzip: bool, e: &std::io::Error) -> Problem {
    let at = match line {
        Some(l) => format!("{name}:{l}"),
        None => name.to_string(),
    };
    if lines::is_limit_error(e) {
        return problem(&at, "decompression_limit", &io_message(e));
    }
    if gzip {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            return problem(
                &at,
                "truncated_gzip",
                "gzip stream ends early: records before this line were read",
            );
        }
        return problem(&at, "corrupt_gzip", &io_message(e));
    }
    problem(&at, "read_error", &io_message(e))
}
