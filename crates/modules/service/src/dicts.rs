//! The module's dictionary: the services surveyed, public (`pub_…`) and life (`life_…`) services
//! as the 2023 work points name them (seed point 7).

use longzhi_store::seed::Dict;

pub const SECTOR: &str = "service_sector";

pub const DICTS: &[Dict] = &[(
    SECTOR,
    "服务行业",
    "Service sector",
    &[
        ("pub_education", "教育服务", "Education"),
        ("pub_employment", "就业服务", "Employment services"),
        ("pub_health", "医疗卫生", "Health care"),
        ("pub_social_security", "社会保障", "Social security"),
        ("pub_utilities", "供水供电供气", "Utilities"),
        ("pub_transport", "公共交通", "Public transport"),
        ("pub_safety", "公共安全", "Public safety"),
        ("pub_culture", "公共文化", "Culture"),
        ("pub_sport", "公共体育", "Sport"),
        ("pub_elderly_care", "养老服务", "Elderly care"),
        ("pub_government", "政务服务", "Government services"),
        ("pub_environment", "生态环境", "Environment"),
        ("life_catering", "餐饮服务", "Catering"),
        ("life_retail", "零售服务", "Retail"),
        ("life_housekeeping", "家政服务", "Housekeeping"),
        ("life_tourism", "旅游服务", "Tourism"),
        ("life_hotel", "住宿服务", "Hotels"),
        ("life_property", "物业服务", "Property management"),
    ],
)];

/// `public` or `life`: the field of a service code.
pub fn field(service: &str) -> &'static str {
    if service.starts_with("life_") {
        "life"
    } else {
        "public"
    }
}
