//! Reference data every installation needs (regions, the bureau's organisations, built-in roles,
//! dictionaries, parameters) and the demo data of `longzhi seed --demo`. Both are idempotent:
//! what exists is kept.

use longzhi_domain::Status;
use longzhi_domain::{CreditCode, DataScope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};

use crate::entity::{org, region, role};
use crate::repo::dicts::{self, DictItemInput, DictTypeInput};
use crate::repo::orgs::{self, NewOrg};
use crate::repo::users::{self, NewUser};
use crate::repo::{params, regions};
use crate::scope::Principal;
use crate::{Result, StoreError};

const GANSU: &str = include_str!("../assets/gansu_divisions.csv");
const GANSU_SPECIAL: &str = include_str!("../assets/gansu_special_areas.csv");
const GANSU_EN: &str = include_str!("../assets/gansu_names_en.csv");

/// The password of every demo user (meets the policy; printed by `scripts/run`).
pub const DEMO_PASSWORD: &str = "Longzhi@2023";

/// The hash of [`DEMO_PASSWORD`], made once per process: every demo account shares the password
/// anyway, and the test suites seed a fresh database per test.
pub async fn demo_password_hash() -> Result<&'static str> {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_try_init(|| crate::password::hash_limited(DEMO_PASSWORD.into()))
        .await
        .map(String::as_str)
}

/// Departments of the provincial bureau: (code suffix, name).
const DEPARTMENTS: [(&str, &str); 6] = [
    ("quality", "质量发展处"),
    ("product-safety", "产品质量安全监督管理处"),
    ("certification", "认证监督管理处"),
    ("metrology", "计量处"),
    ("standards", "标准化处"),
    ("recall", "缺陷产品管理中心"),
];

/// Built-in roles: (code, name, English name, scope, permissions).
const ROLES: [(&str, &str, &str, DataScope, &[&str]); 10] = [
    (
        "province_admin",
        "省级系统管理员",
        "Province administrator",
        DataScope::All,
        &["*:*:*"],
    ),
    (
        "province_staff",
        "省局业务人员",
        "Province staff",
        DataScope::All,
        &[
            "system:org:list",
            "system:org:view",
            "system:region:list",
            "system:user:list",
            "system:user:view",
            "plan:*:*",
            "quality:*:*",
            "injury:*:*",
            "recall:*:*",
            "car:*:*",
            "service:*:*",
            "programme:*:*",
            "assessment:*:*",
            "file:attachment:upload",
        ],
    ),
    (
        "city_admin",
        "市级管理员",
        "City administrator",
        DataScope::Region,
        &[
            "system:user:*",
            "system:org:*",
            "system:region:list",
            "system:audit:list",
            "system:login-log:list",
            "system:session:*",
            "plan:plan:list",
            "plan:plan:view",
            "plan:task:list",
            "plan:task:view",
            "plan:task:export",
            "plan:task:report",
            "plan:matrix:list",
            "quality:indicator:list",
            "quality:indicator:view",
            "quality:framework:list",
            "quality:framework:view",
            "quality:round:list",
            "quality:round:view",
            "quality:submission:view",
            "quality:submission:fill",
            "quality:submission:submit",
            "quality:value:list",
            "quality:value:export",
            "quality:analysis:view",
            "quality:analysis:export",
            "quality:action:*",
            "injury:point:list",
            "injury:point:view",
            "injury:case:list",
            "injury:case:view",
            "injury:case:export",
            "injury:estimate:view",
            "injury:estimate:export",
            "injury:report:list",
            "injury:report:view",
            "injury:report:create",
            "injury:report:update",
            "injury:report:import",
            "injury:report:export",
            "injury:signal:list",
            "injury:signal:export",
            "recall:risk:evaluate",
            "recall:assessment:list",
            "recall:assessment:view",
            "recall:assessment:create",
            "recall:investigation:list",
            "recall:investigation:view",
            "recall:investigation:create",
            "recall:investigation:notify",
            "recall:investigation:talk",
            "recall:expert:list",
            "recall:expert:view",
            "recall:recall:list",
            "recall:recall:view",
            "recall:recall:export",
            "recall:warning:list",
            "recall:warning:view",
            "recall:warning:create",
            "recall:warning:update",
            "car:dispute:list",
            "car:dispute:view",
            "car:dispute:create",
            "car:dispute:update",
            "car:dispute:import",
            "car:dispute:export",
            "car:dispute:answer",
            "car:dispute:mediate",
            "car:dispute:assign",
            "car:dispute:close",
            "car:maker:list",
            "car:maker:view",
            "car:calendar:list",
            "car:analysis:view",
            "car:injury:list",
            "car:injury:link",
            "service:survey:list",
            "service:survey:view",
            "service:round:list",
            "service:round:view",
            "service:quota:list",
            "service:quota:update",
            "service:response:list",
            "service:response:view",
            "service:response:create",
            "service:response:import",
            "service:response:export",
            "service:result:view",
            "service:result:export",
            "service:task:list",
            "service:task:view",
            "service:task:report",
            "service:event:list",
            "service:event:view",
            "service:event:create",
            "service:event:handle",
            "programme:round:list",
            "programme:round:view",
            "programme:application:list",
            "programme:application:view",
            "programme:application:create",
            "programme:application:recommend",
            "programme:term:list",
            "assessment:year:list",
            "assessment:year:view",
            "assessment:evaluation:list",
            "assessment:evaluation:view",
            "assessment:evaluation:fill",
            "assessment:evaluation:export",
            "assessment:result:view",
            "assessment:result:export",
            "assessment:remediation:list",
            "assessment:remediation:view",
            "assessment:remediation:report",
            "assessment:finding:list",
            "assessment:finding:report",
            "file:attachment:upload",
        ],
    ),
    (
        "city_staff",
        "市局业务人员",
        "City staff",
        DataScope::Region,
        &[
            "system:org:list",
            "system:region:list",
            "plan:plan:list",
            "plan:plan:view",
            "plan:task:list",
            "plan:task:view",
            "plan:task:export",
            "plan:task:report",
            "plan:matrix:list",
            "quality:indicator:list",
            "quality:indicator:view",
            "quality:framework:list",
            "quality:framework:view",
            "quality:round:list",
            "quality:round:view",
            "quality:submission:view",
            "quality:submission:fill",
            "quality:submission:submit",
            "quality:value:list",
            "quality:value:export",
            "quality:analysis:view",
            "quality:analysis:export",
            "quality:action:*",
            "injury:point:list",
            "injury:point:view",
            "injury:case:list",
            "injury:case:view",
            "injury:case:export",
            "injury:estimate:view",
            "injury:estimate:export",
            "injury:report:list",
            "injury:report:view",
            "injury:report:create",
            "injury:report:update",
            "injury:report:import",
            "injury:report:export",
            "injury:signal:list",
            "injury:signal:export",
            "recall:risk:evaluate",
            "recall:assessment:list",
            "recall:assessment:view",
            "recall:assessment:create",
            "recall:investigation:list",
            "recall:investigation:view",
            "recall:investigation:create",
            "recall:investigation:notify",
            "recall:investigation:talk",
            "recall:expert:list",
            "recall:expert:view",
            "recall:recall:list",
            "recall:recall:view",
            "recall:recall:export",
            "recall:warning:list",
            "recall:warning:view",
            "recall:warning:create",
            "recall:warning:update",
            "car:dispute:list",
            "car:dispute:view",
            "car:dispute:create",
            "car:dispute:update",
            "car:dispute:import",
            "car:dispute:export",
            "car:dispute:answer",
            "car:dispute:mediate",
            "car:dispute:assign",
            "car:dispute:close",
            "car:maker:list",
            "car:maker:view",
            "car:calendar:list",
            "car:analysis:view",
            "car:injury:list",
            "car:injury:link",
            "service:survey:list",
            "service:survey:view",
            "service:round:list",
            "service:round:view",
            "service:quota:list",
            "service:quota:update",
            "service:response:list",
            "service:response:view",
            "service:response:create",
            "service:response:import",
            "service:response:export",
            "service:result:view",
            "service:result:export",
            "service:task:list",
            "service:task:view",
            "service:task:report",
            "service:event:list",
            "service:event:view",
            "service:event:create",
            "service:event:handle",
            "assessment:year:list",
            "assessment:year:view",
            "assessment:evaluation:list",
            "assessment:evaluation:view",
            "assessment:evaluation:fill",
            "assessment:evaluation:export",
            "assessment:result:view",
            "assessment:result:export",
            "assessment:remediation:list",
            "assessment:remediation:view",
            "assessment:remediation:report",
            "assessment:finding:list",
            "assessment:finding:report",
            "file:attachment:upload",
        ],
    ),
    (
        "dept_staff",
        "处室业务人员",
        "Department staff",
        DataScope::Org,
        &[
            "system:org:list",
            "plan:plan:list",
            "plan:plan:view",
            "plan:task:list",
            "plan:task:view",
            "plan:task:export",
            "plan:task:report",
            "quality:indicator:list",
            "quality:framework:list",
            "quality:framework:view",
            "quality:analysis:view",
            "service:task:list",
            "service:task:view",
            "service:task:report",
            "service:event:list",
            "service:event:view",
            "service:event:handle",
            "assessment:year:list",
            "assessment:year:view",
            "assessment:score:list",
            "assessment:score:submit",
            "assessment:result:view",
            "assessment:finding:list",
            "assessment:finding:report",
            "file:attachment:upload",
        ],
    ),
    (
        "enterprise",
        "企业用户",
        "Enterprise user",
        DataScope::Org,
        &[
            "injury:report:list",
            "injury:report:view",
            "injury:report:create",
            "recall:investigation:list",
            "recall:investigation:view",
            "recall:investigation:analysis",
            "recall:recall:list",
            "recall:recall:view",
            "recall:recall:create",
            "recall:recall:update",
            "recall:recall:progress",
            "car:dispute:list",
            "car:dispute:view",
            "car:maker:list",
            "car:maker:view",
            "programme:round:list",
            "programme:round:view",
            "programme:application:list",
            "programme:application:view",
            "programme:application:create",
            "programme:term:list",
            "file:attachment:upload",
        ],
    ),
    (
        "monitoring_point",
        "伤害监测点用户",
        "Monitoring point staff",
        DataScope::Org,
        &[
            "injury:point:list",
            "injury:point:view",
            "injury:case:list",
            "injury:case:view",
            "injury:case:create",
            "injury:case:update",
            "injury:case:delete",
            "injury:case:import",
            "injury:case:export",
            "injury:report:create",
        ],
    ),
    (
        "institution",
        "服务机构用户",
        "Institution user",
        DataScope::Org,
        &[],
    ),
    (
        "expert",
        "专家",
        "Expert",
        DataScope::Assigned,
        &[
            "recall:investigation:list",
            "recall:investigation:view",
            "recall:investigation:opinion",
            "car:dispute:list",
            "car:dispute:view",
            "car:dispute:opinion",
            "programme:round:list",
            "programme:round:view",
            "programme:application:list",
            "programme:application:view",
            "programme:score:list",
            "programme:score:submit",
        ],
    ),
    (
        "survey_staff",
        "满意度调查员",
        "Survey staff",
        DataScope::Own,
        &[
            "service:survey:list",
            "service:survey:view",
            "service:round:list",
            "service:round:view",
            "service:quota:list",
            "service:response:list",
            "service:response:view",
            "service:response:create",
        ],
    ),
];

/// A built-in dictionary: (type, name, English name, items (value, label, English label)).
pub type Dict = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);
const DICTS: [Dict; 8] = [
    (
        "org_kind",
        "组织类型",
        "Organisation kind",
        &[
            ("province_bureau", "省局", "Provincial bureau"),
            ("department", "省局处室", "Bureau department"),
            ("city_bureau", "市级局", "City bureau"),
            ("county_office", "县级局", "County office"),
            ("enterprise", "企业", "Enterprise"),
            ("institution", "服务机构", "Service institution"),
            ("expert_pool", "专家库", "Expert pool"),
        ],
    ),
    (
        "region_level",
        "区划级别",
        "Region level",
        &[
            ("province", "省级", "Province"),
            ("prefecture", "地市级", "Prefecture"),
            ("county", "县级", "County"),
            ("special", "省直属区域", "Special area"),
        ],
    ),
    (
        "data_scope",
        "数据范围",
        "Data scope",
        &[
            ("all", "全部数据", "All data"),
            ("region", "本区域及下级", "Own region and below"),
            ("org", "本单位", "Own organisation"),
            ("own", "仅本人", "Own records"),
            ("assigned", "分配给本人", "Assigned records"),
        ],
    ),
    (
        "status",
        "状态",
        "Status",
        &[
            ("active", "正常", "Active"),
            ("disabled", "停用", "Disabled"),
        ],
    ),
    (
        "login_reason",
        "登录结果",
        "Sign-in result",
        &[
            ("ok", "成功", "Success"),
            (
                "invalid_credentials",
                "用户名或密码错误",
                "Wrong user name or password",
            ),
            ("locked", "账号锁定", "Locked"),
            ("disabled", "账号停用", "Disabled"),
            ("logout", "退出", "Signed out"),
        ],
    ),
    (
        "plan_status",
        "计划状态",
        "Plan status",
        &[
            ("draft", "草稿", "Draft"),
            ("published", "已发布", "Published"),
            ("closed", "已关闭", "Closed"),
        ],
    ),
    (
        "plan_task_status",
        "任务进展",
        "Task progress",
        &[
            ("not_started", "未开始", "Not started"),
            ("in_progress", "进行中", "In progress"),
            ("done", "已完成", "Done"),
        ],
    ),
    (
        "plan_review",
        "审核状态",
        "Review",
        &[
            ("none", "未报送", "Not reported"),
            ("pending", "待审核", "Pending"),
            ("accepted", "已通过", "Accepted"),
            ("returned", "已退回", "Returned"),
        ],
    ),
];

/// Loads the reference data. Returns whether anything was added.
pub async fn base(db: &DatabaseConnection) -> Result<bool> {
    let p = Principal::system("seed");
    let fresh = region::Entity::find().count(db).await? == 0;
    let txn = crate::backend::begin_write(db).await?;
    load_regions(&txn, &p).await?;
    seed_roles(&txn).await?;
    seed_dicts(&txn, &p, &DICTS).await?;
    params::seed(&txn).await?;
    seed_bureaus(&txn, &p).await?;
    txn.commit().await?;
    Ok(fresh)
}

async fn load_regions<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<()> {
    if region::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let parse = |text| {
        regions::parse_csv(text).map_err(|e| {
            StoreError::Db(sea_orm::DbErr::Custom(format!(
                "bundled regions CSV: {e:?}"
            )))
        })
    };
    let mut rows = parse(GANSU)?;
    rows.extend(parse(GANSU_SPECIAL)?);
    for line in GANSU_EN.lines().skip(1) {
        if let Some((code, en)) = line.split_once(',')
            && let Some(r) = rows.iter_mut().find(|r| r.code == code)
        {
            r.name_en = Some(en.to_owned());
        }
    }
    regions::upsert_rows(db, p, &rows).await?;
    Ok(())
}

/// The module of a permission code (`plan` of `plan:task:report`).
fn module(permission: &str) -> &str {
    permission.split(':').next().unwrap_or_default()
}

/// The permissions of `builtin` whose modules `have` has none of (a module added by an
/// upgrade); the modules an administrator already tailored are left alone.
fn new_modules(have: &[String], builtin: &[&str]) -> Vec<String> {
    builtin
        .iter()
        .filter(|p| {
            !have
                .iter()
                .any(|h| module(h) == module(p) || module(h) == "*")
        })
        .map(|p| (*p).to_owned())
        .collect()
}

/// Creates the built-in roles; on an existing database, gives each built-in role the
/// permissions of the modules it has not met yet.
async fn seed_roles<C: ConnectionTrait>(db: &C) -> Result<()> {
    let now = chrono::Utc::now();
    for (i, (code, name, name_en, scope, perms)) in ROLES.iter().enumerate() {
        let existing = role::Entity::find()
            .filter(role::Column::Code.eq(*code))
            .one(db)
            .await?;
        match existing {
            Some(r) if r.builtin => {
                let mut have: Vec<String> =
                    serde_json::from_str(&r.permissions).unwrap_or_default();
                let new = new_modules(&have, perms);
                if !new.is_empty() {
                    have.extend(new);
                    role::ActiveModel {
                        id: Set(r.id),
                        permissions: Set(serde_json::Value::from(have).to_string()),
                        updated_at: Set(now),
                        ..Default::default()
                    }
                    .update(db)
                    .await?;
                }
            }
            Some(_) => {}
            None => {
                role::Entity::insert(role::ActiveModel {
                    code: Set((*code).into()),
                    name: Set((*name).into()),
                    name_en: Set((*name_en).into()),
                    data_scope: Set(scope.as_str().into()),
                    permissions: Set(serde_json::Value::from(perms.to_vec()).to_string()),
                    builtin: Set(true),
                    status: Set(Status::Active),
                    sort: Set(i as i32),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                })
                .exec_without_returning(db)
                .await?;
            }
        }
    }
    Ok(())
}

/// Creates the dictionaries of `list` that do not exist yet (an administrator's edits to one that
/// does are kept).
pub async fn seed_dicts<C: ConnectionTrait>(db: &C, p: &Principal, list: &[Dict]) -> Result<()> {
    for &(code, name, name_en, items) in list {
        let exists = crate::entity::dict_type::Entity::find()
            .filter(crate::entity::dict_type::Column::Code.eq(code))
            .count(db)
            .await?
            > 0;
        if exists {
            continue;
        }
        let t = DictTypeInput {
            code: code.into(),
            name: name.into(),
            name_en: name_en.into(),
            status: "active".into(),
            version: None,
        };
        dicts::create_type_in(db, p, t, true).await?;
        for (i, (value, label, label_en)) in items.iter().enumerate() {
            let item = DictItemInput {
                value: (*value).into(),
                label: (*label).into(),
                label_en: (*label_en).into(),
                sort: i as i32,
                status: "active".into(),
                version: None,
            };
            dicts::create_item_in(db, p, code, item).await?;
        }
    }
    Ok(())
}

async fn ensure_org<C: ConnectionTrait>(db: &C, p: &Principal, n: NewOrg) -> Result<org::Model> {
    match orgs::by_code(db, &n.code).await {
        Ok(o) => Ok(o),
        Err(StoreError::NotFound) => {
            let code = n.code.clone();
            orgs::create_in(db, p, n).await?;
            orgs::by_code(db, &code).await
        }
        Err(e) => Err(e),
    }
}

fn org(
    code: String,
    name: String,
    kind: &str,
    region_code: &str,
    parent_id: Option<i64>,
) -> NewOrg {
    NewOrg {
        code,
        name,
        kind: kind.into(),
        region_code: region_code.into(),
        parent_id,
        credit_code: None,
        contact: None,
        phone: None,
        sort: 0,
    }
}

/// The name of a region's market-regulation bureau (东风场区 has an 工商局, as the notice says).
fn bureau_name(region: &region::Model) -> String {
    match region.code.as_str() {
        "629902" => format!("{}工商局", region.name),
        _ => format!("{}市场监督管理局", region.name),
    }
}

/// The provincial bureau and its departments, a bureau for every city-level region and an office
/// for every county.
async fn seed_bureaus<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<()> {
    let all = region::Entity::find().all(db).await?;
    let Some(province) = all.iter().find(|r| r.parent_id.is_none()) else {
        return Ok(());
    };
    let root = ensure_org(
        db,
        p,
        org(
            format!("{}-bureau", province.code),
            bureau_name(province),
            "province_bureau",
            &province.code,
            None,
        ),
    )
    .await?;
    for (suffix, name) in DEPARTMENTS {
        ensure_org(
            db,
            p,
            org(
                format!("{}-{suffix}", province.code),
                name.into(),
                "department",
                &province.code,
                Some(root.id),
            ),
        )
        .await?;
    }
    let mut cities: Vec<&region::Model> = all
        .iter()
        .filter(|r| r.parent_id == Some(province.id))
        .collect();
    cities.sort_by(|a, b| a.code.cmp(&b.code));
    for city in cities {
        let bureau = ensure_org(
            db,
            p,
            org(
                format!("{}-bureau", city.code),
                bureau_name(city),
                "city_bureau",
                &city.code,
                Some(root.id),
            ),
        )
        .await?;
        let mut counties: Vec<&region::Model> = all
            .iter()
            .filter(|r| r.parent_id == Some(city.id))
            .collect();
        counties.sort_by(|a, b| a.code.cmp(&b.code));
        for county in counties {
            ensure_org(
                db,
                p,
                org(
                    format!("{}-office", county.code),
                    bureau_name(county),
                    "county_office",
                    &county.code,
                    Some(bureau.id),
                ),
            )
            .await?;
        }
    }
    ensure_org(
        db,
        p,
        org(
            format!("{}-experts", province.code),
            "省质量技术专家库".into(),
            "expert_pool",
            &province.code,
            Some(root.id),
        ),
    )
    .await?;
    Ok(())
}

/// Demo enterprises and institutions: (code, name, kind, region, 9-character organisation code).
const DEMO_ORGS: [(&str, &str, &str, &str, &str); 8] = [
    (
        "demo-ent-lz1",
        "兰州示范机械制造有限公司",
        "enterprise",
        "620100",
        "MA71A0001",
    ),
    (
        "demo-ent-lz2",
        "兰州新区示范新材料股份有限公司",
        "enterprise",
        "620171",
        "MA71A0002",
    ),
    (
        "demo-ent-ts1",
        "天水示范电工电器有限公司",
        "enterprise",
        "620500",
        "MA71A0003",
    ),
    (
        "demo-ent-jq1",
        "酒泉示范新能源装备有限公司",
        "enterprise",
        "620900",
        "MA71A0004",
    ),
    (
        "demo-ent-ln1",
        "陇南示范特色农产品有限公司",
        "enterprise",
        "621200",
        "MA71A0005",
    ),
    (
        "demo-inst-metrology",
        "甘肃示范计量检测服务中心",
        "institution",
        "620100",
        "MB1A00011",
    ),
    (
        "demo-inst-testing",
        "天水示范产品质量检验所",
        "institution",
        "620500",
        "MB1A00012",
    ),
    (
        "demo-inst-cert",
        "甘肃示范认证服务有限公司",
        "institution",
        "620100",
        "MB1A00013",
    ),
];

/// Demo users: (user name, display name, organisation code, role).
const DEMO_USERS: [(&str, &str, &str, &str); 7] = [
    ("admin", "系统管理员", "620000-bureau", "province_admin"),
    (
        "province",
        "省局质量发展处",
        "620000-quality",
        "province_staff",
    ),
    ("lanzhou", "兰州市局管理员", "620100-bureau", "city_admin"),
    ("tianshui", "天水市局管理员", "620500-bureau", "city_admin"),
    (
        "enterprise",
        "兰州示范机械质量部",
        "demo-ent-lz1",
        "enterprise",
    ),
    ("expert", "质量技术专家", "620000-experts", "expert"),
    ("metrology", "省局计量处", "620000-metrology", "dept_staff"),
];

/// Demo enterprises, institutions and users (see `docs/api.md` for the logins).
pub async fn demo(db: &DatabaseConnection) -> Result<()> {
    base(db).await?;
    let p = Principal::system("seed-demo");
    let txn = crate::backend::begin_write(db).await?;
    for (code, name, kind, region, org_code) in DEMO_ORGS {
        let credit = CreditCode::complete(&format!(
            "{}{region}{org_code}",
            if kind == "enterprise" { "91" } else { "12" }
        ))?;
        let parent = orgs::by_code(&txn, &format!("{region}-bureau"))
            .await
            .ok()
            .map(|o| o.id);
        let mut n = org(code.into(), name.into(), kind, region, parent);
        n.credit_code = Some(credit.to_string());
        ensure_org(&txn, &p, n).await?;
    }
    for (username, display_name, org_code, role_code) in DEMO_USERS {
        if users::by_username(&txn, username).await?.is_some() {
            continue;
        }
        let org = orgs::by_code(&txn, org_code).await?;
        let role = crate::repo::roles::by_code(&txn, role_code).await?;
        let n = NewUser {
            username: username.into(),
            display_name: display_name.into(),
            password: DEMO_PASSWORD.into(),
            org_id: org.id,
            role_ids: vec![role.id],
            email: None,
            phone: None,
        };
        users::create_in(&txn, &p, n, demo_password_hash().await?, false).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Imports regions from parsed CSV rows in one transaction (nothing is written if a row fails).
pub async fn import_regions(db: &DatabaseConnection, rows: &[regions::RegionRow]) -> Result<usize> {
    let p = Principal::system("import-regions");
    let txn = crate::backend::begin_write(db).await?;
    let n = regions::upsert_rows(&txn, &p, rows).await?;
    txn.commit().await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upgrade_adds_new_modules_only() {
        let have = vec!["system:org:list".to_owned(), "plan:task:list".to_owned()];
        let builtin = ["system:user:list", "plan:task:report", "survey:form:list"];
        // `system` and `plan` were tailored by someone: only the unseen `survey` is added.
        assert_eq!(new_modules(&have, &builtin), ["survey:form:list"]);
        assert!(new_modules(&["*:*:*".to_owned()], &builtin).is_empty());
    }
}
