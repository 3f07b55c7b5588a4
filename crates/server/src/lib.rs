//! khabar's HTTP server: a JSON API over the live pipeline ([`engine::Live`]) and an Arabic,
//! right-to-left web UI served from the same binary.
//!
//! Every posted article is cleaned (through `ingest`, the same field detection and cleaning as
//! files), stored, deduplicated, clustered and indexed before the answer goes out, so an article
//! acknowledged with a 2xx survives a crash (the store is the truth; [`engine::Live::open`] brings
//! the clusterer and the search index up to date with it). Every error is JSON
//! (`{"error": "..."}`) with a 4xx status for bad input; 5xx only for faults of the server itself.
//! Writes need `Authorization: Bearer TOKEN` when a token is set, and a token is required unless
//! the server listens on loopback only. Writes sent by a web page must come from the server's own
//! origin or an allowed one, and carry `Content-Type: application/json` (see [`origin`]), so a
//! page of another site open in the user's browser cannot write.
//!
//! Not done here: the search index, clustering or comparison themselves (crates `search`,
//! `story`, `compare`), and command-line parsing (the `khabar` binary's `serve` command).

mod api;
mod error;
mod metrics;
pub mod origin;
mod ui;

pub use error::ApiError;
pub use metrics::Metrics;

use anyhow::Context;
use axum::Router;
use engine::Live;
use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

/// Largest request body accepted (bigger ones get 413).
pub const BODY_LIMIT: usize = 8 << 20;
/// Most articles one POST may carry.
pub const MAX_BATCH: usize = 5_000;

/// Every route the server answers, as (method, OpenAPI path). The OpenAPI document describes
/// each; a test checks it.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/stories"),
    ("get", "/api/stories/{id}"),
    ("get", "/api/articles/{id}"),
    ("post", "/api/articles"),
    ("get", "/api/search"),
    ("post", "/api/corrections"),
    ("get", "/healthz"),
    ("get", "/metrics"),
    ("get", "/openapi.json"),
    ("get", "/"),
    ("get", "/assets/{file}"),
];

/// Who may write: the token writes must carry (without one the server listens on loopback only)
/// and the web origins, besides the server's own, whose pages may send writes
/// (`scheme://host[:port]`, e.g. `https://desk.example`).
#[derive(Debug, Clone, Default)]
pub struct Access {
    pub token: Option<String>,
    pub allow_origins: Vec<String>,
}

impl Access {
    /// Access with a token and no other origin.
    pub fn token(token: Option<String>) -> Access {
        Access {
            token,
            allow_origins: Vec::new(),
        }
    }

    /// The allowed origins, parsed; an entry that is not `scheme://host[:port]` is an error.
    fn origins(&self) -> anyhow::Result<Vec<origin::Origin>> {
        self.allow_origins
            .iter()
            .map(|o| {
                origin::Origin::parse(o).with_context(|| {
                    format!(
                        "--allow-origin {o:?}: expected scheme://host[:port], \
                         e.g. https://desk.example"
                    )
                })
            })
            .collect()
    }

    /// Check the listening address and build the shared state over `live`.
    fn state(
        self,
        addr: SocketAddr,
        live: impl FnOnce() -> anyhow::Result<Live>,
    ) -> anyhow::Result<Arc<AppState>> {
        check_token(addr, self.token.as_deref())?;
        let origins = self.origins()?;
        Ok(AppState::new(live()?, self.token, origins))
    }
}

/// A cached JSON body with the pipeline version it was built at.
type Cached = (u64, axum::body::Bytes);

/// What the handlers share.
pub struct AppState {
    live: Mutex<Live>,
    token: Option<String>,
    /// Web origins, besides the server's own, whose pages may write.
    origins: Vec<origin::Origin>,
    pub metrics: Metrics,
    /// Story page JSON per story id, with the pipeline version it was built at.
    story_cache: Mutex<HashMap<u64, Cached>>,
    /// The story list (newest first) with the version it was built at.
    list_cache: Mutex<Option<(u64, Arc<api::StoryList>)>>,
}

impl AppState {
    /// Shared state over an opened pipeline; `token` guards the write routes when set, and pages
    /// of `origins` may write besides the server's own.
    pub fn new(live: Live, token: Option<String>, origins: Vec<origin::Origin>) -> Arc<AppState> {
        Arc::new(AppState {
            live: Mutex::new(live),
            token: token.filter(|t| !t.is_empty()),
            origins,
            metrics: Metrics::default(),
            story_cache: Mutex::new(HashMap::new()),
            list_cache: Mutex::new(None),
        })
    }

    /// The pipeline, locked. A panic in another holder does not make it unusable: the store is
    /// the truth and every write is a transaction.
    pub fn live(&self) -> MutexGuard<'_, Live> {
        lock(&self.live)
    }

    /// Save the clusterer state (on shutdown).
    pub fn save(&self) -> anyhow::Result<()> {
        self.live().save().context("saving the story state")
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The whole HTTP application: API, UI, health, metrics and OpenAPI document.
pub fn router(state: Arc<AppState>) -> Router {
    api::routes(state.clone())
        .merge(ui::routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            origin::guard,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(axum::middleware::map_response(error::json_errors))
        .with_state(state)
}

/// Refuse to accept writes from the network without a token.
pub fn check_token(addr: SocketAddr, token: Option<&str>) -> anyhow::Result<()> {
    if !addr.ip().is_loopback() && token.is_none_or(str::is_empty) {
        anyhow::bail!(
            "refusing to listen on {addr} without a token: set KHABAR_TOKEN (writes then need \
             `Authorization: Bearer TOKEN`) or listen on loopback (127.0.0.1)"
        );
    }
    Ok(())
}

/// Serve `state` on `listener` until `shutdown` resolves, then save the pipeline.
pub async fn run(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let app = router(state.clone());
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving http")?;
    let s = state.clone();
    tokio::task::spawn_blocking(move || s.save())
        .await
        .context("saving on shutdown")??;
    Ok(())
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(16)
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// A server running on a background thread (for tests and embedding). Dropping it stops it.
pub struct Running {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<anyhow::Result<()>>>,
}

impl Running {
    /// Stop gracefully and wait for the state to be saved.
    pub fn stop(mut self) -> anyhow::Result<()> {
        self.finish()
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        match self.thread.take() {
            Some(t) => t
                .join()
                .map_err(|_| anyhow::anyhow!("server thread panicked"))?,
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

/// Open the data directory's live pipeline, telling the user on stderr what it had to rebuild
/// (parts built with another analysis version).
fn open_live(dir: &Path) -> anyhow::Result<Live> {
    let live = Live::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    for why in live.rebuilt() {
        eprintln!("khabar: {why}");
    }
    Ok(live)
}

/// Open the data directory and serve it on `addr` (port 0 picks a free port) from a background
/// thread; returns once the socket listens.
pub fn start(dir: &Path, addr: SocketAddr, access: Access) -> anyhow::Result<Running> {
    let state = access.state(addr, || open_live(dir))?;
    let rt = runtime()?;
    let listener = rt
        .block_on(tokio::net::TcpListener::bind(addr))
        .with_context(|| format!("listening on {addr}"))?;
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("khabar-server".into())
        .spawn(move || {
            rt.block_on(run(listener, state, async {
                let _ = rx.await;
            }))
        })?;
    Ok(Running {
        addr,
        stop: Some(tx),
        thread: Some(thread),
    })
}

/// Serve the data directory on `addr` until Ctrl-C or SIGTERM, then save and return. Prints
/// `listening on http://ADDR` on stdout once the socket listens.
pub fn serve(dir: &Path, addr: SocketAddr, access: Access) -> anyhow::Result<()> {
    let state = access.state(addr, || open_live(dir))?;
    let rt = runtime()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("listening on {addr}"))?;
        let local = listener.local_addr()?;
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "listening on http://{local}");
            let _ = out.flush();
        }
        run(listener, state, shutdown_signal()).await
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
