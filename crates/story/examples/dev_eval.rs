//! Cross-validated evaluation on the dev set: the real method next to the char-n-gram baseline,
//! BCubed and pairwise at story and event level.
//!
//! `cargo run --release -p story --example dev_eval [DIR] [K]`
//! (DIR defaults to `testdata/dev`, K to 5 folds by gold story).

mod common;

use common::row;
use story::{Params, features, train};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).map_or("testdata/dev", String::as_str);
    let k: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let (docs, story, event) = common::dev(dir)?;
    let analyses: Vec<_> = docs.iter().map(features::analyze).collect();
    let t0 = std::time::Instant::now();
    let cv = train::cross_validate(
        &docs,
        &analyses,
        &story,
        &[&story, &event],
        k,
        &Params::default(),
    );
    println!(
        "{} articles, {k}-fold CV by gold story ({:.1}s)",
        docs.len(),
        t0.elapsed().as_secs_f64()
    );
    common::header();
    for (l, name) in ["story", "event"].iter().enumerate() {
        row(&format!("method   {name}"), &cv.method.levels[l]);
        row(&format!("baseline {name}"), &cv.baseline.levels[l]);
    }
    for (i, p) in cv.fold_params.iter().enumerate() {
        println!(
            "fold {i}: join {:.2} repair {:.2} baseline threshold {:.3} w {:?} b {:.2}",
            p.join_threshold,
            p.repair_threshold,
            cv.fold_baseline_threshold[i],
            p.model.w,
            p.model.b
        );
    }
    // Event-level clustering: the same method fitted on event labels.
    let ecv = train::cross_validate(&docs, &analyses, &event, &[&event], k, &Params::default());
    row("method   event-fit", &ecv.method.levels[0]);
    row("baseline event-fit", &ecv.baseline.levels[0]);
    // The shipped parameters on the whole dev set (not a held-out figure: they were fitted here).
    let s = train::run(&docs, &analyses, &story, &Params::default());
    row("shipped (in-sample)", &s);
    let c = story::batch(&docs, &Params::default(), &story::Constraints::default());
    let t = std::time::Instant::now();
    let bytes = c.to_bytes();
    let enc = t.elapsed().as_secs_f64() * 1000.0;
    let t = std::time::Instant::now();
    let ok = story::Clusterer::from_bytes(&bytes).is_ok();
    let dec = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "state after batch: {} bytes ({:.0} per article); to_bytes {enc:.1} ms, from_bytes {dec:.1} ms (ok: {ok})",
        bytes.len(),
        bytes.len() as f64 / docs.len().max(1) as f64
    );
    Ok(())
}
