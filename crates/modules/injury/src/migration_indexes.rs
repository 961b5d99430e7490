//! Partial indexes for the estimates' second and third product passes (issue 15's benchmark,
//! `scripts/bench/injury`, docs/benchmarks.md).
//!
//! With product as a dimension, `estimates::counts` counts the window's cases three times: by
//! `product1`, then by `product2` and by `product3` where they are not null. Without these
//! indexes each of the last two passes scans the whole table for the ~9 % (and fewer) of cases
//! with a second (third) product: on 1,000,000 cases in PostgreSQL that was two more full scans
//! of 270 MB per page. Each index holds only those cases, with every column the pass reads (the
//! window, the region scope, point, year, the product and the id it counts), so the pass is an
//! index-only scan of the few rows it needs. Plain SQL: the same statement on both backends.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "injury_m0002_product_indexes"
    }
}

const INDEXES: [&str; 2] = [
    "CREATE INDEX IF NOT EXISTS ix_injury_cases_product2 ON injury_cases \
     (treated_on, region_path, point_id, year, product2, id) WHERE product2 IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS ix_injury_cases_product3 ON injury_cases \
     (treated_on, region_path, point_id, year, product3, id) WHERE product3 IS NOT NULL",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for sql in INDEXES {
            m.get_connection().execute_unprepared(sql).await?;
        }
        Ok(())
    }
}

/// The estimates' first pass as an index-only scan on SQLite: it reads the window's cases in
/// `ix_injury_cases_treated_on` and looked every row up in the table (a million random reads for
/// a year, 3–4 s); this index, led by the same column, also holds every column the pass groups
/// by, so it replaces that one. PostgreSQL scans the table for a year's window either way.
pub struct WindowIndex;

impl MigrationName for WindowIndex {
    fn name(&self) -> &str {
        "injury_m0003_window_index"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for WindowIndex {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("DROP INDEX IF EXISTS ix_injury_cases_treated_on")
            .await?;
        db.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS ix_injury_cases_window ON injury_cases \
             (treated_on, region_path, point_id, year, product1, age_group, sex, city_code)",
        )
        .await?;
        Ok(())
    }
}
