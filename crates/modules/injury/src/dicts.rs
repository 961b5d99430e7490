//! The module's dictionaries: the codes of the case form (after China's injury-surveillance
//! report card and NEISS), the product categories and hazard types (after EU Safety Gate), and
//! the states of reports and signals. Seeded once; administrators edit them under 字典管理.

use longzhi_store::seed::Dict;

pub const PRODUCT: &str = "injury_product";
pub const HAZARD: &str = "injury_hazard";
pub const POINT_KIND: &str = "injury_point_kind";
pub const SOURCE: &str = "injury_report_source";

/// The dictionary of each coded field of a case: (field, dictionary).
pub const CASE_FIELDS: [(&str, &str); 9] = [
    ("sex", "injury_sex"),
    ("place", "injury_place"),
    ("activity", "injury_activity"),
    ("intent", "injury_intent"),
    ("body_part", "injury_body_part"),
    ("diagnosis", "injury_diagnosis"),
    ("severity", "injury_severity"),
    ("disposition", "injury_disposition"),
    ("product1", PRODUCT),
];

pub const DICTS: &[Dict] = &[
    (
        PRODUCT,
        "伤害相关产品类别",
        "Injury product category",
        &[
            ("toy", "玩具", "Toys"),
            (
                "child-furniture",
                "儿童家具与用品",
                "Children's furniture and articles",
            ),
            ("stroller", "童车", "Strollers and prams"),
            ("e-bike", "电动自行车", "Electric bicycles"),
            ("bicycle", "自行车", "Bicycles"),
            ("scooter", "滑板车与平衡车", "Scooters and hoverboards"),
            ("household-appliance", "家用电器", "Household appliances"),
            ("kitchen-appliance", "厨房电器", "Kitchen appliances"),
            ("gas-appliance", "燃气器具", "Gas appliances"),
            ("power-bank", "移动电源与充电器", "Power banks and chargers"),
            ("lighting", "灯具", "Lighting"),
            ("furniture", "家具", "Furniture"),
            ("glassware", "玻璃制品", "Glassware"),
            ("knife", "刀具与锐器", "Knives and sharp tools"),
            ("ladder", "梯子", "Ladders"),
            ("fitness", "健身器材", "Fitness equipment"),
            ("sports", "运动用品", "Sports goods"),
            ("footwear", "鞋类", "Footwear"),
            ("clothing", "服装纺织品", "Clothing and textiles"),
            (
                "cosmetics",
                "化妆品与日化用品",
                "Cosmetics and household chemicals",
            ),
            ("pressure-cooker", "压力锅", "Pressure cookers"),
            ("fireworks", "烟花爆竹", "Fireworks"),
            ("power-tool", "电动工具", "Power tools"),
            ("agri-machine", "农用机械", "Agricultural machinery"),
            ("car", "汽车及配件", "Cars and parts"),
            ("other", "其他产品", "Other products"),
        ],
    ),
    (
        HAZARD,
        "危害类型",
        "Hazard type",
        &[
            ("burn", "烧烫伤", "Burns"),
            ("fire", "起火", "Fire"),
            ("electric-shock", "电击", "Electric shock"),
            ("choking", "哽噎", "Choking"),
            ("suffocation", "窒息", "Suffocation"),
            ("strangulation", "勒颈", "Strangulation"),
            ("entrapment", "夹伤与卡住", "Entrapment"),
            ("cut", "割伤", "Cuts"),
            ("fall", "跌落与倾倒", "Falls and tip-over"),
            ("injury", "机械伤害", "Mechanical injuries"),
            ("chemical", "化学危害", "Chemical"),
            ("explosion", "爆炸", "Explosion"),
            ("hearing", "听力损伤", "Damage to hearing"),
            ("sight", "视力损伤", "Damage to sight"),
            ("microbiological", "微生物", "Microbiological"),
            ("other", "其他", "Other"),
        ],
    ),
    (
        POINT_KIND,
        "监测点类型",
        "Monitoring point kind",
        &[
            ("sentinel-hospital", "哨点医院", "Sentinel hospital"),
            ("community-clinic", "社区卫生服务机构", "Community clinic"),
            ("school", "学校", "School"),
            ("other-source", "其他信息源", "Other information source"),
        ],
    ),
    (
        "injury_sex",
        "性别",
        "Sex",
        &[
            ("M", "男", "Male"),
            ("F", "女", "Female"),
            ("U", "不详", "Unknown"),
        ],
    ),
    (
        "injury_place",
        "伤害发生地点",
        "Place of injury",
        &[
            ("home", "家中", "Home"),
            ("residential", "公共居住场所", "Residential institution"),
            ("school", "学校与公共场所", "School and public area"),
            ("sports", "体育和运动场所", "Sports area"),
            ("street", "公路或街道", "Street and highway"),
            ("trade", "贸易和服务场所", "Trade and service area"),
            (
                "industrial",
                "工业和建筑场所",
                "Industrial and construction area",
            ),
            ("farm", "农场或农田", "Farm"),
            ("other", "其他", "Other"),
            ("unknown", "不清楚", "Unknown"),
        ],
    ),
    (
        "injury_activity",
        "伤害发生时活动",
        "Activity",
        &[
            ("work", "有偿工作", "Paid work"),
            ("housework", "家务", "Housework"),
            ("study", "学习", "Education"),
            ("sports", "体育活动", "Sports"),
            ("leisure", "休闲活动", "Leisure"),
            ("vital", "生命活动(饮食、睡眠等)", "Vital activities"),
            ("travel", "驾乘交通工具", "Driving or riding"),
            ("walking", "步行", "Walking"),
            ("other", "其他", "Other"),
            ("unknown", "不清楚", "Unknown"),
        ],
    ),
    (
        "injury_intent",
        "伤害意图",
        "Intent",
        &[
            ("unintentional", "非故意", "Unintentional"),
            ("self-harm", "自残或自杀", "Self-harm"),
            ("assault", "故意(暴力、攻击)", "Assault"),
            ("unknown", "不清楚", "Unknown"),
        ],
    ),
    (
        "injury_body_part",
        "伤害部位",
        "Body part",
        &[
            ("head", "头部", "Head"),
            ("face", "面部与眼", "Face and eyes"),
            ("neck", "颈部", "Neck"),
            ("trunk", "躯干", "Trunk"),
            ("upper-limb", "上肢", "Upper limb"),
            ("hand", "手与手指", "Hand and fingers"),
            ("lower-limb", "下肢", "Lower limb"),
            ("multiple", "多部位", "Multiple parts"),
            ("whole-body", "全身", "Whole body"),
            ("unknown", "不清楚", "Unknown"),
        ],
    ),
    (
        "injury_diagnosis",
        "伤害性质",
        "Diagnosis",
        &[
            ("fracture", "骨折", "Fracture"),
            ("sprain", "扭伤或拉伤", "Sprain or strain"),
            ("laceration", "锐器伤、咬伤或开放伤", "Laceration"),
            ("contusion", "挫伤或擦伤", "Contusion or abrasion"),
            ("burn", "烧烫伤", "Burn"),
            ("concussion", "脑震荡或脑挫裂伤", "Concussion"),
            ("internal", "内脏器官损伤", "Internal organ injury"),
            ("poisoning", "中毒", "Poisoning"),
            ("asphyxia", "窒息", "Asphyxia"),
            ("electric", "电击伤", "Electric injury"),
            ("foreign-body", "异物", "Foreign body"),
            ("other", "其他", "Other"),
        ],
    ),
    (
        "injury_severity",
        "伤害严重程度",
        "Severity",
        &[
            ("mild", "轻度", "Mild"),
            ("moderate", "中度", "Moderate"),
            ("severe", "重度", "Severe"),
        ],
    ),
    (
        "injury_disposition",
        "伤害结局",
        "Disposition",
        &[
            ("released", "处理后离院", "Treated and released"),
            ("observed", "留观", "Held for observation"),
            ("admitted", "住院", "Hospitalised"),
            ("transferred", "转院", "Transferred"),
            ("died", "死亡", "Died"),
            ("other", "其他", "Other"),
        ],
    ),
    (
        SOURCE,
        "缺陷信息来源",
        "Defect report source",
        &[
            ("consumer", "消费者报告", "Consumer"),
            ("enterprise", "企业报告", "Enterprise"),
            ("injury-case", "伤害监测病例", "Injury case"),
            ("sampling", "监督抽查不合格", "Failed sampling inspection"),
            ("complaint", "投诉举报", "Complaint"),
        ],
    ),
    (
        "injury_report_status",
        "缺陷信息状态",
        "Defect report status",
        &[
            ("new", "待研判", "New"),
            ("triaged", "已研判", "Triaged"),
            ("closed", "已办结", "Closed"),
        ],
    ),
    (
        "injury_signal_status",
        "信号状态",
        "Signal status",
        &[
            ("new", "新信号", "New"),
            ("reviewing", "研判中", "Reviewing"),
            ("escalated", "已转评估或调查", "Escalated"),
            ("closed", "已关闭", "Closed"),
        ],
    ),
];

/// The active values of some dictionaries, loaded once for a form or a whole import.
pub struct Codes(std::collections::HashMap<&'static str, std::collections::HashSet<String>>);

impl Codes {
    pub async fn load<C: sea_orm::ConnectionTrait>(
        db: &C,
        types: &[&'static str],
    ) -> longzhi_store::Result<Self> {
        let mut map = std::collections::HashMap::new();
        for &t in types {
            let items = longzhi_store::repo::dicts::items(db, t, true).await?;
            map.insert(t, items.into_iter().map(|i| i.value).collect());
        }
        Ok(Self(map))
    }

    /// Records an error under `field` unless `value` is an active value of `dict`.
    pub fn check(
        &self,
        errs: &mut longzhi_domain::FieldErrors,
        field: &str,
        dict: &str,
        value: &str,
    ) {
        if value.trim().is_empty() {
            errs.push(longzhi_domain::FieldError::new(
                field,
                longzhi_domain::Rule::Required,
            ));
        } else if !self.0.get(dict).is_some_and(|v| v.contains(value)) {
            errs.push(
                longzhi_domain::FieldError::new(field, longzhi_domain::Rule::Exists)
                    .with("value", value)
                    .with("dict", dict),
            );
        }
    }
}

/// Checks one value against one dictionary (a form with a single coded field).
pub async fn check<C: sea_orm::ConnectionTrait>(
    db: &C,
    errs: &mut longzhi_domain::FieldErrors,
    field: &str,
    dict: &'static str,
    value: &str,
) -> longzhi_store::Result<()> {
    Codes::load(db, &[dict])
        .await?
        .check(errs, field, dict, value);
    Ok(())
}
