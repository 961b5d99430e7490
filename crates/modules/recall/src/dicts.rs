//! The module's dictionaries: experts' specialties, the channels a product was sold through and
//! the remedies of a recall (after 缺陷消费品召回管理办法 and CPSC's recall notices). Products and
//! hazards are the injury module's (`injury_product`, `injury_hazard`).

use longzhi_store::seed::Dict;

pub use longzhi_injury::dicts::{Codes, HAZARD, PRODUCT};

pub const SPECIALTY: &str = "recall_specialty";
pub const CHANNEL: &str = "recall_channel";
pub const REMEDY: &str = "recall_remedy";

pub const DICTS: &[Dict] = &[
    (
        "recall_kind",
        "召回方式",
        "Recall kind",
        &[
            ("voluntary", "主动召回", "Voluntary"),
            ("ordered", "责令召回", "Ordered"),
        ],
    ),
    (
        "recall_status",
        "召回状态",
        "Recall status",
        &[
            ("draft", "计划编制中", "Plan in preparation"),
            ("published", "实施中", "Under way"),
            ("summarised", "已提交总结", "Summary filed"),
            ("closed", "已结束", "Closed"),
        ],
    ),
    (
        SPECIALTY,
        "缺陷调查专家专业",
        "Expert specialty",
        &[
            ("electrical", "电气安全", "Electrical safety"),
            ("mechanical", "机械安全", "Mechanical safety"),
            ("chemical", "化学安全", "Chemical safety"),
            ("fire", "燃烧与热安全", "Fire and thermal safety"),
            ("children", "儿童用品安全", "Children's products"),
            ("textile", "纺织服装", "Textiles and clothing"),
            ("battery", "电池与储能", "Batteries and energy storage"),
            ("vehicle", "车辆与交通工具", "Vehicles"),
            ("medical", "伤害医学", "Injury medicine"),
            ("standards", "标准与检验", "Standards and testing"),
        ],
    ),
    (
        CHANNEL,
        "销售渠道",
        "Sales channel",
        &[
            ("online", "网络销售", "Online"),
            ("retail", "实体零售", "Retail stores"),
            ("wholesale", "批发与经销", "Wholesale and distributors"),
            ("direct", "直销", "Direct sales"),
            ("export", "出口", "Export"),
        ],
    ),
    (
        REMEDY,
        "召回补救措施",
        "Recall remedy",
        &[
            ("repair", "修理", "Repair"),
            ("replace", "更换", "Replace"),
            ("refund", "退货退款", "Refund"),
            ("warning", "补充或修正警示标识", "Add or correct warnings"),
        ],
    ),
];
