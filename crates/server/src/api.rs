//! The JSON API handlers. Each takes the pipeline lock only for the store and clusterer reads or
//! the write it needs, on a blocking thread; the story comparison is computed outside the lock
//! and cached per (story, pipeline version).

use crate::{ApiError, AppState, BODY_LIMIT, MAX_BATCH, lock};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use story::{StoryId, StoryView};
use subtle::ConstantTimeEq;

type Shared = Arc<AppState>;
type ApiResult<T> = Result<T, ApiError>;

/// Stories per page of the list.
const PAGE_SIZE: usize = 20;
/// Most articles one story comparison reads (outlets taken in turn, so all are represented).
const MAX_COMPARED: usize = 24;
/// Story pages kept in the cache.
const CACHE_STORIES: usize = 2048;

pub fn routes(_state: Shared) -> Router<Shared> {
    Router::new()
        .route("/api/stories", get(list_stories))
        .route("/api/stories/{id}", get(get_story))
        .route("/api/articles", post(post_articles))
        .route("/api/articles/{id}", get(get_article))
        .route("/api/search", get(search))
        .route("/api/corrections", post(post_correction))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .fallback(|| async { ApiError::not_found("no such route") })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// Run `f` with the pipeline locked, on a blocking thread.
async fn with_live<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&mut engine::Live) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let s = state.clone();
    tokio::task::spawn_blocking(move || f(&mut s.live()))
        .await
        .map_err(ApiError::internal)?
}

// ---------------------------------------------------------------------------------------------
// Parameters

fn param<'a>(p: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    p.get(name).map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn number(p: &HashMap<String, String>, name: &str, default: usize, max: usize) -> ApiResult<usize> {
    match param(p, name) {
        None => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n >= 1 && n <= max => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "{name}: expected a whole number from 1 to {max}, got {v:?}"
            ))),
        },
    }
}

/// A time bound: unix seconds, an RFC 3339 time or a calendar date (start of day for `from`,
/// end of day for `to`, UTC).
fn time_bound(p: &HashMap<String, String>, name: &str, end_of_day: bool) -> ApiResult<Option<i64>> {
    let Some(v) = param(p, name) else {
        return Ok(None);
    };
    if let Ok(n) = v.parse::<i64>() {
        return Ok(Some(n));
    }
    if let Ok(t) = v.parse::<jiff::Timestamp>() {
        return Ok(Some(t.as_second()));
    }
    if let Ok(d) = v.parse::<jiff::civil::Date>() {
        let t = if end_of_day {
            d.to_datetime(jiff::civil::time(23, 59, 59, 0))
        } else {
            d.to_datetime(jiff::civil::time(0, 0, 0, 0))
        };
        if let Ok(ts) = jiff::tz::TimeZone::UTC.to_timestamp(t) {
            return Ok(Some(ts.as_second()));
        }
    }
    Err(ApiError::bad_request(format!(
        "{name}: expected unix seconds, a date like 2024-11-27 or a time like 2024-11-27T08:00:00Z, got {v:?}"
    )))
}

fn story_id(raw: &str) -> ApiResult<StoryId> {
    raw.trim()
        .parse::<StoryId>()
        .map_err(|_| ApiError::not_found(format!("no story {raw:?}: story ids are whole numbers")))
}

fn iso(t: Option<i64>) -> Option<String> {
    t.and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(|t| t.to_string())
}

// ---------------------------------------------------------------------------------------------
// Stories

/// One story in the list.
#[derive(Debug, Clone, Serialize)]
pub struct StoryItem {
    pub id: StoryId,
    pub headline: String,
    pub headline_article: String,
    pub sources: Vec<String>,
    pub article_count: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    pub first_unix: Option<i64>,
    pub last_unix: Option<i64>,
    /// The story's heaviest terms in an index-level form (kept for programs that read them).
    pub key_terms: Vec<String>,
    /// The same terms as the story's articles write them: what the UI shows.
    pub key_terms_display: Vec<String>,
}

fn item(v: &StoryView) -> StoryItem {
    let mut sources: Vec<String> = v.articles.iter().map(|(_, s)| s.clone()).collect();
    sources.sort();
    sources.dedup();
    StoryItem {
        id: v.id,
        headline: v.headline.clone(),
        headline_article: v.headline_article.clone(),
        sources,
        article_count: v.articles.len(),
        first: iso(v.first),
        last: iso(v.last),
        first_unix: v.first,
        last_unix: v.last,
        key_terms: v.key_terms.clone(),
        key_terms_display: v.key_terms_display.clone(),
    }
}

/// Every story, newest first, with a lookup by id.
pub struct StoryList {
    pub items: Vec<StoryItem>,
    by_id: HashMap<StoryId, usize>,
}

impl StoryList {
    fn get(&self, id: StoryId) -> Option<&StoryItem> {
        self.by_id.get(&id).and_then(|&i| self.items.get(i))
    }
}

/// The story list if it is cached for `version`.
fn cached_story_list(state: &AppState, version: u64) -> Option<Arc<StoryList>> {
    match lock(&state.list_cache).as_ref() {
        Some((v, list)) if *v == version => Some(list.clone()),
        _ => None,
    }
}

/// The story list, cached per pipeline version. Call with the lock held.
fn story_list(state: &AppState, live: &engine::Live) -> Arc<StoryList> {
    let version = live.version();
    if let Some(list) = cached_story_list(state, version) {
        return list;
    }
    let mut views = live.clusterer().stories();
    views.sort_by(|a, b| b.last.cmp(&a.last).then(b.id.cmp(&a.id)));
    let items: Vec<StoryItem> = views.iter().map(item).collect();
    let by_id = items.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let list = Arc::new(StoryList { items, by_id });
    *lock(&state.list_cache) = Some((version, list.clone()));
    list
}

async fn list_stories(
    State(state): State<Shared>,
    Query(p): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let page = number(&p, "page", 1, 100_000)?;
    let per_page = number(&p, "per_page", PAGE_SIZE, 100)?;
    let from = time_bound(&p, "from", false)?;
    let to = time_bound(&p, "to", true)?;
    let source = param(&p, "source").map(str::to_string);
    let q = param(&p, "q").map(str::to_string);
    let st = state.clone();
    with_live(&state, move |live| {
        let list = story_list(&st, live);
        // With a query: the stories of the matching articles.
        let wanted: Option<HashSet<StoryId>> = match &q {
            Some(text) => {
                let query = search::Query {
                    text: text.clone(),
                    source: source.clone(),
                    limit: search::index::MAX_LIMIT,
                    ..Default::default()
                };
                let hits = live.search().search(&query)?;
                Some(
                    hits.iter()
                        .filter_map(|h| h.story.as_deref()?.parse().ok())
                        .collect(),
                )
            }
            None => None,
        };
        let matches: Vec<&StoryItem> = list
            .items
            .iter()
            .filter(|s| wanted.as_ref().is_none_or(|w| w.contains(&s.id)))
            .filter(|s| {
                source
                    .as_ref()
                    .is_none_or(|src| s.sources.iter().any(|x| x == src))
            })
            .filter(|s| from.is_none_or(|f| s.last_unix.is_some_and(|l| l >= f)))
            .filter(|s| to.is_none_or(|t| s.first_unix.is_some_and(|f| f <= t)))
            .collect();
        let total = matches.len();
        let stories: Vec<&StoryItem> = matches
            .into_iter()
            .skip((page - 1).saturating_mul(per_page))
            .take(per_page)
            .collect();
        Ok(Json(json!({
            "total": total,
            "page": page,
            "per_page": per_page,
            "stories": stories,
        })))
    })
    .await
}

/// One article as a story page lists it.
#[derive(Debug, Serialize)]
struct Member {
    id: String,
    source: String,
    title: String,
    url: Option<String>,
    published: Option<String>,
    published_unix: Option<i64>,
    duplicate_of: Option<String>,
}

/// Up to `max` articles, taking the outlets in turn so that each is represented.
fn pick_compared(articles: &[model::Article], max: usize) -> Vec<model::Article> {
    let mut by_source: BTreeMap<&str, Vec<&model::Article>> = BTreeMap::new();
    for a in articles {
        by_source.entry(a.source.as_str()).or_default().push(a);
    }
    let mut out = Vec::new();
    let mut round = 0;
    while out.len() < max {
        let mut any = false;
        for list in by_source.values() {
            if let Some(a) = list.get(round) {
                any = true;
                if out.len() < max {
                    out.push((*a).clone());
                }
            }
        }
        if !any {
            break;
        }
        round += 1;
    }
    // Keep the story's own order (time order) for the comparison.
    let order: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    out.sort_by_key(|a| order.get(a.id.as_str()).copied().unwrap_or(usize::MAX));
    out
}

/// What the locked part of a story request found.
enum StoryRead {
    Cached(Bytes),
    Fresh {
        version: u64,
        view: Box<StoryView>,
        articles: Vec<model::Article>,
        origins: HashMap<String, String>,
    },
}

async fn get_story(State(state): State<Shared>, Path(raw): Path<String>) -> ApiResult<Response> {
    let id = story_id(&raw)?;
    // Under the lock: the version, and on a cache miss the view and the articles.
    let st = state.clone();
    let read = with_live(&state, move |live| {
        let version = live.version();
        if let Some((v, body)) = lock(&st.story_cache).get(&id)
            && *v == version
        {
            return Ok(StoryRead::Cached(body.clone()));
        }
        let view = live
            .clusterer()
            .story(id)
            .ok_or_else(|| ApiError::not_found(format!("no story {id}")))?;
        let mut articles = Vec::with_capacity(view.articles.len());
        for (aid, _) in &view.articles {
            if let Some(a) = live.store().article(aid)? {
                articles.push(a);
            }
        }
        let origins = live.store().duplicate_origins()?;
        Ok(StoryRead::Fresh {
            version,
            view: Box::new(view),
            articles,
            origins,
        })
    })
    .await?;
    let (version, view, articles, origins) = match read {
        StoryRead::Cached(body) => return Ok(json_bytes(body)),
        StoryRead::Fresh {
            version,
            view,
            articles,
            origins,
        } => (version, view, articles, origins),
    };
    let st = state.clone();
    let body = tokio::task::spawn_blocking(move || -> ApiResult<Bytes> {
        let mut articles = articles;
        articles.sort_by(|a, b| {
            let ta = a.published.as_ref().map(|p| p.unix).unwrap_or(i64::MAX);
            let tb = b.published.as_ref().map(|p| p.unix).unwrap_or(i64::MAX);
            ta.cmp(&tb).then(a.id.cmp(&b.id))
        });
        let compared = pick_compared(&articles, MAX_COMPARED);
        let comparison = compare::compare(&compared, &compare::Options::default());
        let members: Vec<Member> = articles
            .iter()
            .map(|a| Member {
                id: a.id.clone(),
                source: a.source.clone(),
                title: a.title.clone(),
                url: a.url.clone(),
                published: a.published.as_ref().map(|p| p.iso.clone()),
                published_unix: a.published.as_ref().map(|p| p.unix),
                duplicate_of: origins.get(&a.id).cloned(),
            })
            .collect();
        let body = json!({
            "story": item(&view),
            "articles": members,
            "compared": compared.len(),
            "comparison": comparison,
            "version": version,
        });
        let bytes = Bytes::from(serde_json::to_vec(&body).map_err(ApiError::internal)?);
        let mut cache = lock(&st.story_cache);
        if cache.len() >= CACHE_STORIES {
            cache.clear();
        }
        cache.insert(id, (version, bytes.clone()));
        Ok(bytes)
    })
    .await
    .map_err(ApiError::internal)??;
    Ok(json_bytes(body))
}

fn json_bytes(body: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

// ---------------------------------------------------------------------------------------------
// Articles

async fn get_article(
    State(state): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    with_live(&state, move |live| {
        let a = live
            .store()
            .article(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))?;
        let story = live.clusterer().story_of(&a.id);
        let headline = story
            .and_then(|s| live.clusterer().story(s))
            .map(|v| v.headline);
        let why = live.clusterer().explain(&a.id).cloned();
        let duplicate_of = live.store().duplicate_origins()?.get(&a.id).cloned();
        Ok(Json(json!({
            "article": a,
            "story": story,
            "story_headline": headline,
            "duplicate_of": duplicate_of,
            "why": why,
        })))
    })
    .await
}

/// Field names (as `ingest` detects them) and the JSON types each accepts.
const STRING_FIELDS: &[&str] = &[
    "source",
    "src",
    "outlet",
    "site",
    "publisher",
    "url",
    "link",
    "href",
    "title",
    "headline",
    "text",
    "content",
    "body",
    "article",
    "maintext",
    "language",
    "lang",
];
const ID_FIELDS: &[&str] = &["id", "docno", "doc_id", "article_id", "_id"];
const TIME_FIELDS: &[&str] = &["published", "time", "time_iso", "date_extracted", "date"];

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Type errors of one posted object's known fields.
fn type_errors(obj: &serde_json::Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in obj {
        let key = k.to_lowercase();
        let ok = match v {
            Value::Null | Value::String(_) => true,
            Value::Number(_) => {
                ID_FIELDS.contains(&key.as_str()) || TIME_FIELDS.contains(&key.as_str())
            }
            _ => false,
        };
        let known = STRING_FIELDS.contains(&key.as_str())
            || ID_FIELDS.contains(&key.as_str())
            || TIME_FIELDS.contains(&key.as_str());
        if known && !ok {
            out.push(format!("field {k:?} must be a string, not {}", kind(v)));
        }
    }
    out
}

fn check_token(state: &AppState, headers: &HeaderMap) -> ApiResult<()> {
    let Some(token) = &state.token else {
        return Ok(());
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer_token);
    // Constant time over the bytes (a wrong length fails at once; the length is no secret).
    let ok = given.is_some_and(|g| bool::from(g.as_bytes().ct_eq(token.as_bytes())));
    if ok {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "writes need `Authorization: Bearer TOKEN` with the server's KHABAR_TOKEN",
        ))
    }
}

/// The credentials of an `Authorization: Bearer TOKEN` value; the scheme is case-insensitive
/// (RFC 7235 section 2.1), so `bearer` and `BEARER` count too.
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, rest) = value.trim_start().split_once(' ')?;
    let token = rest.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Writes take JSON only: any other content type (a form's, `text/plain`) gets 415, so a page
/// of another site cannot post without a CORS preflight this server never grants.
fn require_json(headers: &HeaderMap) -> ApiResult<()> {
    let given = headers
        .get(header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let essence = given
        .as_deref()
        .and_then(|ct| ct.split(';').next())
        .map(|e| e.trim().to_ascii_lowercase());
    if essence.as_deref() == Some("application/json") {
        return Ok(());
    }
    let got = given.map_or("none".to_string(), |g| format!("{g:?}"));
    Err(ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!("expected `Content-Type: application/json`, got {got}"),
    ))
}

fn body_bytes(body: Result<Bytes, BytesRejection>) -> ApiResult<Bytes> {
    body.map_err(|r| {
        let status = r.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                status,
                format!("request body too large: the limit is {BODY_LIMIT} bytes"),
            )
        } else {
            ApiError::new(
                status,
                format!(
                    "cannot read the request body: {}",
                    r.body_text().to_lowercase()
                ),
            )
        }
    })
}

fn parse_json(bytes: &[u8]) -> ApiResult<Value> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "empty body: expected a json article object or an array of them",
        ));
    }
    serde_json::from_slice(bytes).map_err(|e| ApiError::bad_request(format!("malformed json: {e}")))
}

/// Posted JSON → articles, through `ingest` (field detection, cleaning). Every item must pass.
fn parse_articles(value: Value) -> ApiResult<Vec<model::Article>> {
    let items = match value {
        Value::Object(o) => vec![Value::Object(o)],
        Value::Array(a) if a.is_empty() => {
            return Err(ApiError::unprocessable("empty array: no article to add"));
        }
        Value::Array(a) if a.len() > MAX_BATCH => {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("{} articles in one request: at most {MAX_BATCH}", a.len()),
            ));
        }
        Value::Array(a) => a,
        other => {
            return Err(ApiError::unprocessable(format!(
                "expected an article object or an array of them, got {}",
                kind(&other)
            )));
        }
    };
    let mut problems = Vec::new();
    let mut jsonl = Vec::new();
    for (i, v) in items.iter().enumerate() {
        match v {
            Value::Object(o) => {
                for e in type_errors(o) {
                    problems.push(json!({"index": i, "code": "wrong_type", "error": e}));
                }
            }
            other => problems.push(json!({
                "index": i, "code": "not_an_object",
                "error": format!("expected an article object, got {}", kind(other)),
            })),
        }
        // One line per item (serde_json escapes newlines inside strings).
        if serde_json::to_writer(&mut jsonl, v).is_err() {
            problems
                .push(json!({"index": i, "code": "unwritable", "error": "cannot re-encode item"}));
        }
        jsonl.push(b'\n');
    }
    if problems.is_empty() {
        let reader = ingest::Reader::from_reader(
            "request",
            std::io::Cursor::new(jsonl),
            ingest::IngestOptions::default(),
        )
        .map_err(ApiError::internal)?;
        let mut articles = Vec::with_capacity(items.len());
        for (i, r) in reader.enumerate() {
            match r {
                Ok(a) => articles.push(a),
                Err(p) => {
                    // "request:LINE" names the item (one line each, none empty).
                    let index = p
                        .record
                        .rsplit_once(':')
                        .and_then(|(_, l)| l.parse::<usize>().ok())
                        .map_or(i, |l| l.saturating_sub(1));
                    problems.push(json!({"index": index, "code": p.code, "error": p.error}));
                }
            }
        }
        if problems.is_empty() {
            return Ok(articles);
        }
    }
    let n = problems.len();
    let first = problems
        .first()
        .map(|p| format!("item {}: {}", p["index"], p["error"].as_str().unwrap_or("")))
        .unwrap_or_default();
    Err(ApiError::unprocessable(format!(
        "{n} problem(s) in {} item(s), nothing was stored; first: {first}",
        items.len()
    ))
    .with("items", Value::Array(problems)))
}

async fn post_articles(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    check_token(&state, &headers)?;
    require_json(&headers)?;
    let bytes = body_bytes(body)?;
    let value = parse_json(&bytes)?;
    let st = state.clone();
    let parsed = tokio::task::spawn_blocking(move || parse_articles(value))
        .await
        .map_err(ApiError::internal)?;
    let articles = match parsed {
        Ok(a) => a,
        Err(e) => {
            let n = e
                .details
                .as_ref()
                .and_then(|(_, v)| v.as_array())
                .map_or(1, Vec::len);
            st.metrics.rejected.fetch_add(n as u64, Ordering::Relaxed);
            return Err(e);
        }
    };
    let n = articles.len();
    let out = with_live(&state, move |live| {
        let added = live.add(articles)?;
        let out: Vec<Value> = added
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let headline = a
                    .story
                    .and_then(|s| live.clusterer().story(s))
                    .map(|v| v.headline);
                json!({
                    "index": i,
                    "id": a.id,
                    "status": a.status,
                    "story": a.story,
                    "story_headline": headline,
                    "duplicate_of": a.duplicate_of,
                })
            })
            .collect();
        let inserted = added.iter().filter(|a| a.status == "inserted").count();
        Ok((out, inserted))
    })
    .await?;
    let (items, inserted) = out;
    state.metrics.posted.fetch_add(n as u64, Ordering::Relaxed);
    state
        .metrics
        .ingested
        .fetch_add(inserted as u64, Ordering::Relaxed);
    let status = if inserted > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(json!({ "articles": items }))).into_response())
}

async fn post_correction(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<Value>> {
    check_token(&state, &headers)?;
    require_json(&headers)?;
    let bytes = body_bytes(body)?;
    let value = parse_json(&bytes)?;
    let correction: story::Correction = serde_json::from_value(value).map_err(|e| {
        ApiError::unprocessable(format!(
            "not a correction ({e}); expected {{\"kind\":\"move\",\"article\":ID,\"to\":STORY}}, \
             {{\"kind\":\"merge\",\"a\":STORY,\"b\":STORY}} or {{\"kind\":\"split\",\"story\":STORY,\"articles\":[ID,...]}}"
        ))
    })?;
    with_live(&state, move |live| {
        let c = live.clusterer();
        let story_exists = |s: StoryId| {
            if c.story(s).is_some() {
                Ok(())
            } else {
                Err(ApiError::not_found(format!("no story {s}")))
            }
        };
        let target = match &correction {
            story::Correction::Move { article, to } => {
                if c.story_of(article).is_none() {
                    return Err(ApiError::not_found(format!(
                        "no article {article:?} in any story"
                    )));
                }
                story_exists(*to)?;
                Some(*to)
            }
            story::Correction::Merge { a, b } => {
                story_exists(*a)?;
                story_exists(*b)?;
                if a == b {
                    return Err(ApiError::unprocessable("cannot merge a story into itself"));
                }
                Some(*a)
            }
            story::Correction::Split { story, articles } => {
                story_exists(*story)?;
                if articles.is_empty() {
                    return Err(ApiError::unprocessable("split needs at least one article"));
                }
                for a in articles {
                    if c.story_of(a) != Some(*story) {
                        return Err(ApiError::unprocessable(format!(
                            "article {a:?} is not in story {story}"
                        )));
                    }
                }
                None
            }
        };
        live.correct(&correction)?;
        let story = target
            .or_else(|| match &correction {
                story::Correction::Split { articles, .. } => {
                    articles.first().and_then(|a| live.clusterer().story_of(a))
                }
                _ => None,
            })
            .and_then(|s| live.clusterer().story(s))
            .map(|v| item(&v));
        Ok(Json(json!({ "ok": true, "story": story })))
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Search

async fn search(
    State(state): State<Shared>,
    Query(p): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let page = number(&p, "page", 1, 1000)?;
    let limit = number(&p, "limit", 10, 100)?;
    let text = param(&p, "q").unwrap_or("").to_string();
    let query = search::Query {
        text: text.clone(),
        source: param(&p, "source").map(str::to_string),
        from: time_bound(&p, "from", false)?,
        to: time_bound(&p, "to", true)?,
        story: param(&p, "story").map(str::to_string),
        limit,
        offset: (page - 1)
            .saturating_mul(limit)
            .min(search::index::MAX_OFFSET),
        sort: match param(&p, "sort") {
            None | Some("relevance") => search::Sort::Relevance,
            Some("newest") => search::Sort::Newest,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "sort: expected relevance or newest, got {other:?}"
                )));
            }
        },
    };
    if query.text.is_empty()
        && query.source.is_none()
        && query.story.is_none()
        && query.from.is_none()
        && query.to.is_none()
    {
        return Err(ApiError::bad_request(
            "q: give words to search for (or a source, story or date filter)",
        ));
    }
    let st = state.clone();
    with_live(&state, move |live| {
        let found = live.search().search_page(&query)?;
        // Story lookups from the cached list when it is current (not rebuilt for one search).
        let list = cached_story_list(&st, live.version());
        let story_item = |sid: StoryId| match &list {
            Some(l) => l.get(sid).cloned(),
            None => live.clusterer().story(sid).map(|v| item(&v)),
        };
        // The stories of the hits, in order of their best hit.
        let mut stories: Vec<Value> = Vec::new();
        let mut seen: HashMap<StoryId, usize> = HashMap::new();
        let mut hits = Vec::with_capacity(found.hits.len());
        for h in &found.hits {
            let sid = h.story.as_deref().and_then(|s| s.parse::<StoryId>().ok());
            let mut headline = None;
            if let Some(sid) = sid {
                if let Some(i) = seen.get(&sid) {
                    if let Some(n) = stories[*i]["hits"].as_u64() {
                        stories[*i]["hits"] = json!(n + 1);
                    }
                    headline = stories[*i]["headline"].as_str().map(str::to_string);
                } else if let Some(v) = story_item(sid) {
                    seen.insert(sid, stories.len());
                    headline = Some(v.headline.clone());
                    let mut s = serde_json::to_value(&v).map_err(ApiError::internal)?;
                    s["hits"] = json!(1);
                    stories.push(s);
                }
            }
            let mut hv = serde_json::to_value(h).map_err(ApiError::internal)?;
            hv["story_headline"] = json!(headline);
            hv["published_iso"] = json!(iso(h.published));
            hits.push(hv);
        }
        Ok(Json(json!({
            "query": text,
            "total": found.total,
            "relaxed": found.relaxed,
            "page": page,
            "limit": limit,
            "hits": hits,
            "stories": stories,
        })))
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Operations

async fn healthz(State(state): State<Shared>) -> ApiResult<Json<Value>> {
    with_live(&state, |live| {
        Ok(Json(json!({
            "status": "ok",
            "articles": live.store().count_articles()?,
            "indexed": live.search().doc_count(),
            "version": live.version(),
        })))
    })
    .await
}

async fn metrics(State(state): State<Shared>) -> ApiResult<Response> {
    let st = state.clone();
    let text = with_live(&state, move |live| {
        let articles = live.store().count_articles()?;
        let stories = story_list(&st, live).items.len();
        Ok(st
            .metrics
            .render(articles, stories, live.search().doc_count(), live.version()))
    })
    .await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response())
}

/// The OpenAPI 3.1 document, written by hand.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
