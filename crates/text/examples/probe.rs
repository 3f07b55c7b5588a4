//! Print match keys for word pairs given on stdin ("a b" per line) and whether they meet.
use std::io::BufRead;
fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let w: Vec<&str> = line.split_whitespace().collect();
        if w.len() != 2 {
            continue;
        }
        let ka = text::terms(w[0])
            .first()
            .map(|t| t.key.clone())
            .unwrap_or_default();
        let kb = text::terms(w[1])
            .first()
            .map(|t| t.key.clone())
            .unwrap_or_default();
        println!(
            "{} {} {} | {} {}",
            if ka == kb { "SAME" } else { "diff" },
            w[0],
            w[1],
            ka,
            kb
        );
    }
}
