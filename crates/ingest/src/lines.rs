//! Byte-level plumbing for streaming reads: a progress-counting reader, a decompression cap
//! and a line reader that never buffers more than its cap.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Adds every byte read to a shared counter (input progress).
pub struct CountingReader<R> {
    inner: R,
    done: Arc<AtomicU64>,
}

impl<R> CountingReader<R> {
    pub fn new(inner: R, done: Arc<AtomicU64>) -> Self {
        CountingReader { inner, done }
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The error a [`LimitedReader`] returns once its cap is passed.
#[derive(Debug)]
struct LimitReached(u64);

impl std::fmt::Display for LimitReached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "decompressed size passed the limit of {} bytes", self.0)
    }
}

impl std::error::Error for LimitReached {}

/// Is this the error of a [`LimitedReader`]?
pub fn is_limit_error(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<LimitReached>())
}

/// Fails with [`LimitReached`] once more than `limit` bytes have come through.
pub struct LimitedReader<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R> LimitedReader<R> {
    pub fn new(inner: R, limit: u64) -> Self {
        LimitedReader {
            inner,
            left: limit,
            limit,
        }
    }
}

impl<R: Read> Read for LimitedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            // At the cap: only the end of the stream is still acceptable.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(LimitReached(self.limit))),
            };
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// What [`read_line_capped`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum LineRead {
    /// A line (without its `\n`) is in the buffer.
    Line,
    /// The line was longer than the cap; it was skipped up to and including its `\n`.
    TooLong,
    /// No more input.
    Eof,
}

/// Read one line into `buf` (cleared first), keeping at most `max` bytes; a longer line is
/// consumed to its end without being stored.
pub fn read_line_capped<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<LineRead> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(match (any, too_long) {
                (false, _) => LineRead::Eof,
                (true, true) => LineRead::TooLong,
                (true, false) => LineRead::Line,
            });
        }
        any = true;
        let (take, found) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            if buf.len() + take > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        r.consume(if found { take + 1 } else { take });
        if found {
            return Ok(if too_long {
                LineRead::TooLong
            } else {
                LineRead::Line
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_line_is_skipped_and_next_line_read() {
        let data = format!("{}\nok\n", "x".repeat(100));
        let mut r = io::BufReader::with_capacity(8, data.as_bytes());
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 10).unwrap(),
            LineRead::TooLong
        );
        assert!(buf.is_empty());
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 10).unwrap(),
            LineRead::Line
        );
        assert_eq!(buf, b"ok");
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 10).unwrap(),
            LineRead::Eof
        );
    }

    #[test]
    fn limit_is_exact() {
        let mut ok = LimitedReader::new(&b"12345"[..], 5);
        let mut out = Vec::new();
        assert!(ok.read_to_end(&mut out).is_ok());
        let mut over = LimitedReader::new(&b"123456"[..], 5);
        let e = over.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(is_limit_error(&e));
    }
}
