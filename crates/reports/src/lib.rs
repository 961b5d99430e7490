//! Documents Longzhi produces and reads. Pure functions from data to bytes and back: no I/O.

#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod xlsx;
