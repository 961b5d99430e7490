//! Decimals in JSON output.

use longzhi_explain::Value;
use rust_decimal::Decimal;

/// The nearest double; it prints back as the same decimal (up to 15 significant digits).
pub fn to_f64(d: Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or(f64::NAN)
}

/// A decimal as a JSON number: an integer when it is whole.
pub fn number(d: Decimal) -> Value {
    match i64::try_from(d.normalize()) {
        Ok(i) if d.fract().is_zero() => Value::from(i),
        _ => Value::from(to_f64(d)),
    }
}

/// "1 time", "5 times".
pub fn times(n: usize) -> String {
    if n == 1 {
        "1 time".to_owned()
    } else {
        format!("{n} times")
    }
}

/// Serialises an optional amount as a JSON number or null.
pub fn serialize_yuan<S: serde::Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(d) => s.serialize_f64(to_f64(*d)),
        None => s.serialize_none(),
    }
}
