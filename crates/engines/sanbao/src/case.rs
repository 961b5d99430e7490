//! A 三包 case: the car, the evaluation point and its repair history (spec §6).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a repair visit did; all three are repairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Repair,
    ReplacePart,
    ReplaceAssembly,
}

impl Kind {
    pub const fn zh(self) -> &'static str {
        match self {
            Self::Repair => "修理",
            Self::ReplacePart => "更换零部件",
            Self::ReplaceAssembly => "更换总成",
        }
    }

    pub const fn en(self) -> &'static str {
        match self {
            Self::Repair => "repair",
            Self::ReplacePart => "part replacement",
            Self::ReplaceAssembly => "assembly replacement",
        }
    }
}

/// The vehicle system a repair concerns (the systems Art 24(3) names, and `other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum System {
    Engine,
    Gearbox,
    TractionBattery,
    DriveMotor,
    Steering,
    Brake,
    Suspension,
    Drivetrain,
    EmissionControl,
    Body,
    Other,
}

impl System {
    /// The four assemblies of Art 20, 22 and 24(2).
    pub const fn is_assembly(self) -> bool {
        matches!(
            self,
            Self::Engine | Self::Gearbox | Self::TractionBattery | Self::DriveMotor
        )
    }

    pub const fn zh(self) -> &'static str {
        match self {
            Self::Engine => "发动机",
            Self::Gearbox => "变速器",
            Self::TractionBattery => "动力蓄电池",
            Self::DriveMotor => "行驶驱动电机",
            Self::Steering => "转向系统",
            Self::Brake => "制动系统",
            Self::Suspension => "悬架系统",
            Self::Drivetrain => "传动系统",
            Self::EmissionControl => "污染控制装置",
            Self::Body => "车身",
            Self::Other => "其他",
        }
    }

    pub const fn en(self) -> &'static str {
        match self {
            Self::Engine => "engine",
            Self::Gearbox => "gearbox",
            Self::TractionBattery => "traction battery",
            Self::DriveMotor => "drive motor",
            Self::Steering => "steering system",
            Self::Brake => "brake system",
            Self::Suspension => "suspension",
            Self::Drivetrain => "drivetrain",
            Self::EmissionControl => "emission-control device",
            Self::Body => "body",
            Self::Other => "other",
        }
    }
}

/// The kind of fault; the first five are the Art 23 faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    SteeringFailure,
    BrakeFailure,
    BodyCrack,
    FuelLeak,
    BatteryFire,
    Other,
}

impl FaultKind {
    pub const fn is_art23(self) -> bool {
        !matches!(self, Self::Other)
    }

    pub const fn zh(self) -> &'static str {
        match self {
            Self::SteeringFailure => "转向系统失效",
            Self::BrakeFailure => "制动系统失效",
            Self::BodyCrack => "车身开裂",
            Self::FuelLeak => "燃油泄漏",
            Self::BatteryFire => "动力蓄电池起火",
            Self::Other => "其他故障",
        }
    }

    pub const fn en(self) -> &'static str {
        match self {
            Self::SteeringFailure => "steering-system failure",
            Self::BrakeFailure => "brake-system failure",
            Self::BodyCrack => "body cracking",
            Self::FuelLeak => "fuel leak",
            Self::BatteryFire => "traction-battery fire",
            Self::Other => "other fault",
        }
    }
}

/// One repair visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub date: NaiveDate,
    pub odometer_km: Decimal,
    pub kind: Kind,
    pub system: System,
    /// The main part involved; `None` = no main part identified.
    pub part: Option<String>,
    /// Identifies "the same quality problem" across visits (Art 24(4)).
    pub fault_id: String,
    pub serious_safety: bool,
    pub fault_kind: Option<FaultKind>,
    /// Art 40 repair time in days, net of the Art 24 para 3 exclusions; rounded up when counted.
    pub repair_days: Decimal,
    /// The damage was the consumer's doing (Art 32): the visit is ignored.
    pub consumer_fault: bool,
}

/// A car's case at an evaluation point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The invoice date.
    pub purchase_date: NaiveDate,
    pub delivery_date: Option<NaiveDate>,
    pub price_yuan: Decimal,
    pub evaluation_date: NaiveDate,
    /// The odometer at the evaluation date.
    pub odometer_km: Decimal,
    /// The maker's n of Art 27, a fraction (0.005 = 0.5 %).
    pub compensation_rate: Decimal,
    /// In input order; the engine processes them in date order, input order breaking ties.
    pub events: Vec<Event>,
}

impl Case {
    /// The periods start on the delivery date if given, else on the invoice date (spec §6.1).
    pub fn start_date(&self) -> NaiveDate {
        self.delivery_date.unwrap_or(self.purchase_date)
    }
}
