//! Prints the match key and rule of each word given (a quick look at the variant model).
fn main() {
    for w in std::env::args().skip(1) {
        let idx = text::normalize::index(&w);
        let bare = text::stem::strip_clitics(&idx);
        let b = text::normalize::base_key(bare);
        let (k, r) = text::normalize::match_index_word_rule(bare);
        println!(
            "{w}\tbase={b}\tkey={k}\trule={}\tscore={:.2}\tloan={}",
            r.as_str(),
            text::variant::name_score(&b),
            text::normalize::is_loan_skeleton(&text::normalize::skeleton(&b))
        );
    }
}
