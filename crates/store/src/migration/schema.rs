//! The schema builders every migration uses, the core's and the modules'.
//!
//! Every business table carries the three *scope columns* the data-scope filter reads:
//! `region_path` (materialised path of the region the record belongs to), `org_id` and `owner_id`.

use sea_orm_migration::{prelude::*, schema::*};

/// Columns every versioned record has.
pub fn stamps(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(integer("version").default(1))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
}

/// The scope columns (see the module comment).
pub fn scope_cols(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(string("region_path"))
        .col(big_integer("org_id"))
        .col(big_integer_null("owner_id"))
}

pub fn index(table: &str, cols: &[&'static str], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(format!("ix_{table}_{}", cols.join("_")))
        .table(table.to_owned());
    for c in cols {
        i.col(*c);
    }
    if unique {
        i.unique();
    }
    i.if_not_exists();
    i
}

/// A table statement without the timestamp columns `table_auto` would add.
pub fn table_auto_plain(name: &str) -> TableCreateStatement {
    Table::create()
        .table(name.to_owned())
        .if_not_exists()
        .to_owned()
}
