//! clean (being built).
