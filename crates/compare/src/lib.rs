//! compare (being built).
