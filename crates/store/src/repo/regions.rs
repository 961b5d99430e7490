//! Regions: the administrative tree (GB/T 2260) as a materialised path of codes.
//! Regions are reference data: every signed-in user may read them; changing them takes
//! `system:region:update`.

use std::collections::HashMap;

use chrono::Utc;
use longzhi_domain::{FieldError, FieldErrors, RegionCode, Rule};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Target};
use crate::entity::region;
use crate::page::{Page, PageQuery, contains_any, paginate};
use crate::scope::Principal;
use crate::{Result, StoreError};

pub const LEVELS: [&str; 4] = ["province", "prefecture", "county", "special"];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegionView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub level: String,
    pub parent_id: Option<i64>,
    pub path: String,
    pub sort: i32,
    pub version: i32,
}

impl From<region::Model> for RegionView {
    fn from(m: region::Model) -> Self {
        Self {
            id: m.id,
            code: m.code,
            name: m.name,
            name_en: m.name_en,
            level: m.level,
            parent_id: m.parent_id,
            path: m.path,
            sort: m.sort,
            version: m.version,
        }
    }
}

/// A region with its children, for tree views.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegionNode {
    #[serde(flatten)]
    pub region: RegionView,
    #[schema(no_recursion)]
    pub children: Vec<RegionNode>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionFilter {
    /// Name or code contains.
    pub q: Option<String>,
    pub level: Option<String>,
    /// Only this region's subtree (its code).
    pub within: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct RegionUpdate {
    pub name: String,
    pub name_en: String,
    pub sort: i32,
    pub version: i32,
}

/// The city-level code of a materialised path (`/620000/620500/620502/` → `620500`).
pub fn city_code(path: &str) -> Option<&str> {
    path.split('/').filter(|s| !s.is_empty()).nth(1)
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    f: &RegionFilter,
    q: &PageQuery,
) -> Result<Page<RegionView>> {
    let mut s = region::Entity::find();
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[region::Column::Name, region::Column::Code], t))
    {
        s = s.filter(e);
    }
    if let Some(level) = &f.level {
        s = s.filter(region::Column::Level.eq(level.as_str()));
    }
    if let Some(code) = &f.within {
        let root = by_code(db, code).await?;
        s = s.filter(region::Column::Path.starts_with(root.path.as_str()));
    }
    let sortable = [
        ("code", region::Column::Code),
        ("name", region::Column::Name),
        ("sort", region::Column::Sort),
    ];
    Ok(paginate(db, s, q, &sortable, "code", region::Column::Id)
        .await?
        .map(RegionView::from))
}

/// The province: the one region at the top level (its code prefixes the province's
/// organisations, `620000-bureau`).
pub async fn province<C: ConnectionTrait>(db: &C) -> Result<region::Model> {
    region::Entity::find()
        .filter(region::Column::Level.eq("province"))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// City code → name, for views that show a city by name.
pub async fn city_names<C: ConnectionTrait>(
    db: &C,
) -> Result<std::collections::HashMap<String, String>> {
    Ok(cities(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect())
}

/// The city-level regions (prefectures and the areas under the province), by code.
pub async fn cities<C: ConnectionTrait>(db: &C) -> Result<Vec<region::Model>> {
    Ok(region::Entity::find()
        .filter(region::Column::Level.is_in(["prefecture", "special"]))
        .order_by_asc(region::Column::Code)
        .all(db)
        .await?)
}

pub async fn by_code<C: ConnectionTrait>(db: &C, code: &str) -> Result<region::Model> {
    region::Entity::find()
        .filter(region::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

pub async fn by_id<C: ConnectionTrait>(db: &C, id: i64) -> Result<region::Model> {
    region::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The whole tree, or the subtree of `root` (a region code), ordered by `sort` then code.
pub async fn tree<C: ConnectionTrait>(db: &C, root: Option<&str>) -> Result<Vec<RegionNode>> {
    let mut s = region::Entity::find()
        .order_by_asc(region::Column::Sort)
        .order_by_asc(region::Column::Code);
    let root_path = match root {
        Some(code) => Some(by_code(db, code).await?.path),
        None => None,
    };
    if let Some(p) = &root_path {
        s = s.filter(region::Column::Path.starts_with(p.as_str()));
    }
    let rows = s.all(db).await?;
    Ok(build_tree(
        rows.into_iter().map(RegionView::from).collect(),
        root_path.as_deref(),
    ))
}

fn build_tree(rows: Vec<RegionView>, root_path: Option<&str>) -> Vec<RegionNode> {
    let mut children: HashMap<Option<i64>, Vec<RegionView>> = HashMap::new();
    let mut roots = Vec::new();
    for r in rows {
        if root_path == Some(r.path.as_str()) || (root_path.is_none() && r.parent_id.is_none()) {
            roots.push(r);
        } else {
            children.entry(r.parent_id).or_default().push(r);
        }
    }
    fn attach(r: RegionView, children: &mut HashMap<Option<i64>, Vec<RegionView>>) -> RegionNode {
        let kids = children.remove(&Some(r.id)).unwrap_or_default();
        RegionNode {
            children: kids.into_iter().map(|k| attach(k, children)).collect(),
            region: r,
        }
    }
    roots
        .into_iter()
        .map(|r| attach(r, &mut children))
        .collect()
}

pub async fn update(
    db: &sea_orm::DatabaseConnection,
    p: &Principal,
    id: i64,
    u: RegionUpdate,
) -> Result<RegionView> {
    let mut errs = FieldErrors::new();
    let name = errs.text("name", &u.name, 64);
    let name_en = errs.text("name_en", &u.name_en, 128);
    errs.finish()?;
    let txn = crate::backend::begin_write(db).await?;
    let before = by_id(&txn, id).await?;
    let am = region::ActiveModel {
        name: Set(name.unwrap_or_default()),
        name_en: Set(name_en.unwrap_or_default()),
        sort: Set(u.sort),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    super::update_versioned(
        &txn,
        region::Column::Id,
        region::Column::Version,
        id,
        u.version,
        am,
    )
    .await?;
    let after = by_id(&txn, id).await?;
    let target = Target {
        entity: "region",
        id: id.to_string(),
        region_path: &after.path,
        org_id: None,
    };
    audit::record(&txn, p, target, "update", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    Ok(after.into())
}

/// One row of a regions CSV: `level,code,name,parent_code[,name_en]`.
#[derive(Debug, Clone, Deserialize)]
pub struct RegionRow {
    pub level: String,
    pub code: String,
    pub name: String,
    pub parent_code: Option<String>,
    pub name_en: Option<String>,
}

/// Parses a regions CSV; errors name the line and the column.
pub fn parse_csv(text: &str) -> std::result::Result<Vec<RegionRow>, Vec<(usize, FieldError)>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, rec) in rdr.deserialize::<RegionRow>().enumerate() {
        let line = i + 2;
        match rec {
            Ok(r) => {
                if let Err(e) = RegionCode::parse(&r.code) {
                    errors.push((line, e.at("code")));
                }
                if let Some(pc) = r.parent_code.as_deref().filter(|s| !s.is_empty())
                    && let Err(e) = RegionCode::parse(pc)
                {
                    errors.push((line, e.at("parent_code")));
                }
                if !LEVELS.contains(&r.level.as_str()) {
                    errors.push((
                        line,
                        FieldError::new("level", Rule::Enum).with("allowed", LEVELS.join(",")),
                    ));
                }
                if r.name.is_empty() {
                    errors.push((line, FieldError::new("name", Rule::Required)));
                }
                rows.push(r);
            }
            Err(e) => errors.push((
                line,
                FieldError::new(csv_field(&e), Rule::Format).with("detail", e),
            )),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn csv_field(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => err
            .field()
            .map_or("row".into(), |f| format!("column {}", f + 1)),
        _ => "row".into(),
    }
}

/// Inserts or updates regions by code, parents before children (within one transaction, so a
/// bad row leaves everything as it was). Returns how many rows were written.
pub async fn upsert_rows<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    rows: &[RegionRow],
) -> Result<usize> {
    let now = Utc::now();
    let mut pending: Vec<&RegionRow> = rows.iter().collect();
    let mut written = 0;
    while !pending.is_empty() {
        let before = pending.len();
        let mut next = Vec::new();
        for r in pending {
            let parent = match r.parent_code.as_deref().filter(|s| !s.is_empty()) {
                None => None,
                Some(pc) => match region::Entity::find()
                    .filter(region::Column::Code.eq(pc))
                    .one(db)
                    .await?
                {
                    Some(parent) => Some(parent),
                    None => {
                        next.push(r);
                        continue;
                    }
                },
            };
            let path = format!(
                "{}{}/",
                parent.as_ref().map_or("/", |p| p.path.as_str()),
                r.code
            );
            let name_en = r
                .name_en
                .clone()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| r.name.clone());
            let existing = region::Entity::find()
                .filter(region::Column::Code.eq(r.code.as_str()))
                .one(db)
                .await?;
            let (action, before_model, after) = match existing {
                Some(e) => {
                    let mut am: region::ActiveModel = e.clone().into();
                    am.name = Set(r.name.clone());
                    am.name_en = Set(name_en);
                    am.level = Set(r.level.clone());
                    am.parent_id = Set(parent.as_ref().map(|p| p.id));
                    am.path = Set(path);
                    am.version = Set(e.version + 1);
                    am.updated_at = Set(now);
                    ("update", Some(e), am.update(db).await?)
                }
                None => {
                    let am = region::ActiveModel {
                        code: Set(r.code.clone()),
                        name: Set(r.name.clone()),
                        name_en: Set(name_en),
                        level: Set(r.level.clone()),
                        parent_id: Set(parent.as_ref().map(|p| p.id)),
                        path: Set(path),
                        sort: Set(0),
                        version: Set(1),
                        created_at: Set(now),
                        updated_at: Set(now),
                        ..Default::default()
                    };
                    ("create", None, am.insert(db).await?)
                }
            };
            let target = Target {
                entity: "region",
                id: after.id.to_string(),
                region_path: &after.path,
                org_id: None,
            };
            audit::record(db, p, target, action, before_model.as_ref(), Some(&after)).await?;
            written += 1;
        }
        if next.len() == before {
            let codes: Vec<&str> = next.iter().map(|r| r.code.as_str()).collect();
            return Err(FieldError::new("parent_code", Rule::Exists)
                .with("codes", codes.join(","))
                .into());
        }
        pending = next;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_code_is_the_second_segment() {
        assert_eq!(city_code("/620000/620500/620502/"), Some("620500"));
        assert_eq!(city_code("/620000/620171/"), Some("620171"));
        assert_eq!(city_code("/620000/"), None);
    }

    #[test]
    fn csv_errors_name_line_and_column() {
        let errs =
            parse_csv("level,code,name,parent_code\ncity,62010,兰州市,620000\n").unwrap_err();
        let found: Vec<(usize, &str, Rule)> = errs
            .iter()
            .map(|(l, e)| (*l, e.field.as_str(), e.rule))
            .collect();
        assert_eq!(found, [(2, "code", Rule::Format), (2, "level", Rule::Enum)]);
    }

    #[test]
    fn the_shipped_gansu_file_parses() {
        let rows = parse_csv(include_str!("../../assets/gansu_divisions.csv")).unwrap();
        assert_eq!(rows.iter().filter(|r| r.level == "prefecture").count(), 14);
        assert_eq!(rows.iter().filter(|r| r.level == "county").count(), 86);
    }
}
