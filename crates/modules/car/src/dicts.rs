//! The module's dictionaries: powertrains, what a consumer asks for, how a dispute ends, how a
//! mediation ended, and the engine's repair kinds, systems and fault kinds (rules-sanbao.md §6,
//! labelled as the engine names them).

use longzhi_store::seed::Dict;

pub const POWERTRAIN: &str = "car_powertrain";
pub const REQUEST: &str = "car_request";
pub const OUTCOME: &str = "car_outcome";
pub const MEDIATION: &str = "car_mediation_result";
pub const KIND: &str = "car_repair_kind";
pub const SYSTEM: &str = "car_system";
pub const FAULT_KIND: &str = "car_fault_kind";

pub const DICTS: &[Dict] = &[
    (
        POWERTRAIN,
        "动力类型",
        "Powertrain",
        &[
            ("fuel", "燃油", "Fuel"),
            ("hybrid", "混合动力", "Hybrid"),
            ("electric", "纯电动", "Battery electric"),
        ],
    ),
    (
        REQUEST,
        "三包诉求",
        "Consumer's request",
        &[
            ("repair", "修理", "Repair"),
            ("replace", "更换", "Replacement"),
            ("refund", "退货", "Refund"),
        ],
    ),
    (
        OUTCOME,
        "争议处理结果",
        "Dispute outcome",
        &[
            ("repaired", "已修理", "Repaired"),
            ("replaced", "已换车", "Car replaced"),
            ("refunded", "已退车", "Car returned and refunded"),
            ("assembly_replaced", "已更换总成", "Assembly replaced"),
            ("agreement", "调解达成协议", "Settled by mediation"),
            ("rejected", "诉求不成立", "Request not founded"),
            ("withdrawn", "消费者撤回", "Withdrawn by the consumer"),
            (
                "referred",
                "转仲裁或诉讼",
                "Referred to arbitration or court",
            ),
        ],
    ),
    (
        MEDIATION,
        "调解结果",
        "Mediation result",
        &[
            ("agreement", "达成协议", "Agreement"),
            ("no_agreement", "未达成协议", "No agreement"),
            ("adjourned", "择期再调", "Adjourned"),
        ],
    ),
    (
        KIND,
        "维修类型",
        "Repair kind",
        &[
            ("repair", "修理", "Repair"),
            ("replace_part", "更换零部件", "Part replacement"),
            ("replace_assembly", "更换总成", "Assembly replacement"),
        ],
    ),
    (
        SYSTEM,
        "汽车系统",
        "Vehicle system",
        &[
            ("engine", "发动机", "Engine"),
            ("gearbox", "变速器", "Gearbox"),
            ("traction_battery", "动力蓄电池", "Traction battery"),
            ("drive_motor", "行驶驱动电机", "Drive motor"),
            ("steering", "转向系统", "Steering system"),
            ("brake", "制动系统", "Brake system"),
            ("suspension", "悬架系统", "Suspension"),
            ("drivetrain", "传动系统", "Drivetrain"),
            (
                "emission_control",
                "污染控制装置",
                "Emission-control device",
            ),
            ("body", "车身", "Body"),
            ("other", "其他", "Other"),
        ],
    ),
    (
        FAULT_KIND,
        "严重故障类型",
        "Fault kind",
        &[
            (
                "steering_failure",
                "转向系统失效",
                "Steering-system failure",
            ),
            ("brake_failure", "制动系统失效", "Brake-system failure"),
            ("body_crack", "车身开裂", "Body cracking"),
            ("fuel_leak", "燃油泄漏", "Fuel leak"),
            ("battery_fire", "动力蓄电池起火", "Traction-battery fire"),
            ("other", "其他故障", "Other fault"),
        ],
    ),
];
