//! Streaming reader for WARC and WARC.gz archives (Common Crawl CC-NEWS style).
//!
//! [`WarcReader`] yields one [`WarcRecord`] at a time and never holds more than one record in
//! memory, so a multi-gigabyte archive streams in constant memory. Gzip is detected from the
//! magic bytes and read member by member (one member per record, or the whole file as one).
//! Limits ([`WarcLimits`]) cap a single record and the total decompressed size. A record cut
//! short (a truncated file, or a `Content-Length` that runs into the next record) is reported as
//! a [`model::Problem`] `path:record N` and the reader goes on with the next record it can find.
//!
//! [`WarcArticles`] turns `response` records carrying HTML (`application/http`, status 200)
//! into articles through [`crate::html::extract`], with the target URI as the page URL and the
//! WARC date as the publication time when the page gives none. Requests, metadata, robots.txt,
//! images and redirects are skipped silently.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use model::{Article, Problem, Published};

use crate::Error;

/// Size limits for reading an archive.
#[derive(Debug, Clone, Copy)]
pub struct WarcLimits {
    /// Records with a larger block are skipped (streamed past) and reported.
    pub max_record: u64,
    /// Reading stops with a problem after this many decompressed bytes.
    pub max_total: u64,
}

impl Default for WarcLimits {
    fn default() -> Self {
        WarcLimits {
            max_record: 32 * 1024 * 1024,
            max_total: 256 * 1024 * 1024 * 1024,
        }
    }
}

/// One WARC record: named headers and the content block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// 1-based position in the archive.
    pub index: usize,
    pub warc_type: String,
    pub target_uri: Option<String>,
    pub date: Option<String>,
    pub content_type: Option<String>,
    pub record_id: Option<String>,
    pub block: Vec<u8>,
}

const MAX_LINE: u64 = 64 * 1024;
const MAX_HEADER_LINES: usize = 256;

/// Counts decompressed bytes and fails once the cap is passed.
struct Capped<R> {
    inner: R,
    read: u64,
    cap: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.cap {
            return Err(io::Error::other("decompression cap reached"));
        }
        Ok(n)
    }
}

/// Streaming WARC record reader.
pub struct WarcReader<R: BufRead> {
    inner: R,
    /// Bytes read too far (into the next record) and given back.
    pending: Vec<u8>,
    pending_pos: usize,
    name: String,
    index: usize,
    limits: WarcLimits,
    done: bool,
}

/// The reader type [`open`] and [`from_reader`] build.
pub type BoxedWarcReader = WarcReader<Box<dyn BufRead + Send>>;

/// Open a `.warc` or `.warc.gz` file (gzip is detected from its magic bytes).
pub fn open(path: &Path, limits: WarcLimits) -> Result<BoxedWarcReader, Error> {
    let file = File::open(path)?;
    from_reader(file, &path.display().to_string(), limits)
}

/// Read a WARC stream, gzip or plain; `name` prefixes problem records (`name:record N`).
pub fn from_reader<R: Read + Send + 'static>(
    reader: R,
    name: &str,
    limits: WarcLimits,
) -> Result<BoxedWarcReader, Error> {
    let mut buf = BufReader::with_capacity(64 * 1024, reader);
    let gz = buf.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let inner: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::with_capacity(
            64 * 1024,
            Capped {
                inner: MultiGzDecoder::new(buf),
                read: 0,
                cap: limits.max_total,
            },
        ))
    } else {
        Box::new(BufReader::new(Capped {
            inner: buf,
            read: 0,
            cap: limits.max_total,
        }))
    };
    Ok(WarcReader::new(inner, name, limits))
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over already-decompressed WARC bytes.
    pub fn new(inner: R, name: &str, limits: WarcLimits) -> Self {
        WarcReader {
            inner,
            pending: Vec::new(),
            pending_pos: 0,
            name: name.to_string(),
            index: 0,
            limits,
            done: false,
        }
    }

    /// Where problems point: the name given at construction.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn problem(&self, code: &str, error: impl Into<String>) -> Problem {
        Problem {
            record: format!("{}:record {}", self.name, self.index),
            code: code.to_string(),
            error: error.into(),
        }
    }

    fn io_problem(&mut self, e: &io::Error) -> Problem {
        self.done = true;
        let code = match e.kind() {
            io::ErrorKind::UnexpectedEof => "truncated_gzip",
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => "corrupt_gzip",
            _ if e.to_string().contains("cap") => "decompression_cap",
            _ => "read_error",
        };
        self.problem(code, e.to_string().to_lowercase())
    }

    /// One line (with its `\n`), at most [`MAX_LINE`] bytes; empty at end of input.
    fn read_line(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        buf.clear();
        if self.pending_pos < self.pending.len() {
            let rest = &self.pending[self.pending_pos..];
            let end = rest
                .iter()
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |p| p + 1);
            buf.extend_from_slice(&rest[..end]);
            self.pending_pos += end;
            if buf.ends_with(b"\n") {
                return Ok(buf.len());
            }
        }
        (&mut self.inner).take(MAX_LINE).read_until(b'\n', buf)?;
        Ok(buf.len())
    }

    /// Up to `n` bytes: fewer only at end of input.
    fn read_block(&mut self, n: usize) -> io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(n.min(1 << 20));
        if self.pending_pos < self.pending.len() {
            let rest = &self.pending[self.pending_pos..];
            let take = rest.len().min(n);
            out.extend_from_slice(&rest[..take]);
            self.pending_pos += take;
        }
        let missing = (n - out.len()) as u64;
        (&mut self.inner).take(missing).read_to_end(&mut out)?;
        Ok(out)
    }

    /// Stream past `n` bytes; returns how many there were.
    fn skip(&mut self, n: u64) -> io::Result<u64> {
        let from_pending = ((self.pending.len() - self.pending_pos) as u64).min(n);
        self.pending_pos += from_pending as usize;
        let rest = io::copy(
            &mut (&mut self.inner).take(n - from_pending),
            &mut io::sink(),
        )?;
        Ok(from_pending + rest)
    }

    fn give_back(&mut self, bytes: &[u8]) {
        let mut v = bytes.to_vec();
        v.extend_from_slice(&self.pending[self.pending_pos..]);
        self.pending = v;
        self.pending_pos = 0;
    }

    fn next_record(&mut self) -> Option<Result<WarcRecord, Problem>> {
        let mut line = Vec::new();
        // Find the version line, skipping blank lines (and garbage, reported once).
        let mut garbage = false;
        loop {
            match self.read_line(&mut line) {
                Ok(0) => {
                    self.done = true;
                    return if garbage {
                        self.index += 1;
                        Some(Err(self.problem(
                            "malformed_record",
                            "no warc version line before end of input",
                        )))
                    } else {
                        None
                    };
                }
                Ok(_) => {}
                Err(e) => return Some(Err(self.io_problem(&e))),
            }
            if line.starts_with(b"WARC/") {
                break;
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                garbage = true;
            }
        }
        self.index += 1;
        if garbage {
            // The version line we found starts the next record: read it next time round.
            let version = line.clone();
            self.give_back(&version);
            return Some(Err(self.problem(
                "malformed_record",
                "bytes that are not a warc record were skipped",
            )));
        }

        let mut rec = WarcRecord {
            index: self.index,
            warc_type: String::new(),
            target_uri: None,
            date: None,
            content_type: None,
            record_id: None,
            block: Vec::new(),
        };
        let mut length: Option<u64> = None;
        let mut lines = 0;
        loop {
            match self.read_line(&mut line) {
                Ok(0) => {
                    self.done = true;
                    return Some(Err(self.problem(
                        "truncated_record",
                        "input ends inside the record headers",
                    )));
                }
                Ok(_) => {}
                Err(e) => return Some(Err(self.io_problem(&e))),
            }
            lines += 1;
            if line == b"\r\n" || line == b"\n" {
                break;
            }
            if lines > MAX_HEADER_LINES {
                return Some(Err(
                    self.problem("malformed_record", "too many header lines")
                ));
            }
            let text = String::from_utf8_lossy(&line);
            let Some((k, v)) = text.split_once(':') else {
                continue;
            };
            let v = v.trim().to_string();
            match k.trim().to_ascii_lowercase().as_str() {
                "warc-type" => rec.warc_type = v,
                "warc-target-uri" => rec.target_uri = Some(v.trim_matches(['<', '>']).to_string()),
                "warc-date" => rec.date = Some(v),
                "content-type" => rec.content_type = Some(v),
                "warc-record-id" => rec.record_id = Some(v),
                "content-length" => length = v.parse().ok(),
                _ => {}
            }
        }
        let Some(length) = length else {
            return Some(Err(self.problem(
                "malformed_record",
                "record without a valid content-length",
            )));
        };
        if length > self.limits.max_record {
            return match self.skip(length) {
                Ok(n) if n < length => {
                    self.done = true;
                    Some(Err(self.problem(
                        "truncated_record",
                        format!("record cut short: {n} of {length} bytes"),
                    )))
                }
                Ok(_) => Some(Err(self.problem(
                    "record_too_large",
                    format!(
                        "record of {length} bytes is over the cap of {} bytes",
                        self.limits.max_record
                    ),
                ))),
                Err(e) => Some(Err(self.io_problem(&e))),
            };
        }
        let block = match self.read_block(length as usize) {
            Ok(b) => b,
            Err(e) => return Some(Err(self.io_problem(&e))),
        };
        if (block.len() as u64) < length {
            // Input ended inside the block. If another record starts inside it, this one was cut
            // short and its length ran on: read on from there.
            match find_version_line(&block) {
                Some(p) => {
                    let back = block[p..].to_vec();
                    self.give_back(&back);
                }
                None => self.done = true,
            }
            return Some(Err(self.problem(
                "truncated_record",
                format!("record cut short: {} of {length} bytes", block.len()),
            )));
        }
        // A record ends with CRLF CRLF. Anything else means the length ran past a cut-short block
        // into the next record: give back from the next version line on, and report this one.
        let mut trailer = Vec::new();
        let mut ok = true;
        for _ in 0..2 {
            match self.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) if line == b"\r\n" || line == b"\n" => {}
                Ok(_) => {
                    trailer.extend_from_slice(&line);
                    ok = false;
                    break;
                }
                Err(e) => return Some(Err(self.io_problem(&e))),
            }
        }
        if !ok {
            let restart = find_version_line(&block);
            if let Some(p) = restart {
                let mut back = block[p..].to_vec();
                back.extend_from_slice(&trailer);
                self.give_back(&back);
                return Some(Err(self.problem(
                    "truncated_record",
                    "record cut short: the next record starts inside it",
                )));
            }
            if trailer.starts_with(b"WARC/") {
                self.give_back(&trailer);
            }
        }
        rec.block = block;
        Some(Ok(rec))
    }
}

/// Start of a `WARC/1.x` line inside a block.
fn find_version_line(block: &[u8]) -> Option<usize> {
    let needle = b"\nWARC/1.";
    block
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + 1)
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.next_record()
    }
}

/// Articles from the HTML responses of an archive.
pub struct WarcArticles<R: BufRead> {
    reader: WarcReader<R>,
}

impl<R: BufRead> WarcArticles<R> {
    pub fn new(reader: WarcReader<R>) -> Self {
        WarcArticles { reader }
    }
}

impl<R: BufRead> Iterator for WarcArticles<R> {
    type Item = Result<Article, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let rec = match self.reader.next()? {
                Ok(r) => r,
                Err(p) => return Some(Err(p)),
            };
            let where_ = format!("{}:record {}", self.reader.name(), rec.index);
            match record_article(&rec) {
                Ok(Some(a)) => return Some(Ok(a)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e.to_problem(&where_))),
            }
        }
    }
}

/// The article in a `response` record, `None` when the record is not an HTML page with status 200.
pub fn record_article(rec: &WarcRecord) -> Result<Option<Article>, Error> {
    if !rec.warc_type.eq_ignore_ascii_case("response") {
        return Ok(None);
    }
    if !rec
        .content_type
        .as_deref()
        .is_some_and(|c| c.to_ascii_lowercase().contains("application/http"))
    {
        return Ok(None);
    }
    let Some(http) = parse_http(&rec.block) else {
        return Err(Error::Warc("response block is not an http message".into()));
    };
    if http.status != 200 {
        return Ok(None);
    }
    let (media, charset) = http
        .content_type
        .as_deref()
        .map(crate::fetch::split_content_type)
        .unwrap_or_default();
    let is_html = match media.as_deref() {
        Some(m) => m.contains("html"),
        None => {
            let head = &http.body[..http.body.len().min(1024)];
            String::from_utf8_lossy(head)
                .to_ascii_lowercase()
                .contains("<html")
        }
    };
    if !is_html {
        return Ok(None);
    }
    let mut body = http.body.to_vec();
    if http.chunked {
        body = dechunk(&body).ok_or_else(|| Error::Warc("broken chunked encoding".into()))?;
    }
    if let Some(enc) = &http.content_encoding {
        let enc = enc.to_ascii_lowercase();
        if enc.contains("gzip") || enc.contains("deflate") {
            body = gunzip_capped(&body, 32 * 1024 * 1024, enc.contains("deflate"))?;
        }
    }
    let ex = crate::html::extract(&body, rec.target_uri.as_deref(), charset.as_deref())?;
    let mut article = ex.into_article(None);
    if article.published.is_none()
        && let Some(d) = &rec.date
        && let Some(p) = text::date::parse_datetime(d)
    {
        article.published = Some(Published {
            raw: d.clone(),
            iso: p.iso,
            unix: p.unix,
        });
    }
    if article.url.is_none() {
        article.url = rec.target_uri.clone();
    }
    Ok(Some(article))
}

struct Http<'a> {
    status: u16,
    content_type: Option<String>,
    content_encoding: Option<String>,
    chunked: bool,
    body: &'a [u8],
}

fn parse_http(block: &[u8]) -> Option<Http<'_>> {
    let (head_end, body_start) = match block.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(p) => (p, p + 4),
        None => {
            let p = block.windows(2).position(|w| w == b"\n\n")?;
            (p, p + 2)
        }
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let mut http = Http {
        status,
        content_type: None,
        content_encoding: None,
        chunked: false,
        body: &block[body_start..],
    };
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => http.content_type = Some(v.trim().to_string()),
            "content-encoding" => http.content_encoding = Some(v.trim().to_string()),
            "transfer-encoding" => http.chunked = v.to_ascii_lowercase().contains("chunked"),
            _ => {}
        }
    }
    Some(http)
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let nl = data.windows(2).position(|w| w == b"\r\n")?;
        let size_str = String::from_utf8_lossy(&data[..nl]);
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        data = &data[nl + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

fn gunzip_capped(data: &[u8], cap: u64, deflate: bool) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let n = if deflate {
        flate2::read::ZlibDecoder::new(data)
            .take(cap + 1)
            .read_to_end(&mut out)
    } else {
        flate2::read::GzDecoder::new(data)
            .take(cap + 1)
            .read_to_end(&mut out)
    }
    .map_err(|e| {
        Error::Warc(format!(
            "content-encoding: {}",
            e.to_string().to_lowercase()
        ))
    })?;
    if n as u64 > cap {
        return Err(Error::TooLarge(cap));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunk_round_trip() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"ff\r\nshort"), None);
    }

    #[test]
    fn http_head_split() {
        let h =
            parse_http(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html>")
                .expect("http");
        assert_eq!(h.status, 200);
        assert_eq!(h.body, b"<html>");
        assert!(parse_http(b"garbage without head").is_none());
    }
}
