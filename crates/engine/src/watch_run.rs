//! The feed watcher's loop: poll a list of feeds on a schedule and send every new article
//! through the whole live pipeline (store, duplicates, story assignment, search index).
//!
//! One round is [`Watcher::round`]: [`web::watch::poll_once`] (conditional GET, per-host
//! politeness, timeouts and retries live in the [`Fetcher`]), then [`Live::add`], then the
//! clusterer state and the watch state (`DATA/watch-state.json`, written to a temporary file,
//! synced and renamed) are saved, in that order. A crash between the store commit and the state
//! save only makes the next round re-add the same articles, which the store reports as
//! `unchanged`: nothing is lost or stored twice. So a restart resumes where the last finished
//! round left off, and stopping the process at any moment (Ctrl-C) is safe.
//!
//! [`watch`] runs rounds every `every` until a round limit or a stop flag. This module prints
//! nothing; callers get a [`RoundSummary`] per round. It does not parse HTML or feeds itself
//! (that is `web`) and does not install signal handlers (the caller may set the stop flag).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use model::Problem;
use serde::Serialize;
use story::StoryId;

use crate::live::{Added, Live};

pub use web::fetch::{FetchConfig, Fetcher, HttpFetcher};
pub use web::watch::{FeedSpec, WatchConfig, WatchState, parse_feeds_file};

/// The file in the data directory that holds the [`WatchState`].
pub const STATE_FILE: &str = "watch-state.json";

use crate::{Error, Result};

/// What one round did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RoundSummary {
    /// 1-based round number within this run.
    pub round: usize,
    /// Feeds asked.
    pub feeds: usize,
    /// Articles stored for the first time.
    pub new: usize,
    /// Articles already stored whose content changed.
    pub updated: usize,
    /// Articles handed to the pipeline that were already stored as they are.
    pub unchanged: usize,
    /// New or updated articles that copy an earlier one.
    pub duplicates: usize,
    /// Feeds that answered `304 Not Modified`.
    pub not_modified: usize,
    /// Distinct stories that received a new or updated article.
    pub stories_touched: usize,
    /// Feeds or pages that failed this round (the round went on).
    pub problems: Vec<Problem>,
    /// The new and updated articles, with their story and duplicate origin.
    pub added: Vec<Added>,
    /// Wall time of the round in milliseconds.
    pub millis: u64,
    /// What opening the pipeline rebuilt (built with another analysis version), one line each;
    /// reported with the first round only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rebuilt: Vec<String>,
}

/// Settings for [`watch`].
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Time between the starts of two rounds.
    pub every: Duration,
    /// Stop after this many rounds; `None` runs until the stop flag is set.
    pub rounds: Option<usize>,
    pub fetch: FetchConfig,
    pub poll: WatchConfig,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            every: Duration::from_secs(300),
            rounds: None,
            fetch: FetchConfig::default(),
            poll: WatchConfig::default(),
        }
    }
}

/// Totals over a whole [`watch`] run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WatchTotals {
    pub rounds: usize,
    pub new: usize,
    pub updated: usize,
    pub problems: usize,
}

/// The live pipeline plus the watch state of one data directory.
pub struct Watcher {
    live: Live,
    state: WatchState,
    state_path: PathBuf,
    rounds: usize,
}

impl Watcher {
    /// Open the data directory (catching the pipeline up with the store) and load the watch state.
    pub fn open(dir: &Path) -> Result<Watcher> {
        let live = Live::open(dir)?;
        let state_path = dir.join(STATE_FILE);
        let state = load_state(&state_path)?;
        Ok(Watcher {
            live,
            state,
            state_path,
            rounds: 0,
        })
    }

    /// The pipeline, for reading what was stored.
    pub fn live(&self) -> &Live {
        &self.live
    }

    pub fn state(&self) -> &WatchState {
        &self.state
    }

    /// Poll every feed once, send the new articles through the pipeline, save both states.
    /// `now` (unix seconds) is recorded as the poll time.
    pub fn round(
        &mut self,
        feeds: &[FeedSpec],
        fetcher: &dyn Fetcher,
        cfg: &WatchConfig,
        now: i64,
    ) -> Result<RoundSummary> {
        let started = Instant::now();
        self.rounds += 1;
        // Poll on a copy: the saved state only moves once the articles are committed.
        let mut next = self.state.clone();
        let poll = web::watch::poll_once(feeds, &mut next, fetcher, cfg, now);
        let added = if poll.articles.is_empty() {
            Vec::new()
        } else {
            self.live.add(poll.articles)?
        };
        let mut s = RoundSummary {
            round: self.rounds,
            feeds: feeds.len(),
            not_modified: poll.not_modified,
            problems: poll.problems,
            rebuilt: if self.rounds == 1 {
                self.live.rebuilt().to_vec()
            } else {
                Vec::new()
            },
            ..RoundSummary::default()
        };
        let mut stories: BTreeSet<StoryId> = BTreeSet::new();
        for a in added {
            match a.status {
                "inserted" => s.new += 1,
                "updated" => s.updated += 1,
                _ => {
                    s.unchanged += 1;
                    continue;
                }
            }
            if a.duplicate_of.is_some() {
                s.duplicates += 1;
            }
            stories.extend(a.story);
            s.added.push(a);
        }
        s.stories_touched = stories.len();
        if !s.added.is_empty() {
            // `khabar stories` reads the saved clusterer: make the round visible at once.
            self.live.save()?;
        }
        if next != self.state {
            save_state(&self.state_path, &next)?;
            self.state = next;
        }
        s.millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        Ok(s)
    }
}

/// Watch `feeds` into the data directory `dir`: a round at once, then one every `opts.every`,
/// until `opts.rounds` rounds ran or `stop` is set (checked while waiting, at least every
/// 100 ms). `on_round` sees each round's summary.
pub fn watch(
    dir: &Path,
    feeds: &[FeedSpec],
    opts: &WatchOptions,
    stop: Option<Arc<AtomicBool>>,
    mut on_round: impl FnMut(&RoundSummary),
) -> Result<WatchTotals> {
    let mut watcher = Watcher::open(dir)?;
    // One fetcher for the whole run, so per-host politeness holds across rounds.
    let fetcher = HttpFetcher::new(opts.fetch.clone());
    let stopped = || stop.as_ref().is_some_and(|f| f.load(Ordering::Relaxed));
    let mut totals = WatchTotals::default();
    loop {
        if stopped() || opts.rounds.is_some_and(|n| totals.rounds >= n) {
            break;
        }
        let start = Instant::now();
        let s = watcher.round(feeds, &fetcher, &opts.poll, unix_now())?;
        totals.rounds += 1;
        totals.new += s.new;
        totals.updated += s.updated;
        totals.problems += s.problems.len();
        on_round(&s);
        if opts.rounds.is_some_and(|n| totals.rounds >= n) {
            break;
        }
        let until = start + opts.every;
        while !stopped() {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            std::thread::sleep(left.min(Duration::from_millis(100)));
        }
    }
    Ok(totals)
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Read the watch state; a missing file is a fresh start, a broken one an error.
pub fn load_state(path: &Path) -> Result<WatchState> {
    match std::fs::read_to_string(path) {
        Ok(s) => WatchState::from_json(&s).map_err(|source| Error::WatchStateJson {
            path: path.to_path_buf(),
            source,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(WatchState::default()),
        Err(source) => Err(Error::WatchStateIo {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Write the watch state atomically: a temporary file beside it, synced, then renamed over it.
pub fn save_state(path: &Path, state: &WatchState) -> Result<()> {
    let io = |source| Error::WatchStateIo {
        path: path.to_path_buf(),
        source,
    };
    let tmp = path.with_extension("json.tmp");
    {
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(state.to_json().as_bytes()).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    std::fs::rename(&tmp, path).map_err(io)?;
    // Make the rename itself durable; not every platform can sync a directory.
    if let Some(parent) = path.parent()
        && let Ok(d) = std::fs::File::open(parent)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Mutex;
    use web::fetch::{Conditional, Fetched, Response};

    /// Feeds served from memory, with ETags, counting requests.
    struct FakeWeb {
        pages: Mutex<HashMap<String, (Vec<u8>, String)>>,
        hits: Mutex<Vec<(String, Option<String>)>>,
    }

    impl FakeWeb {
        fn new() -> FakeWeb {
            FakeWeb {
                pages: Mutex::new(HashMap::new()),
                hits: Mutex::new(Vec::new()),
            }
        }
        fn set(&self, url: &str, body: String, etag: &str) {
            self.pages
                .lock()
                .unwrap()
                .insert(url.to_string(), (body.into_bytes(), etag.to_string()));
        }
    }

    impl Fetcher for FakeWeb {
        fn fetch(&self, url: &str, cond: &Conditional) -> std::result::Result<Fetched, web::Error> {
            self.hits
                .lock()
                .unwrap()
                .push((url.to_string(), cond.etag.clone()));
            let pages = self.pages.lock().unwrap();
            let Some((body, etag)) = pages.get(url) else {
                return Err(web::Error::Status(500));
            };
            if cond.etag.as_deref() == Some(etag.as_str()) {
                return Ok(Fetched::NotModified);
            }
            Ok(Fetched::Fresh(Response {
                status: 200,
                body: body.clone(),
                etag: Some(etag.clone()),
                last_modified: None,
                content_type: Some("application/rss+xml".into()),
                charset: Some("utf-8".into()),
            }))
        }
    }

    const PORT: &str = "أعلنت هيئة الموانئ المصرية اليوم افتتاح المرحلة الأولى من توسعة ميناء الإسكندرية \
        بطاقة استيعابية إضافية تبلغ مليوني حاوية سنويا، وقال رئيس الهيئة في مؤتمر صحفي إن المشروع \
        استغرق ثلاث سنوات من العمل المتواصل بتكلفة بلغت أربعة مليارات جنيه، وأضاف أن الرصيف الجديد \
        يستقبل السفن العملاقة التي يصل غاطسها إلى ثمانية عشر مترا. وأوضح أن التوسعة ستخفض زمن انتظار \
        السفن إلى النصف وتوفر نحو ألفي فرصة عمل مباشرة لأبناء المحافظة. وتأتي هذه الخطوة ضمن خطة \
        الحكومة لتحويل مصر إلى مركز إقليمي للتجارة والخدمات اللوجستية، إذ تعمل الوزارة على ربط \
        الموانئ البحرية بشبكة السكك الحديدية والموانئ الجافة في الدلتا والصعيد خلال العامين المقبلين.";

    const RAIN: &str = "شهدت العاصمة الأردنية عمان صباح اليوم هطول أمطار غزيرة تسببت في تجمع المياه \
        في عدد من الشوارع الرئيسية وتعطل حركة السير لساعات، وقالت مديرية الدفاع المدني إن فرقها \
        تعاملت مع أكثر من مئة وعشرين بلاغا خلال الساعات الماضية دون تسجيل إصابات بشرية. وحذرت دائرة \
        الأرصاد الجوية المواطنين من خطر الانزلاقات والسيول في المناطق المنخفضة والأودية، ودعت السائقين \
        إلى تخفيف السرعة وعدم الاقتراب من مجاري السيول. وتوقعت الدائرة استمرار تأثر المملكة بالمنخفض \
        الجوي حتى مساء الغد مع انخفاض ملموس على درجات الحرارة، على أن يبدأ الطقس بالتحسن تدريجيا \
        اعتبارا من يوم الخميس المقبل مع بقاء الأجواء باردة في معظم المناطق والمرتفعات الجبلية العالية.";

    fn rss(items: &[(&str, &str, &str)]) -> String {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
             <title>أخبار</title><link>https://news.example/</link><language>ar</language>",
        );
        for (guid, title, body) in items {
            s.push_str(&format!(
                "<item><title>{title}</title><link>https://news.example/{guid}</link>\
                 <guid>{guid}</guid><pubDate>Tue, 26 Nov 2024 09:00:00 GMT</pubDate>\
                 <description>{body}</description></item>"
            ));
        }
        s.push_str("</channel></rss>");
        s
    }

    #[test]
    fn rounds_ingest_once_skip_304_and_resume_after_restart() {
        let dir = tempfile::tempdir().unwrap();
        let web = FakeWeb::new();
        let good = "https://news.example/rss";
        let bad = "https://broken.example/rss";
        web.set(
            good,
            rss(&[
                ("port", "افتتاح توسعة ميناء الإسكندرية", PORT),
                ("rain", "أمطار غزيرة في عمان", RAIN),
            ]),
            "\"v1\"",
        );
        let feeds = parse_feeds_file(&format!("# test\n{good} الأخبار\n{bad}\n"));
        let cfg = WatchConfig::default();
        {
            let mut w = Watcher::open(dir.path()).unwrap();
            let r1 = w.round(&feeds, &web, &cfg, 1_732_600_000).unwrap();
            assert_eq!(r1.new, 2, "{r1:?}");
            assert_eq!(r1.problems.len(), 1);
            assert_eq!(r1.problems[0].record, bad);
            assert_eq!(r1.problems[0].code, "http_status");
            assert_eq!(r1.stories_touched, 2, "unrelated stories: {r1:?}");
            assert!(r1.added.iter().all(|a| a.story.is_some()));
            let r2 = w.round(&feeds, &web, &cfg, 1_732_600_300).unwrap();
            assert_eq!((r2.new, r2.not_modified), (0, 1), "{r2:?}");
            assert_eq!(w.live().store().count_articles().unwrap(), 2);
        }
        assert!(dir.path().join(STATE_FILE).exists());
        // A restart: the saved ETag is sent again, so the feed answers 304.
        {
            let mut w = Watcher::open(dir.path()).unwrap();
            let r = w.round(&feeds, &web, &cfg, 1_732_600_600).unwrap();
            assert_eq!((r.new, r.not_modified), (0, 1), "{r:?}");
        }
        let sent: Vec<_> = web.hits.lock().unwrap().clone();
        let good_hits: Vec<_> = sent.iter().filter(|(u, _)| u == good).collect();
        assert_eq!(good_hits.len(), 3);
        assert_eq!(good_hits[0].1, None);
        assert_eq!(good_hits[2].1.as_deref(), Some("\"v1\""));

        // A new item (new ETag): only it is added; the old ones are not handed over again.
        web.set(
            good,
            rss(&[
                ("port2", "ميناء الإسكندرية يستقبل أول سفينة", PORT),
                ("port", "افتتاح توسعة ميناء الإسكندرية", PORT),
                ("rain", "أمطار غزيرة في عمان", RAIN),
            ]),
            "\"v2\"",
        );
        let mut w = Watcher::open(dir.path()).unwrap();
        let r = w.round(&feeds, &web, &cfg, 1_732_600_900).unwrap();
        assert_eq!((r.new, r.unchanged), (1, 0), "{r:?}");
        assert_eq!(r.duplicates, 1, "same text as the port article: {r:?}");
        assert_eq!(w.live().store().count_articles().unwrap(), 3);
    }

    #[test]
    fn lost_state_re_adds_as_unchanged_not_twice() {
        let dir = tempfile::tempdir().unwrap();
        let web = FakeWeb::new();
        let url = "https://news.example/rss";
        web.set(url, rss(&[("rain", "أمطار غزيرة في عمان", RAIN)]), "\"a\"");
        let feeds = parse_feeds_file(url);
        let cfg = WatchConfig::default();
        Watcher::open(dir.path())
            .unwrap()
            .round(&feeds, &web, &cfg, 10)
            .unwrap();
        // As if the process died after the store commit but before the state was saved.
        std::fs::remove_file(dir.path().join(STATE_FILE)).unwrap();
        let mut w = Watcher::open(dir.path()).unwrap();
        let r = w.round(&feeds, &web, &cfg, 20).unwrap();
        assert_eq!((r.new, r.unchanged), (0, 1), "{r:?}");
        assert_eq!(w.live().store().count_articles().unwrap(), 1);
    }

    #[test]
    fn broken_state_file_is_an_error_not_a_reset() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(STATE_FILE), "{not json").unwrap();
        let e = Watcher::open(dir.path()).err().unwrap();
        assert!(matches!(e, Error::WatchStateJson { .. }), "{e}");
    }
}
