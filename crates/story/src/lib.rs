//! story (being built).
