//! dedup (being built).
