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
