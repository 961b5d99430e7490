//! The household-car 三包 rules of SAMR Order No. 43 (in force 2022-01-01): given a car's dates,
//! price, odometer and repair history, decide refund or replacement, free replacement of an
//! assembly, repair, or nothing; whether the car is inside the 三包 and warranty periods; the
//! usage compensation; and every article checked, met or not, with its numbers, in zh-CN and
//! English. Rules in `docs/domain/rules-sanbao.md` (§6 is binding), engine notes in
//! `docs/engines/sanbao.md`. Pure computation: no I/O, no clock (the evaluation date is input).

mod case;
mod decide;
mod input;
mod number;
mod periods;
mod rules;
mod sources;
mod visits;

pub use case::{Case, Event, FaultKind, Kind, System};
pub use decide::{Decision, Remedy, decide};
pub use input::parse;
pub use longzhi_explain::{InputError, Reason};
pub use periods::{Period, Periods};

/// Parses the JSON case and decides it.
pub fn decide_json(json: &str) -> Result<Decision, InputError> {
    parse(json).map(|case| decide(&case))
}
