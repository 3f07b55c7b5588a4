//! Builds the spelling-variant model of [`text::variant`] from the two corpora and two public
//! name lists, and writes it with its counts:
//!
//! * `data/name_trigrams.tsv`: the letter model, character-trigram log-likelihood ratios of
//!   transliterated names (Wikidata person-name tokens, CC0; Wikipedia name pairs, Apache-2.0)
//!   against words of the corpora.
//! * `data/variants.tsv`: words of the corpora with their key and kind: groups of spellings one
//!   alternation apart (`arabic-news-conventions/variant_classes.tsv`) that are used in the same
//!   ±3-word contexts, with the evidence of each pair; and frequent words the letter model would
//!   take for names but that take native possessive suffixes (native, exact key).
//!
//! ```sh
//! cargo run --release -p text --example build_variants -- --shared ../shared [--dump pairs.tsv]
//! ```
//! Reproducible: same inputs, same files. The dev variant pairs are never read here.

use flate2::read::GzDecoder;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use text::normalize::{self, FxBuild};
use text::variant::{self, NameModel};

type Map<K, V> = HashMap<K, V, FxBuild>;

/// Share of native training words the letter-model threshold lets through.
const NATIVE_FALSE_RATE: f32 = 0.02;
/// From this count on, a corpus word outside every group is a name only by the name lexicon.
const FREQUENT: u32 = 20;
/// A word's first و, ف or ال is its own when the word takes another proclitic this often.
const MIN_WHOLE: u32 = 3;
const WHOLE_SHARE: u32 = 100;
/// Words seen fewer times are not candidates.
const MIN_COUNT: u32 = 2;
/// Size of the context vocabulary (most frequent forms).
const CONTEXT_VOCAB: usize = 30_000;
/// Context window on each side.
const WINDOW: usize = 3;
/// A pair split by outlet needs this context cosine, or letters that look like a name.
const STRONG_COSINE: f32 = 0.5;
/// A pair whose spellings are not split by outlet needs this context cosine and name letters.
const SAME_CONTEXTS: f32 = 0.7;
/// A pair joins when its context cosine reaches this...
const MIN_COSINE: f32 = 0.30;
/// ...and the mean letter-model score of its two words reaches the threshold plus this, or the
/// outlet split (Cramér's V) reaches [`MIN_SPLIT`].
const MIN_PAIR_NAME: f32 = 0.0;
const MIN_SPLIT: f32 = 0.5;
/// A word the letter model takes for a name is listed native from this many occurrences on, when
/// it takes at least [`MIN_POSSESSIVES`] different possessive suffixes in the corpora.
const NATIVE_MIN_COUNT: u32 = 5;
const MIN_POSSESSIVES: usize = 2;
const MIN_SUFFIXED: u32 = 3;

struct Corpus {
    forms: Vec<String>,
    ids: Map<String, u32>,
    count: Vec<u32>,
    by_corpus: Vec<[u32; 2]>,
    /// (form, outlet) → count.
    outlet: Map<(u32, u16), u32>,
    outlets: Vec<String>,
    /// Token streams, `u32::MAX` between articles and at non-Arabic tokens.
    stream: Vec<u32>,
}

const BREAK: u32 = u32::MAX;

impl Corpus {
    fn empty(outlets: Vec<String>) -> Corpus {
        Corpus {
            forms: Vec::new(),
            ids: Map::default(),
            count: Vec::new(),
            by_corpus: Vec::new(),
            outlet: Map::default(),
            outlets,
            stream: Vec::new(),
        }
    }

    fn intern(&mut self, f: &str) -> u32 {
        if let Some(&i) = self.ids.get(f) {
            return i;
        }
        let i = self.forms.len() as u32;
        self.forms.push(f.to_string());
        self.ids.insert(f.to_string(), i);
        self.count.push(0);
        self.by_corpus.push([0, 0]);
        i
    }
}

/// The form a token is mined under: base key of the clitic-stripped index form (what
/// `text::variant::key` receives at run time), with the whole words being built.
fn form_of(index_word: &str, whole: &HashSet<String>) -> String {
    normalize::base_key(text::stem::strip_clitics_with(index_word, &|w| {
        whole.contains(&normalize::base_key(w))
    }))
}

/// Evidence that a raw word's first و, ف or ال is its own: the word itself takes another
/// proclitic (ووزارة، لفيصل، بفيصل; لألمانيا → لالمانيا) at least [`MIN_WHOLE`] times and in at
/// least one in [`WHOLE_SHARE`] of its own uses. Counted over hamza-unified forms, so that
/// spellings that differ only in the hamza seat get one decision.
fn whole_words(raw: &Corpus) -> HashSet<String> {
    let mut by_base: Map<String, u32> = Map::default();
    for (i, w) in raw.forms.iter().enumerate() {
        *by_base.entry(normalize::base_key(w)).or_default() += raw.count[i];
    }
    let count = |w: String| by_base.get(&w).copied().unwrap_or(0);
    let mut out = HashSet::new();
    for (w, &n) in &by_base {
        if n < MIN_COUNT || w.chars().count() < 4 {
            continue;
        }
        let evidence = if w.starts_with(['و', 'ف']) {
            count(format!("و{w}")) + count(format!("ل{w}")) + count(format!("ب{w}"))
        } else if w.starts_with("ال") && w.chars().count() >= 5 {
            count(format!("ل{w}"))
        } else {
            0
        };
        if evidence >= MIN_WHOLE.max(n / WHOLE_SHARE) {
            out.insert(w.clone());
        }
    }
    out
}

/// The corpus over mined forms instead of raw index words.
fn to_forms(raw: Corpus, whole: &HashSet<String>) -> Corpus {
    let mut c = Corpus::empty(raw.outlets.clone());
    let map: Vec<u32> = raw
        .forms
        .iter()
        .map(|w| c.intern(&form_of(w, whole)))
        .collect();
    for (r, &f) in map.iter().enumerate() {
        c.count[f as usize] += raw.count[r];
        for k in 0..2 {
            c.by_corpus[f as usize][k] += raw.by_corpus[r][k];
        }
    }
    for (&(r, o), &n) in &raw.outlet {
        *c.outlet.entry((map[r as usize], o)).or_default() += n;
    }
    c.stream = raw
        .stream
        .iter()
        .map(|&r| if r == BREAK { BREAK } else { map[r as usize] })
        .collect();
    c
}

fn read_corpora(shared: &str) -> Corpus {
    let mut c = Corpus::empty(Vec::new());
    let files = [
        ("ant", "ant-multisource-2018.jsonl.gz", "src", "text"),
        ("sn", "saudinewsnet-2015.jsonl.gz", "source", "content"),
    ];
    let mut cache: Map<String, u32> = Map::default();
    for (ci, (tag, file, src_field, text_field)) in files.iter().enumerate() {
        let path = format!("{shared}/data/corpora/{file}");
        let f = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in BufReader::new(GzDecoder::new(f)).lines() {
            let Ok(line) = line else { break };
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let outlet = format!("{tag}:{}", v[*src_field].as_str().unwrap_or("?"));
            let oi = match c.outlets.iter().position(|o| *o == outlet) {
                Some(i) => i,
                None => {
                    c.outlets.push(outlet);
                    c.outlets.len() - 1
                }
            } as u16;
            let body = format!(
                "{}\n{}",
                v["title"].as_str().unwrap_or(""),
                v[*text_field].as_str().unwrap_or("")
            );
            text::index_tokens(&body, |_, _, kind, idx| {
                if kind != text::TokenKind::Arabic {
                    c.stream.push(BREAK);
                    return;
                }
                let id = match cache.get(idx) {
                    Some(&id) => id,
                    None => {
                        let id = c.intern(idx);
                        cache.insert(idx.to_string(), id);
                        id
                    }
                };
                c.stream.push(id);
                c.count[id as usize] += 1;
                c.by_corpus[id as usize][ci] += 1;
                *c.outlet.entry((id, oi)).or_default() += 1;
            });
            c.stream.push(BREAK);
        }
    }
    c
}

/// Arabic name tokens of the two public name lists, at base-key level, without the letters
/// that only native words use.
fn read_names(shared: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let dir = format!("{shared}/data/arabic");
    let wd = std::fs::read_to_string(format!(
        "{dir}/netransliteration-wikidata-ar/wd_arabic.normalized.aligned.tokens"
    ))
    .expect("wikidata name tokens");
    let ar2en = std::fs::read_to_string(format!("{dir}/google-transliteration-ar2en/ar2en.txt"))
        .expect("ar2en name pairs");
    let words = wd
        .lines()
        .filter_map(|l| l.split('\t').nth(1).map(|w| w.replace(' ', "")))
        .chain(
            ar2en
                .lines()
                .filter_map(|l| l.split('\t').next().map(str::to_string)),
        );
    for w in words {
        let b = normalize::base_key(&normalize::index(&w));
        let ok = b.chars().count() >= 3
            && b.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
            && !b.contains(['ح', 'خ', 'ع', 'ظ', 'ذ', 'ض']);
        if ok {
            out.insert(b);
        }
    }
    out
}

/// Trigram log-likelihood ratios, names against corpus words (add-one smoothing over types).
fn train_letters(names: &HashSet<String>, c: &Corpus) -> BTreeMap<String, (f32, u32, u32)> {
    let mut n_counts: Map<[char; 3], u32> = Map::default();
    let mut c_counts: Map<[char; 3], u32> = Map::default();
    for w in names {
        for t in variant::trigrams(w) {
            *n_counts.entry(t).or_default() += 1;
        }
    }
    for (i, w) in c.forms.iter().enumerate() {
        if c.count[i] >= NATIVE_MIN_COUNT
            && !names.contains(w)
            && w.chars().count() >= 3
            && native_evidence(c, w) >= MIN_POSSESSIVES
        {
            for t in variant::trigrams(w) {
                *c_counts.entry(t).or_default() += 1;
            }
        }
    }
    let nn: u32 = n_counts.values().sum();
    let nc: u32 = c_counts.values().sum();
    let all: HashSet<[char; 3]> = n_counts.keys().chain(c_counts.keys()).copied().collect();
    let v = all.len() as f64;
    let mut out = BTreeMap::new();
    for t in all {
        let a = n_counts.get(&t).copied().unwrap_or(0);
        let b = c_counts.get(&t).copied().unwrap_or(0);
        if a + b < 3 {
            continue;
        }
        let pn = (a as f64 + 1.0) / (nn as f64 + v);
        let pc = (b as f64 + 1.0) / (nc as f64 + v);
        out.insert(t.iter().collect(), ((pn / pc).ln() as f32, a, b));
    }
    out
}

/// Spellings one alternation away from `w` (substitutions, vowel letters in or out, doubled
/// letters, تش/ش, final ا/ه).
fn alternations(w: &str) -> Vec<String> {
    const SETS: [&str; 5] = ["غجقك", "تط", "سصشز", "ذزظضد", "ثتس"];
    let cs: Vec<char> = w.chars().collect();
    let mut out = Vec::new();
    let s = |v: &[char]| v.iter().collect::<String>();
    for i in 0..cs.len() {
        for set in SETS {
            if set.contains(cs[i]) {
                for r in set.chars().filter(|&r| r != cs[i]) {
                    let mut v = cs.clone();
                    v[i] = r;
                    out.push(s(&v));
                }
            }
        }
        if i > 0 && matches!(cs[i], 'ا' | 'و' | 'ي') {
            let mut v = cs.clone();
            v.remove(i);
            out.push(s(&v));
        }
        if i > 0 {
            for vw in ['ا', 'و', 'ي'] {
                let mut v = cs.clone();
                v.insert(i, vw);
                out.push(s(&v));
            }
            if cs[i] == cs[i - 1] {
                let mut v = cs.clone();
                v.remove(i);
                out.push(s(&v));
            } else {
                let mut v = cs.clone();
                v.insert(i, cs[i]);
                out.push(s(&v));
            }
        }
        if cs[i] == 'ش' {
            let mut v = cs.clone();
            v.insert(i, 'ت');
            out.push(s(&v));
        }
    }
    match cs.last() {
        Some('ا') => out.push(format!("{}ه", s(&cs[..cs.len() - 1]))),
        Some('ه') => out.push(format!("{}ا", s(&cs[..cs.len() - 1]))),
        _ => {}
    }
    out.push(w.replace("تش", "ش"));
    out
}

fn candidate_pairs(c: &Corpus) -> Vec<(u32, u32)> {
    let mut pairs = HashSet::new();
    for (i, w) in c.forms.iter().enumerate() {
        if c.count[i] < MIN_COUNT || w.chars().count() < 3 || text::stopwords::is_stopword(w) {
            continue;
        }
        for v in alternations(w) {
            if let Some(&j) = c.ids.get(&v)
                && j as usize != i
                && c.count[j as usize] >= MIN_COUNT
                && !text::stopwords::is_stopword(&v)
            {
                pairs.insert((i.min(j as usize) as u32, i.max(j as usize) as u32));
            }
        }
    }
    let mut v: Vec<_> = pairs.into_iter().collect();
    v.sort_unstable();
    v
}

/// ±[`WINDOW`] tf-idf context vectors (over the [`CONTEXT_VOCAB`] most frequent forms) of `words`.
fn contexts(c: &Corpus, words: &HashSet<u32>) -> Map<u32, Map<u32, f32>> {
    let mut order: Vec<u32> = (0..c.forms.len() as u32).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(c.count[i as usize]));
    let vocab: HashSet<u32> = order.into_iter().take(CONTEXT_VOCAB).collect();
    let total: f64 = c.count.iter().map(|&x| x as f64).sum();
    let mut out: Map<u32, Map<u32, f32>> = Map::default();
    let s = &c.stream;
    for (p, &id) in s.iter().enumerate() {
        if id == BREAK || !words.contains(&id) {
            continue;
        }
        let v = out.entry(id).or_default();
        let lo = p.saturating_sub(WINDOW);
        let hi = (p + WINDOW + 1).min(s.len());
        for (q, &n) in s[lo..hi].iter().enumerate() {
            if lo + q != p && n != BREAK && n != id && vocab.contains(&n) {
                *v.entry(n).or_default() += 1.0;
            }
        }
    }
    for v in out.values_mut() {
        for (n, x) in v.iter_mut() {
            *x *= (total / c.count[*n as usize] as f64).ln() as f32;
        }
    }
    out
}

fn cosine(a: &Map<u32, f32>, b: &Map<u32, f32>) -> f32 {
    let (small, big) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let dot: f32 = small
        .iter()
        .filter_map(|(k, x)| big.get(k).map(|y| x * y))
        .sum();
    let na: f32 = a.values().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.values().map(|x| x * x).sum::<f32>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

/// Cramér's V of outlet against spelling: 1 when each outlet uses one spelling only.
fn outlet_split(c: &Corpus, a: u32, b: u32) -> f32 {
    let mut rows = Vec::new();
    for o in 0..c.outlets.len() as u16 {
        let x = c.outlet.get(&(a, o)).copied().unwrap_or(0) as f64;
        let y = c.outlet.get(&(b, o)).copied().unwrap_or(0) as f64;
        if x + y > 0.0 {
            rows.push((x, y));
        }
    }
    let (ta, tb) = rows.iter().fold((0.0, 0.0), |s, r| (s.0 + r.0, s.1 + r.1));
    let n = ta + tb;
    if rows.len() < 2 || n == 0.0 {
        return 0.0;
    }
    let mut chi = 0.0;
    for (x, y) in &rows {
        let r = x + y;
        for (obs, col) in [(x, ta), (y, tb)] {
            let e = r * col / n;
            if e > 0.0 {
                chi += (obs - e).powi(2) / e;
            }
        }
    }
    (chi / n).sqrt() as f32
}

const POSSESSIVES: [&str; 7] = ["ه", "ها", "هم", "هما", "كم", "نا", "هن"];
/// Verb endings (plural endings are left out: loanwords take them too, تريليونات).
const ENDINGS: [&str; 3] = ["وا", "تم", "تا"];
/// Imperfect-verb prefixes.
const PREFIXES: [&str; 3] = ["ي", "ت", "ن"];

fn seen(c: &Corpus, f: &str) -> bool {
    c.ids
        .get(f)
        .is_some_and(|&i| c.count[i as usize] >= MIN_SUFFIXED)
}

/// Number of different native-morphology forms of `w` seen at least [`MIN_SUFFIXED`] times in
/// the corpora: possessive suffixes, plural/dual/verb endings, imperfect prefixes.
fn possessives(c: &Corpus, w: &str) -> usize {
    let mut stems = vec![w.to_string()];
    if let Some(s) = w.strip_suffix('ه') {
        stems.push(format!("{s}ت"));
    }
    let nisba = w.ends_with('ي');
    let suffixed = POSSESSIVES
        .iter()
        .chain(ENDINGS.iter().filter(|_| !nisba))
        .filter(|s| stems.iter().any(|st| seen(c, &format!("{st}{s}"))))
        .count();
    suffixed
        + PREFIXES
            .iter()
            .filter(|p| seen(c, &format!("{p}{w}")))
            .count()
}

/// Native-morphology evidence of a form: possessive-suffixed forms of it, or of the word it is
/// itself a possessive form of.
fn native_evidence(c: &Corpus, w: &str) -> usize {
    let mut best = possessives(c, w);
    for s in POSSESSIVES {
        if let Some(stem) = w.strip_suffix(s)
            && stem.chars().count() >= 3
            && c.ids.contains_key(stem)
        {
            best = best.max(possessives(c, stem));
        }
    }
    best
}

struct Pair {
    a: u32,
    b: u32,
    /// The larger native-morphology evidence of the two words.
    native: usize,
    cos: f32,
    split: f32,
    name: f32,
}

/// Does a candidate pair join one group? Same contexts, neither word native by its morphology,
/// and the two words look like names or are each the house spelling of different outlets.
fn joins(p: &Pair, threshold: f32) -> bool {
    let letters = p.name >= threshold + MIN_PAIR_NAME;
    let house_style =
        p.cos >= MIN_COSINE && p.split >= MIN_SPLIT && (p.cos >= STRONG_COSINE || letters);
    let same_contexts = p.cos >= SAME_CONTEXTS && letters;
    p.native < MIN_POSSESSIVES && (house_style || same_contexts)
}

struct Union(Vec<u32>);
impl Union {
    fn find(&mut self, x: u32) -> u32 {
        let mut r = x;
        while self.0[r as usize] != r {
            r = self.0[r as usize];
        }
        let mut y = x;
        while self.0[y as usize] != r {
            let n = self.0[y as usize];
            self.0[y as usize] = r;
            y = n;
        }
        r
    }
    fn join(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        self.0[ra.max(rb) as usize] = ra.min(rb);
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = arg(&args, "--shared").unwrap_or_else(|| "../shared".into());
    let out_dir = arg(&args, "--out").unwrap_or_else(|| "crates/text/data".into());
    eprintln!("reading corpora…");
    let raw = read_corpora(&shared);
    let whole = whole_words(&raw);
    let c = to_forms(raw, &whole);
    eprintln!(
        "{} forms, {} tokens, {} whole words",
        c.forms.len(),
        c.stream.len(),
        whole.len()
    );
    let names = read_names(&shared);
    let letters = train_letters(&names, &c);
    let model = NameModel::from_map(
        letters
            .iter()
            .map(|(t, v)| {
                let cs: Vec<char> = t.chars().collect();
                ([cs[0], cs[1], cs[2]], v.0)
            })
            .collect(),
    );
    let threshold = learn_threshold(&c, &names, &model);
    let cands = candidate_pairs(&c);
    eprintln!("{} candidate pairs", cands.len());
    let words: HashSet<u32> = cands.iter().flat_map(|p| [p.0, p.1]).collect();
    let ctx = contexts(&c, &words);
    let empty = Map::default();
    let pairs: Vec<Pair> = cands
        .iter()
        .map(|&(a, b)| Pair {
            a,
            b,
            native: native_evidence(&c, &c.forms[a as usize])
                .max(native_evidence(&c, &c.forms[b as usize])),
            cos: cosine(ctx.get(&a).unwrap_or(&empty), ctx.get(&b).unwrap_or(&empty)),
            split: outlet_split(&c, a, b),
            name: (model.score(&c.forms[a as usize]) + model.score(&c.forms[b as usize])) / 2.0,
        })
        .collect();
    if let Some(dump) = arg(&args, "--dump") {
        dump_pairs(&dump, &c, &pairs);
    }
    write_letters(&out_dir, &letters, names.len(), threshold);
    write_table(&out_dir, &c, &pairs, &model, threshold, &whole);
}

fn dump_pairs(path: &str, c: &Corpus, pairs: &[Pair]) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("dump file"));
    for p in pairs {
        let (a, b) = (p.a as usize, p.b as usize);
        writeln!(
            f,
            "{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{}\t{}\t{}",
            c.forms[a], c.forms[b], p.cos, p.split, p.name, c.count[a], c.count[b], p.native
        )
        .expect("write");
    }
}

/// The letter-model threshold: the score that no more than [`NATIVE_FALSE_RATE`] of the native
/// training words reach. Prints the share of name-list words that reach it.
fn learn_threshold(c: &Corpus, names: &HashSet<String>, model: &NameModel) -> f32 {
    let mut native: Vec<f32> = c
        .forms
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            c.count[*i] >= NATIVE_MIN_COUNT
                && !names.contains(*w)
                && w.chars().count() >= 3
                && native_evidence(c, w) >= MIN_POSSESSIVES
        })
        .map(|(_, w)| model.score(w))
        .collect();
    native.sort_by(f32::total_cmp);
    let t = native[((native.len() as f32) * (1.0 - NATIVE_FALSE_RATE)) as usize];
    let recall = names.iter().filter(|n| model.score(n) >= t).count() as f32 / names.len() as f32;
    eprintln!(
        "letter model: threshold {t:.3} ({} native training words), name-list recall {recall:.3}",
        native.len()
    );
    t
}

fn write_letters(
    dir: &str,
    letters: &BTreeMap<String, (f32, u32, u32)>,
    n_names: usize,
    threshold: f32,
) {
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(format!("{dir}/name_trigrams.tsv")).expect("name_trigrams.tsv"),
    );
    writeln!(f, "# Letter model of text::variant, built by examples/build_variants.rs from {n_names} name tokens (Wikidata CC0, Wikipedia name pairs Apache-2.0) against corpus words seen 20 times or more.").unwrap();
    writeln!(f, "#threshold\t{threshold:.3}").unwrap();
    writeln!(f, "# trigram\tllr\tin_names\tin_corpus_words").unwrap();
    for (t, (llr, a, b)) in letters {
        writeln!(f, "{t}\t{llr:.3}\t{a}\t{b}").unwrap();
    }
}

fn write_table(
    dir: &str,
    c: &Corpus,
    pairs: &[Pair],
    model: &NameModel,
    threshold: f32,
    whole: &HashSet<String>,
) {
    let mut uf = Union((0..c.forms.len() as u32).collect());
    let mut evidence: Map<u32, Vec<String>> = Map::default();
    let mut joined = 0;
    for p in pairs {
        if joins(p, threshold) {
            uf.join(p.a, p.b);
            joined += 1;
            for (x, y) in [(p.a, p.b), (p.b, p.a)] {
                evidence.entry(x).or_default().push(format!(
                    "{}:cos={:.2},split={:.2}",
                    c.forms[y as usize], p.cos, p.split
                ));
            }
        }
    }
    let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for &w in evidence.keys() {
        groups.entry(uf.find(w)).or_default().push(w);
    }
    let mut rows: Vec<String> = Vec::new();
    for members in groups.values() {
        let top = members
            .iter()
            .max_by_key(|&&m| (c.count[m as usize], std::cmp::Reverse(m)))
            .expect("group");
        let key = variant::name_key(&c.forms[*top as usize]);
        for &m in members {
            let ev = evidence.get(&m).map(|v| v.join(" ")).unwrap_or_default();
            rows.push(row(c, m, &key, "name", &ev));
        }
    }
    // Frequent corpus words outside every group keep the decision of the transliterated-name
    // lexicon (their contexts had their say); the letter model decides for rare words without
    // native morphology and for words the corpora do not know. The frequent and the morphologically
    // native words it would take for names are listed native here.
    let mut natives = 0;
    for (i, w) in c.forms.iter().enumerate() {
        let letters = model.score(w) >= threshold;
        if letters
            && !evidence.contains_key(&(i as u32))
            && (c.count[i] >= FREQUENT || native_evidence(c, w) >= MIN_POSSESSIVES)
            && !normalize::is_loan_skeleton(&normalize::skeleton(w))
        {
            natives += 1;
            rows.push(row(c, i as u32, w, "native", ""));
        }
    }
    rows.extend(
        whole
            .iter()
            .map(|w| format!("{w}\t{w}\twhole\t\t\tproclitic before it")),
    );
    rows.sort();
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(format!("{dir}/variants.tsv")).expect("variants.tsv"),
    );
    writeln!(f, "# Mined spelling-variant table of text::variant (analysis version {}), built by examples/build_variants.rs from ANT 2018 and SaudiNewsNet 2015: {} candidate pairs, {joined} joined (no native suffixes, and either outlet split >= {MIN_SPLIT} with context cosine >= {MIN_COSINE} and (cosine >= {STRONG_COSINE} or name letters), or cosine >= {SAME_CONTEXTS} with name letters), {} groups, {natives} native words, {} whole words.", text::ANALYSIS_VERSION, pairs.len(), groups.len(), whole.len()).unwrap();
    writeln!(f, "# word\tkey\tkind\tcount_ant\tcount_sn\tevidence").unwrap();
    for r in rows {
        writeln!(f, "{r}").unwrap();
    }
}

fn row(c: &Corpus, w: u32, key: &str, kind: &str, ev: &str) -> String {
    let [a, s] = c.by_corpus[w as usize];
    format!("{}\t{key}\t{kind}\t{a}\t{s}\t{ev}", c.forms[w as usize])
}
