//! System parameters: typed settings an administrator may change at run time.

use chrono::Utc;
use longzhi_domain::{FieldError, Rule};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Target};
use crate::entity::param;
use crate::scope::Principal;
use crate::{Result, StoreError};

/// Every parameter the code reads, with its default and bounds (seeded into the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    SessionIdleMinutes,
    SessionAbsoluteHours,
    AuthMaxFailures,
    AuthLockMinutes,
    AuthIpMaxFailures,
    UploadMaxMb,
    UploadDailyQuotaMb,
    PlanRemindDays,
}

impl Param {
    pub const ALL: [Param; 8] = [
        Param::SessionIdleMinutes,
        Param::SessionAbsoluteHours,
        Param::AuthMaxFailures,
        Param::AuthLockMinutes,
        Param::AuthIpMaxFailures,
        Param::UploadMaxMb,
        Param::UploadDailyQuotaMb,
        Param::PlanRemindDays,
    ];

    /// (key, default, min, max, name, English name)
    pub fn spec(self) -> (&'static str, i64, i32, i32, &'static str, &'static str) {
        match self {
            Param::SessionIdleMinutes => (
                "session.idle_minutes",
                30,
                5,
                1440,
                "会话空闲超时(分钟)",
                "Session idle timeout (minutes)",
            ),
            Param::SessionAbsoluteHours => (
                "session.absolute_hours",
                12,
                1,
                720,
                "会话最长时间(小时)",
                "Session absolute lifetime (hours)",
            ),
            Param::AuthMaxFailures => (
                "auth.max_failures",
                5,
                3,
                20,
                "登录失败锁定次数",
                "Failed sign-ins before lock-out",
            ),
            Param::AuthLockMinutes => (
                "auth.lock_minutes",
                15,
                1,
                1440,
                "账号锁定时长(分钟)",
                "Lock-out duration (minutes)",
            ),
            Param::AuthIpMaxFailures => (
                "auth.ip_max_failures",
                30,
                5,
                10000,
                "同一地址登录失败限制次数",
                "Failed sign-ins from one address before it is throttled",
            ),
            Param::UploadMaxMb => (
                "upload.max_mb",
                20,
                1,
                500,
                "附件大小上限(MB)",
                "Attachment size limit (MB)",
            ),
            Param::UploadDailyQuotaMb => (
                "upload.daily_quota_mb",
                200,
                1,
                100_000,
                "每人每日上传总量上限(MB)",
                "Uploads per user per day (MB)",
            ),
            Param::PlanRemindDays => (
                "plan.remind_days",
                7,
                1,
                90,
                "督办任务到期提醒提前天数",
                "Days before a task deadline to remind its owner",
            ),
        }
    }

    pub fn key(self) -> &'static str {
        self.spec().0
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ParamView {
    pub key: String,
    pub value: String,
    pub kind: String,
    pub name: String,
    pub name_en: String,
    pub min_value: Option<i32>,
    pub max_value: Option<i32>,
    pub version: i32,
    pub updated_at: chrono::DateTime<Utc>,
}

impl From<param::Model> for ParamView {
    fn from(m: param::Model) -> Self {
        Self {
            key: m.key,
            value: m.value,
            kind: m.kind,
            name: m.name,
            name_en: m.name_en,
            min_value: m.min_value,
            max_value: m.max_value,
            version: m.version,
            updated_at: m.updated_at,
        }
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ParamUpdate {
    pub value: String,
    pub version: i32,
}

/// The integer value of `p` (its default when unset or unreadable).
pub async fn get_int<C: ConnectionTrait>(db: &C, p: Param) -> Result<i64> {
    let (key, default, ..) = p.spec();
    let row = param::Entity::find()
        .filter(param::Column::Key.eq(key))
        .one(db)
        .await?;
    Ok(row.and_then(|r| r.value.parse().ok()).unwrap_or(default))
}

pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<ParamView>> {
    Ok(param::Entity::find()
        .order_by_asc(param::Column::Key)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Inserts missing parameters with their defaults (existing values are kept).
pub async fn seed<C: ConnectionTrait>(db: &C) -> Result<()> {
    let now = Utc::now();
    for p in Param::ALL {
        let (key, default, min, max, name, name_en) = p.spec();
        if param::Entity::find()
            .filter(param::Column::Key.eq(key))
            .one(db)
            .await?
            .is_none()
        {
            param::Entity::insert(param::ActiveModel {
                key: Set(key.into()),
                value: Set(default.to_string()),
                kind: Set("int".into()),
                name: Set(name.into()),
                name_en: Set(name_en.into()),
                min_value: Set(Some(min)),
                max_value: Set(Some(max)),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .exec_without_returning(db)
            .await?;
        }
    }
    Ok(())
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    key: &str,
    u: ParamUpdate,
) -> Result<ParamView> {
    let txn = crate::backend::begin_write(db).await?;
    let before = param::Entity::find()
        .filter(param::Column::Key.eq(key))
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let value = u.value.trim().to_owned();
    if before.kind == "int" {
        let n: i64 = value
            .parse()
            .map_err(|_| FieldError::new("value", Rule::Format).with("pattern", "integer"))?;
        let (lo, hi) = (
            before.min_value.map_or(i64::MIN, i64::from),
            before.max_value.map_or(i64::MAX, i64::from),
        );
        if n < lo || n > hi {
            return Err(FieldError::new("value", Rule::Range)
                .with("min", lo)
                .with("max", hi)
                .into());
        }
    } else if value.chars().count() > 1000 {
        return Err(FieldError::new("value", Rule::Length)
            .with("max", 1000)
            .into());
    }
    let am = param::ActiveModel {
        value: Set(value),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    super::update_versioned(
        &txn,
        param::Column::Id,
        param::Column::Version,
        before.id,
        u.version,
        am,
    )
    .await?;
    let after = param::Entity::find_by_id(before.id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let target = Target {
        entity: "param",
        id: key.to_owned(),
        region_path: "/",
        org_id: None,
    };
    audit::record(&txn, p, target, "update", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    Ok(after.into())
}
