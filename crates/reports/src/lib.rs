//! Documents Longzhi produces and reads. Pure functions from data to bytes and back: no I/O.

pub mod xlsx;
