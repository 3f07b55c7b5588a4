//! Print the dates found in each argument and whether the whole argument parses as one date.
fn main() {
    for a in std::env::args().skip(1) {
        println!(
            "{a:?} -> {:?} / {:?}",
            text::date::find_dates(&a),
            text::date::parse_datetime(&a)
        );
    }
}
