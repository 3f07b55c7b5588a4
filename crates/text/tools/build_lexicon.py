#!/usr/bin/env python3
"""Build crates/text/data/loan_skeletons.txt and crates/text/data/stopwords.txt.

Python stdlib only. Run from anywhere:
    python3 crates/text/tools/build_lexicon.py [--shared /work/shared] [--report]

loan_skeletons.txt: "loanword skeletons" (see src/normalize.rs, `skeleton`) of transliterated
foreign names taken from three public lists:
  * netransliteration-wikidata-ar (CC0), * google-transliteration-ar2en (Apache-2.0),
  * fane-gold-ner derived_gazetteer (CC BY-SA 3.0).
An entry is kept only when it looks foreign and is long enough not to collide with native words:
no native-only letters (ح خ ع ظ ث ذ ض, hamza), skeleton >= 4 letters (3 only with a strong foreign
marker: two /g/ letters or تش), not a stop word, and not the skeleton of a frequent corpus word
that carries native verb morphology (see NATIVE below).
The Python skeleton below MUST mirror src/normalize.rs; a Rust test checks every shipped line is a
fixpoint of the Rust skeleton.
"""
import argparse, gzip, json, os, re, sys
from collections import Counter, defaultdict

DIACRITICS = re.compile('[\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF\u00AD\u2060]')
INDEX_MAP = str.maketrans({'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ی': 'ي', 'ې': 'ي', 'ة': 'ه',
                           'ک': 'ك', 'ڪ': 'ك', 'ھ': 'ه', 'ە': 'ه', 'ۀ': 'ه', 'ۃ': 'ه', 'پ': 'ب', 'چ': 'ج', 'ژ': 'ز',
                           'ڤ': 'ف', 'ڥ': 'ف', 'گ': 'ك', 'ڭ': 'ك', 'ݣ': 'ك', 'ڨ': 'ق'})
G = set('غجقك')
VOWELS = set('اوي')
FOLD = {'ط': 'ت', 'ص': 'س', 'ض': 'د', 'ظ': 'ز'}


def index(w):
    w = DIACRITICS.sub('', w)
    return w.translate(INDEX_MAP).lower()


def base(w):
    """Index form + hamza carriers unified (mirror of normalize::base_key)."""
    w = w.replace('ؤ', 'ء').replace('ئ', 'ء')
    if w.endswith('يء') and len(w) > 2:
        w = w[:-2] + 'ء'
    w = w.replace('ماءه', 'مءه').replace('ماءت', 'مءت')
    return w


def skel_once(w, drop_vowels):
    # ك joins the /g/ class except word-initially, where it is usually the clitic ك (ككل).
    w = ''.join('ج' if (c in G and (c != 'ك' or i > 0)) else c for i, c in enumerate(w))
    w = w.replace('تش', 'ش')
    if drop_vowels:
        w = ''.join(FOLD.get(c, c) for c in w)
    if drop_vowels and len(w) > 2:
        w = w[0] + ''.join(c for c in w[1:-1] if c not in VOWELS) + w[-1]
    return w


def fixpoint(w, drop_vowels):
    for _ in range(8):
        n = skel_once(w, drop_vowels)
        if n == w:
            return w
        w = n
    return w


# Vowel dropping only pays off for long words: a 4-letter consonant skeleton is a native root
# plus one pattern letter, shared by dozens of native words (مدينة/مدونة, قادمة/قديمة).
MIN_VOWELLESS = 5


def skeleton(w):
    """Mirror of normalize::skeleton."""
    s1 = fixpoint(w, False)
    s2 = fixpoint(s1, True)
    return s2 if len(s2) >= MIN_VOWELLESS else s1


NATIVE_ONLY = set('حخعظثذضءؤئ')
ARABIC_WORD = re.compile('^[\u0621-\u064A]+$')


# Short (3-letter) skeletons collide with native roots, so only these hand-picked ones are kept
# (and kept whatever the corpus tests say, having been checked by hand):
# google/جوجل/قوقل, Chile/تشيلي, Gaza is NOT here (native غزة/جزة must stay apart).
SHORT_OK = {'جوجل', 'شيلي'}


def ending_stem(w):
    for e in ('يون', 'يين', 'يات', 'يه', 'يا', 'ي', 'ه', 'ا'):
        if w.endswith(e) and len(w) - len(e) >= 3:
            return w[:-len(e)]
    return w


def g_letters(w):
    return ''.join(c for c in w.replace('تش', 'ش') if c in 'غجقكش')


def strong_marker(b):
    return 'تش' in b or sum(1 for c in b if c in 'غجق') >= 2


def candidates(shared):
    d = os.path.join(shared, 'data', 'arabic')
    with open(os.path.join(d, 'netransliteration-wikidata-ar', 'wd_arabic.normalized.aligned.tokens'), encoding='utf-8') as f:
        for line in f:
            p = line.rstrip('\n').split('\t')
            if len(p) >= 2:
                yield p[1].replace(' ', ''), 'wikidata'
    with open(os.path.join(d, 'google-transliteration-ar2en', 'ar2en.txt'), encoding='utf-8') as f:
        for line in f:
            p = line.rstrip('\n').split('\t')
            if p:
                for w in p[0].split():
                    yield w, 'google'
    person = {'Politician', 'Artist', 'Athlete', 'Scientist', 'Other_PER', 'Businessperson', 'Engineer', 'Lawyer'}
    with open(os.path.join(d, 'fane-gold-ner', 'derived_gazetteer.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            p = line.rstrip('\n').split('\t')
            if len(p) < 2:
                continue
            words = p[0].split()
            if len(words) == 1 or p[1] in person:
                for w in words:
                    yield w, 'fane'
            if len(words) == 1 and p[1] in ('Nation', 'Continent', 'State-or-Province', 'Population-Center'):
                # Nisba adjectives of place names: امريكا → امريكي، امريكية، امريكيين، امريكيون.
                w = words[0]
                stem = w[:-2] if w.endswith('يا') else w[:-1] if w.endswith('ا') else w
                if len(stem) >= 4:
                    for suf in ('ي', 'يه', 'ية', 'يين', 'يون'):
                        yield stem + suf, 'fane'


def strip_article(w):
    for p in ('وال', 'بال', 'كال', 'فال', 'لل', 'ال'):
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p):]
    return w


def load_stopwords(shared):
    d = os.path.join(shared, 'data', 'arabic')
    out = set()
    for rel in ('stopwords-lucene-savoy/stopwords.txt', 'stopwords-mohataher/list.txt', 'stopwords-iso-ar/stopwords-ar.txt'):
        with open(os.path.join(d, rel), encoding='utf-8') as f:
            for line in f:
                w = line.strip()
                if not w or w.startswith('#'):
                    continue
                w = index(w)
                if ARABIC_WORD.match(w):
                    out.add(w)
    return out


# Native verb/derivation morphology: a frequent corpus word that starts with an imperfect prefix
# or the derived-form prefixes and whose skeleton equals a lexicon skeleton marks that skeleton as
# native-looking. Names rarely take these shapes, native words do all the time.
NATIVE_PREFIXES = ('ي', 'ت', 'ن', 'است', 'مست', 'سي', 'ست')


def corpus_words(shared, limit_docs):
    counts = Counter()
    for name in ('ant-multisource-2018.jsonl.gz', 'saudinewsnet-2015.jsonl.gz'):
        p = os.path.join(shared, 'data', 'corpora', name)
        if not os.path.exists(p):
            continue
        with gzip.open(p, 'rt', encoding='utf-8') as f:
            for i, line in enumerate(f):
                if i >= limit_docs:
                    break
                try:
                    o = json.loads(line)
                except ValueError:
                    continue
                t = o.get('text') or o.get('content') or ''
                src = o.get('src') or o.get('source') or '?'
                for w in re.findall('[\u0621-\u064A\u0640\u064B-\u0652]+', t):
                    counts[(strip_article(base(index(w))), src)] += 1
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'shared'))
    ap.add_argument('--docs', type=int, default=20000)
    ap.add_argument('--report', action='store_true')
    a = ap.parse_args()
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data')
    stop = load_stopwords(a.shared)
    with open(os.path.join(out_dir, 'stopwords.txt'), 'w', encoding='utf-8') as f:
        f.write('# Merged Arabic stop words at index level (Lucene/Savoy BSD, mohataher MIT, stopwords-iso MIT).\n')
        f.write('# Generated by tools/build_lexicon.py; see data/README.md.\n')
        for w in sorted(stop):
            f.write(w + '\n')
    skels = {}
    for raw, src in candidates(a.shared):
        w = index(raw)
        if not ARABIC_WORD.match(w):
            continue
        w = strip_article(w)
        if any(c in NATIVE_ONLY for c in w) or w in stop:
            continue
        b = base(w)
        s = skeleton(b)
        if len(s) < 4 and s not in SHORT_OK:
            continue
        if src == 'fane' and len(s) < 5:
            continue  # no transliteration evidence: only long skeletons
        skels.setdefault(s, set()).add(b)
    # Native protection from corpus evidence.
    native = set()
    reasons = {}
    if a.docs > 0:
        cache = os.environ.get('LEXICON_CACHE')
        if cache and os.path.exists(cache):
            import pickle
            with open(cache, 'rb') as f:
                counts = pickle.load(f)
        else:
            counts = corpus_words(a.shared, a.docs)
            if cache:
                import pickle
                with open(cache, 'wb') as f:
                    pickle.dump(counts, f)
        stripped = Counter()
        per_src = defaultdict(Counter)
        for (w, src), c in counts.items():
            stripped[w] += c
            per_src[w][src] += c
        by_skel = defaultdict(list)
        for w, c in stripped.items():
            if c >= 5:
                s = skeleton(w)
                if s in skels:
                    by_skel[s].append((w, c))
        # A name spelling that is rare in news while another word with the same skeleton is
        # frequent: the frequent one is almost surely a native word (المغرب vs a rare name).
        def outlet_pairs(forms):
            """(split_by_outlet, co_used) over the top form pairs (ending variants aside)."""
            top = sorted(forms, key=lambda x: -x[1])[:6]
            split, co = None, None
            for i in range(len(top)):
                for j in range(i + 1, len(top)):
                    a_, b_ = top[i][0], top[j][0]
                    if ending_stem(a_) == ending_stem(b_):
                        continue  # ending variants (امريكا/امريكية) are not evidence
                    shares = []
                    co_used = []
                    for src in set(per_src[a_]) | set(per_src[b_]):
                        ca, cb = per_src[a_][src], per_src[b_][src]
                        if ca + cb >= 5:
                            shares.append(ca / (ca + cb))
                        if ca >= 5 and cb >= 5 and min(ca, cb) / (ca + cb) >= 0.25:
                            co_used.append((src, a_, ca, b_, cb))
                    # Wire copy makes single outlets inconsistent: two outlets must use both.
                    need = 2
                    co_used = co_used[0] if len(co_used) >= need else None
                    # Each spelling is the house spelling (>= 75%) of at least two outlets, and
                    # at most half of the outlets mix them (wire copy); native words that
                    # merely look alike (نقيب/نجيب) are mixed in most outlets.
                    mixed = sum(0.2 < x < 0.8 for x in shares)
                    is_split = (sum(x >= 0.75 for x in shares) >= 2 and sum(x <= 0.25 for x in shares) >= 2
                                and mixed * 2 <= len(shares))
                    if is_split:
                        split = (a_, b_)
                    elif co_used:
                        co = co_used
            return split, co

        for s in skels:
            if len(fixpoint(s, True)) < MIN_VOWELLESS and s not in SHORT_OK:
                # Short keys (consonant folds only) need positive evidence: two /g/ spellings,
                # each the house spelling of two outlets. Otherwise a frequent native word that
                # happens to be spelt like a listed name (اكبر/Akbar) would swallow its variants.
                split, _ = outlet_pairs(by_skel.get(s, []))
                if not split:
                    native.add(s)
                    reasons[s] = ('short-no-evidence',)
        for s, forms in by_skel.items():
            names = skels[s]
            split, co = outlet_pairs(forms)
            if split:
                # Two /g/ spellings, each the house spelling of different outlets
                # (غوغل/جوجل, البنتاغون/البنتاجون): a loanword, whatever else shares the skeleton.
                continue
            if co:
                # Two words that outlets use side by side in similar proportions are different
                # words (قبلي/جبلي, لغرض/لاجارد).
                native.add(s)
                reasons[s] = ('co-used',) + co
                continue
            name_stems = {ending_stem(n) for n in names}
            name_max = max((c for w, c in forms if ending_stem(w) in name_stems), default=0)
            other_max = max((c for w, c in forms if ending_stem(w) not in name_stems), default=0)
            if other_max >= 20 and other_max > 5 * (name_max + 1):
                native.add(s)
                reasons[s] = ('dominant', forms[:5])
        for w, c in stripped.items():
            if c < 3 or w.startswith('تش'):
                continue
            for p in NATIVE_PREFIXES:
                if w.startswith(p) and len(w) - len(p) >= 3:
                    rest = w[len(p):]
                    # A verb/derivation prefix only counts when the rest is itself a corpus word.
                    if stripped.get(rest, 0) < 3:
                        break
                    sk = skeleton(w)
                    if sk in skels and w not in skels[sk]:
                        native.add(sk)
                        reasons[sk] = ('native-prefix', w, c)
                    break
    kept = sorted({s for s in skels if s not in native} | SHORT_OK)
    with open(os.path.join(out_dir, 'loan_skeletons.txt'), 'w', encoding='utf-8') as f:
        f.write('# Loanword/foreign-name skeletons. Generated by tools/build_lexicon.py from netransliteration-wikidata-ar (CC0),\n')
        f.write('# google-transliteration-ar2en (Apache-2.0) and fane-gold-ner derived_gazetteer (CC BY-SA 3.0). See data/README.md.\n')
        for s in kept:
            f.write(s + '\n')
    print(f'stopwords {len(stop)}; skeletons {len(skels)}; native-excluded {len(native)}; kept {len(kept)}', file=sys.stderr)
    if a.report:
        for s in sorted(native):
            print('native', s, sorted(skels[s])[:5], reasons.get(s))


if __name__ == '__main__':
    main()
