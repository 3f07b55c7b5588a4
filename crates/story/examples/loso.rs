//! Leave-one-set-out evaluation: the figure that predicts hidden sets. Every learned weight and
//! every threshold (the method's logistic weights, the baseline's cosine threshold) is fitted on
//! one labelled dev set and scored on the other, in both directions, with the char-n-gram
//! baseline beside it; then 5-fold cross-validation by gold story on the union of both sets.
//! Scores are story level (B³ and pairwise) and event level, always from a fit on story labels.
//! It tunes nothing itself: the fixed parameters of `Params::default()` (join and repair
//! decision points, time widths, candidate counts) are used as they are.
//!
//! `cargo run --release -p story --example loso [MARCH_DIR] [JULY_DIR] [K]`
//! (defaults `testdata/dev`, `testdata/dev-07` and K = 5 folds on the union; K = 0 skips it).

mod common;

use common::{Labels, row};
use story::eval::Scores;
use story::train::{self, Articles};
use story::{Doc, Params, features};

/// One labelled dev set with its analyses.
struct DevSet {
    name: String,
    docs: Vec<Doc>,
    analyses: Vec<features::Analysis>,
    story: Labels,
    event: Labels,
}

impl DevSet {
    fn read(name: &str, dir: &str) -> std::io::Result<DevSet> {
        let (docs, story, event) = common::dev(dir)?;
        let analyses = docs.iter().map(features::analyze).collect();
        Ok(DevSet {
            name: name.to_string(),
            docs,
            analyses,
            story,
            event,
        })
    }

    fn articles(&self) -> Articles<'_> {
        Articles {
            docs: &self.docs,
            analyses: &self.analyses,
        }
    }

    /// Both sets as one; labels are prefixed with the set's name, since gold ids repeat.
    fn union(a: &DevSet, b: &DevSet) -> DevSet {
        let prefixed = |la: &Labels, lb: &Labels| -> Labels {
            let tagged = |s: &DevSet, l: &Labels| {
                let name = s.name.clone();
                l.clone()
                    .into_iter()
                    .map(move |(id, g)| (id, format!("{name}:{g}")))
            };
            tagged(a, la).chain(tagged(b, lb)).collect()
        };
        DevSet {
            name: format!("{}+{}", a.name, b.name),
            docs: [a.docs.clone(), b.docs.clone()].concat(),
            analyses: [a.analyses.clone(), b.analyses.clone()].concat(),
            story: prefixed(&a.story, &b.story),
            event: prefixed(&a.event, &b.event),
        }
    }
}

/// Story and event level, khabar above the baseline.
fn table(method: &[Scores], baseline: &[Scores]) {
    common::header();
    for (l, level) in ["story", "event"].iter().enumerate() {
        row(&format!("khabar   {level}"), &method[l]);
        row(&format!("baseline {level}"), &baseline[l]);
    }
}

/// Fit on `train`, score all of `test`, print both methods at story and event level.
fn direction(train: &DevSet, test: &DevSet) {
    let t0 = std::time::Instant::now();
    let t = train::transfer(
        train.articles(),
        &train.story,
        test.articles(),
        &[&test.story, &test.event],
        &Params::default(),
    );
    println!(
        "\n{} → {}: fitted on {} ({} articles), scored on {} ({} articles) ({:.1}s)",
        train.name,
        test.name,
        train.name,
        train.docs.len(),
        test.name,
        test.docs.len(),
        t0.elapsed().as_secs_f64()
    );
    table(&t.method, &t.baseline);
    let p = &t.prediction;
    println!(
        "fitted: baseline threshold {:.3}; w {:?} b {:.2}",
        p.baseline_threshold, p.params.model.w, p.params.model.b
    );
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize, default: &'static str| args.get(i).map_or(default, String::as_str);
    let march = DevSet::read("March", arg(1, "testdata/dev"))?;
    let july = DevSet::read("July", arg(2, "testdata/dev-07"))?;
    direction(&march, &july);
    direction(&july, &march);
    let k: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(5);
    if k == 0 {
        return Ok(());
    }
    let all = DevSet::union(&march, &july);
    let t0 = std::time::Instant::now();
    let cv = train::cross_validate(
        &all.docs,
        &all.analyses,
        &all.story,
        &[&all.story, &all.event],
        k,
        &Params::default(),
    );
    println!(
        "\n{}: {k}-fold CV by gold story on {} articles ({:.1}s)",
        all.name,
        all.docs.len(),
        t0.elapsed().as_secs_f64()
    );
    table(&cv.method.levels, &cv.baseline.levels);
    Ok(())
}
