//! Arabic stop words at index level.

/// Is this index-level word a stop word?
pub fn is_stopword(index_word: &str) -> bool {
    matches!(index_word, "في" | "من" | "علي" | "الي" | "الى" | "عن" | "ان" | "او" | "ما" | "لا" | "هذا" | "هذه" | "التي" | "الذي" | "مع" | "و" | "قد")
}
