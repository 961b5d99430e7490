//! The data-scope filter: the one place that decides which business records a user may see or
//! change. Repositories start every query on a scoped entity from [`scoped`], and check every
//! record they are about to create with [`Principal::covers`].
//!
//! A scoped table is read without the scope only through [`unscoped`] / [`unscoped_by_id`], each
//! naming why: what runs on nobody's behalf (sign-in, the daily job, seeding) or must look past
//! the caller's scope to decide something (uniqueness, a lock-out). The test
//! `scoped_tables_are_read_through_the_scope` fails on any other `Entity::find` of a scoped
//! table in the crates, so a new repository cannot forget the scope.

use longzhi_domain::{DataScope, PermissionSet};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, Select};

use crate::entity::{assignment, audit_log, file, job, login_log, org, session, user};

/// Who is acting: the signed-in user with their roles folded into one scope and one permission
/// set, or the system itself (seed, scheduled jobs, command line).
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub org_id: i64,
    /// Materialised path of the user's organisation's region.
    pub region_path: String,
    pub scope: DataScope,
    pub permissions: PermissionSet,
    pub role_codes: Vec<String>,
    /// Request id of the HTTP request (or the command) for the audit log.
    pub request_id: String,
}

impl Principal {
    /// The platform acting on its own behalf (command line, seed, jobs): scope all.
    pub fn system(request_id: impl Into<String>) -> Self {
        Self {
            user_id: 0,
            username: "system".into(),
            display_name: "system".into(),
            org_id: 0,
            region_path: "/".into(),
            scope: DataScope::All,
            permissions: PermissionSet(vec![]),
            role_codes: vec![],
            request_id: request_id.into(),
        }
    }

    /// `None` for the system principal, whose id is no user's.
    pub fn actor_id(&self) -> Option<i64> {
        (self.user_id != 0).then_some(self.user_id)
    }

    pub fn allows(&self, permission: &str) -> bool {
        self.user_id == 0 || self.permissions.allows(permission)
    }

    /// The filter for entity `E` under this principal's scope.
    pub fn condition<E: Scoped>(&self) -> Condition {
        let c = Condition::all();
        match self.scope {
            DataScope::All => c,
            DataScope::Region => c.add(E::region_path_col().starts_with(self.region_path.as_str())),
            DataScope::Org => c.add(E::org_col().eq(self.org_id)),
            DataScope::Own => c.add(E::owner_col().eq(self.user_id)),
            DataScope::Assigned => match E::id_col() {
                Some(id) => c.add(
                    id.in_subquery(
                        Query::select()
                            .column(assignment::Column::EntityId)
                            .from(assignment::Entity)
                            .and_where(assignment::Column::Entity.eq(E::NAME))
                            .and_where(assignment::Column::UserId.eq(self.user_id))
                            .to_owned(),
                    ),
                ),
                None => c.add(Expr::cust("1 = 0")),
            },
        }
    }

    /// Whether a new or moved record with these scope values stays inside this scope.
    /// (Assigned records are created by whoever assigns them, never by the assignee.)
    pub fn covers(&self, region_path: &str, org_id: i64, owner_id: Option<i64>) -> bool {
        match self.scope {
            DataScope::All => true,
            DataScope::Region => region_path.starts_with(&self.region_path),
            DataScope::Org => org_id == self.org_id,
            DataScope::Own => owner_id == Some(self.user_id),
            DataScope::Assigned => false,
        }
    }
}

/// An entity whose rows carry the scope columns `region_path`, `org_id` and `owner_id`.
pub trait Scoped: EntityTrait {
    /// The entity's name in the audit log and in assignments.
    const NAME: &'static str;
    /// The integer id that assignments refer to; `None` for records nobody is assigned to.
    fn id_col() -> Option<Self::Column>;
    fn region_path_col() -> Self::Column;
    fn org_col() -> Self::Column;
    fn owner_col() -> Self::Column;
}

/// `SELECT … FROM E WHERE <scope>`: the start of every query on business data.
pub fn scoped<E: Scoped>(p: &Principal) -> Select<E> {
    E::find().filter(p.condition::<E>())
}

/// `SELECT … FROM E` past every scope: the one escape, with the reason it is needed (`grep -rn
/// unscoped` lists them all).
pub fn unscoped<E: Scoped>(why: &'static str) -> Select<E> {
    let _ = why;
    E::find()
}

/// One record of `E` by primary key, past every scope (see [`unscoped`]).
pub fn unscoped_by_id<E: Scoped, T>(id: T, why: &'static str) -> Select<E>
where
    T: Into<<E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType>,
{
    let _ = why;
    E::find_by_id(id)
}

/// Makes entity module `$m` a scoped table, e.g. `(plan, "plan", id = Some(plan::Column::Id),
/// owner = OwnerId)`. Every scoped table is declared with it, which is how the test below finds
/// them.
#[macro_export]
macro_rules! scoped_entity {
    ($m:ident, $name:literal, id = $id:expr, owner = $owner:ident) => {
        impl $crate::scope::Scoped for $m::Entity {
            const NAME: &'static str = $name;
            fn id_col() -> Option<Self::Column> {
                $id
            }
            fn region_path_col() -> Self::Column {
                $m::Column::RegionPath
            }
            fn org_col() -> Self::Column {
                $m::Column::OrgId
            }
            fn owner_col() -> Self::Column {
                $m::Column::$owner
            }
        }
    };
}

scoped_entity!(user, "user", id = Some(user::Column::Id), owner = OwnerId);
scoped_entity!(org, "org", id = Some(org::Column::Id), owner = OwnerId);
scoped_entity!(session, "session", id = None, owner = UserId);
scoped_entity!(login_log, "login_log", id = None, owner = UserId);
scoped_entity!(audit_log, "audit_log", id = None, owner = ActorId);
scoped_entity!(file, "file", id = Some(file::Column::Id), owner = OwnerId);
scoped_entity!(job, "job", id = Some(job::Column::Id), owner = OwnerId);

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The module crate a file belongs to (`crates/modules/<name>`), `None` for the core.
    fn module_of(file: &Path, modules: &Path) -> Option<std::path::PathBuf> {
        let first = file.strip_prefix(modules).ok()?.components().next()?;
        Some(modules.join(first))
    }

    /// The entity modules declared scoped with `scoped_entity!(<module>, …)` anywhere, each with
    /// the module crate that declares it (`None`: the core's, which every crate reads). A module
    /// crate's entity is its own: another crate's entity of the same name is not it.
    fn scoped_modules(
        files: &[std::path::PathBuf],
        modules: &Path,
    ) -> Vec<(String, Option<std::path::PathBuf>)> {
        let mut out = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            let code: Vec<&str> = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect();
            for decl in code.join("\n").split("scoped_entity!(").skip(1) {
                let name: String = decl
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push((name, module_of(file, modules)));
                }
            }
        }
        out
    }

    #[test]
    fn scoped_tables_are_read_through_the_scope() {
        let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for krate in ["store", "server", "longzhi"] {
            rust_files(&crates.join(krate).join("src"), &mut files);
        }
        for module in std::fs::read_dir(crates.join("modules")).unwrap().flatten() {
            rust_files(&module.path().join("src"), &mut files);
        }
        let modules = crates.join("modules");
        let scoped = scoped_modules(&files, &modules);
        for known in ["user", "file", "plan", "plan_target", "plan_report"] {
            assert!(
                scoped.iter().any(|(s, _)| s == known),
                "{known} not found scoped"
            );
        }
        let mut raw = Vec::new();
        for file in files.iter().filter(|f| !f.ends_with("scope.rs")) {
            let text = std::fs::read_to_string(file).unwrap();
            let here = module_of(file, &modules);
            let visible: Vec<&String> = scoped
                .iter()
                .filter(|(_, owner)| owner.is_none() || *owner == here)
                .map(|(m, _)| m)
                .collect();
            for (n, line) in text.lines().enumerate() {
                let hit = visible.iter().any(|m| {
                    [
                        format!("{m}::Entity::find("),
                        format!("{m}::Entity::find_by_id("),
                    ]
                    .iter()
                    .any(|p| {
                        line.match_indices(p.as_str()).any(|(i, _)| {
                            i == 0
                                || !line.as_bytes()[i - 1].is_ascii_alphanumeric()
                                    && line.as_bytes()[i - 1] != b'_'
                        })
                    })
                });
                if hit {
                    raw.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
        assert!(
            raw.is_empty(),
            "scoped tables read without scope::scoped or scope::unscoped:\n{}",
            raw.join("\n")
        );
    }
}
