//! One shape for pagination, sorting and free-text search on every list.

use longzhi_domain::{FieldError, Rule};
use sea_orm::sea_query::{
    Alias, Asterisk, Expr, ExprTrait, Func, LikeExpr, SimpleExpr, WindowStatement,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, Order, PaginatorTrait,
    QueryOrder, QueryResult, QuerySelect, QueryTrait, Select,
};
use serde::{Deserialize, Serialize};

pub const DEFAULT_PAGE_SIZE: u64 = 20;
pub const MAX_PAGE_SIZE: u64 = 500;

/// `?page=1&page_size=20&sort=-created_at,name`
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1-based page number (default 1).
    pub page: Option<u64>,
    /// Rows per page (default 20, at most 500).
    pub page_size: Option<u64>,
    /// Comma-separated sort fields; a leading `-` sorts descending.
    pub sort: Option<String>,
    /// Set by [`PageQuery::everything`] only: never from a request.
    #[serde(skip)]
    #[param(ignore)]
    pub everything: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            page_size: self.page_size,
        }
    }

    /// The same page with `items` in place of its rows (their views, built by the caller).
    pub fn with<U>(self, items: Vec<U>) -> Page<U> {
        Page {
            items,
            total: self.total,
            page: self.page,
            page_size: self.page_size,
        }
    }
}

impl PageQuery {
    /// The whole filtered set, for exports (bounded so one request cannot exhaust memory).
    pub fn everything(sort: Option<String>) -> Self {
        Self {
            page: Some(1),
            page_size: None,
            sort,
            everything: true,
        }
    }

    fn page(&self) -> Result<u64, FieldError> {
        match self.page {
            None => Ok(1),
            Some(p) if (1..=MAX_PAGE).contains(&p) => Ok(p),
            Some(_) => Err(FieldError::new("page", Rule::Range)
                .with("min", 1)
                .with("max", MAX_PAGE)),
        }
    }

    fn page_size(&self, max: u64) -> Result<u64, FieldError> {
        match self.page_size {
            None => Ok(DEFAULT_PAGE_SIZE),
            Some(s) if (1..=max).contains(&s) => Ok(s),
            Some(_) => Err(FieldError::new("page_size", Rule::Range)
                .with("min", 1)
                .with("max", max)),
        }
    }
}

/// The last page one may ask for: its offset (times any page size) stays far inside the `i64`
/// the databases take (a page past `i64::MAX` made the SQLite driver panic).
pub const MAX_PAGE: u64 = 1_000_000;

/// Rows one export may hold.
pub const MAX_EXPORT_ROWS: u64 = 100_000;

/// The column that carries the size of the filtered set on every row of a page.
const TOTAL: &str = "page_total";

/// A row of a page and the size of the whole filtered set (`COUNT(*) OVER ()`).
struct Counted<M> {
    row: M,
    total: i64,
}

impl<M: FromQueryResult> FromQueryResult for Counted<M> {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        Ok(Self {
            row: M::from_query_result(res, pre)?,
            total: res.try_get(pre, TOTAL)?,
        })
    }
}

/// Sorts by the requested whitelisted fields (then by `id` so pages are stable) and fetches one
/// page with the filtered set's size in the same statement (lists run on every page view; a
/// separate count would double their round trips).
pub async fn paginate<E, C>(
    db: &C,
    select: Select<E>,
    q: &PageQuery,
    sortable: &[(&str, E::Column)],
    default_sort: &str,
    id: E::Column,
) -> crate::Result<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Sync,
    C: ConnectionTrait,
{
    let page = q.page()?;
    let page_size = if q.everything {
        MAX_EXPORT_ROWS
    } else {
        q.page_size(MAX_PAGE_SIZE)?
    };
    let mut select = select;
    for (col, order) in parse_sort(q.sort.as_deref().unwrap_or(default_sort), sortable)? {
        select = select.order_by(col, order);
    }
    select = select.order_by(id, Order::Asc);
    let mut counted = select
        .clone()
        .offset((page - 1).saturating_mul(page_size))
        .limit(page_size);
    QueryTrait::query(&mut counted).expr_window_as(
        Func::count(Expr::col(Asterisk)),
        WindowStatement::new(),
        Alias::new(TOTAL),
    );
    let rows = counted.into_model::<Counted<E::Model>>().all(db).await?;
    let total = match rows.first() {
        Some(r) => u64::try_from(r.total).unwrap_or_default(),
        None if page == 1 => 0,
        // Past the last page: no row carries the size.
        None => select.count(db).await?,
    };
    Ok(Page {
        items: rows.into_iter().map(|r| r.row).collect(),
        total,
        page,
        page_size,
    })
}

fn parse_sort<C: Copy>(sort: &str, sortable: &[(&str, C)]) -> Result<Vec<(C, Order)>, FieldError> {
    sort.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let (name, order) = match s.strip_prefix('-') {
                Some(n) => (n, Order::Desc),
                None => (s, Order::Asc),
            };
            sortable
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, c)| (*c, order))
                .ok_or_else(|| {
                    let allowed: Vec<&str> = sortable.iter().map(|(n, _)| *n).collect();
                    FieldError::new("sort", Rule::Enum).with("allowed", allowed.join(","))
                })
        })
        .collect()
}

/// Case-insensitive "contains" on any of `cols`, the same on SQLite and PostgreSQL
/// (`LOWER(col) LIKE LOWER(pattern)` with `%`, `_` and `\` escaped in the user's text).
pub fn contains_any<C: ColumnTrait>(cols: &[C], text: &str) -> Option<SimpleExpr> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let pattern = format!("%{}%", escaped.to_lowercase());
    cols.iter()
        .map(|c| {
            Expr::expr(Func::lower(Expr::col(c.as_column_ref())))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        })
        .reduce(|a, b| a.or(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_is_whitelisted() {
        let cols = [("name", 1), ("created_at", 2)];
        let parsed = parse_sort("-created_at, name", &cols).unwrap();
        assert_eq!(parsed.iter().map(|(c, _)| *c).collect::<Vec<_>>(), [2, 1]);
        assert!(matches!(parsed[0].1, Order::Desc));
        let err = parse_sort("password_hash", &cols).unwrap_err();
        assert_eq!((err.field.as_str(), err.rule), ("sort", Rule::Enum));
    }

    #[test]
    fn page_bounds() {
        let q = PageQuery {
            page: Some(0),
            ..Default::default()
        };
        assert_eq!(q.page().unwrap_err().rule, Rule::Range);
        let q = PageQuery {
            page_size: Some(501),
            ..Default::default()
        };
        assert_eq!(q.page_size(MAX_PAGE_SIZE).unwrap_err().field, "page_size");
        assert_eq!(PageQuery::default().page_size(MAX_PAGE_SIZE).unwrap(), 20);
    }
}
