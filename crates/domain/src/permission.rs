//! Permission strings `module:resource:action`; `*` in a granted permission matches one segment.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{FieldError, Rule};

#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "system:user:list")]
pub struct Permission(String);

impl Permission {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let parts: Vec<&str> = s.split(':').collect();
        let ok = parts.len() == 3
            && parts.iter().all(|p| {
                *p == "*"
                    || (!p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            });
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(FieldError::new("permissions", Rule::Format))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this granted permission covers the `required` one.
    pub fn covers(&self, required: &str) -> bool {
        let mut req = required.split(':');
        self.0
            .split(':')
            .all(|g| req.next().is_some_and(|r| g == "*" || g == r))
            && req.next().is_none()
    }
}

impl TryFrom<String> for Permission {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
            .map_err(|_| format!("invalid permission {s:?}: module:resource:action expected"))
    }
}

impl From<Permission> for String {
    fn from(p: Permission) -> String {
        p.0
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The permissions a user holds through all their roles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionSet(pub Vec<Permission>);

impl PermissionSet {
    pub fn allows(&self, required: &str) -> bool {
        self.0.iter().any(|p| p.covers(required))
    }

    /// Whether everything `other` grants is granted here (no escalation by role assignment).
    pub fn includes_all(&self, other: &[Permission]) -> bool {
        other
            .iter()
            .all(|p| self.0.iter().any(|g| g.covers_pattern(p)))
    }
}

impl Permission {
    /// Whether this grant covers every permission the pattern `other` could match.
    fn covers_pattern(&self, other: &Permission) -> bool {
        self.0
            .split(':')
            .zip(other.0.split(':'))
            .all(|(g, o)| g == "*" || g == o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Permission {
        Permission::parse(s).unwrap()
    }

    #[test]
    fn wildcards_match_one_segment() {
        assert!(p("system:user:*").covers("system:user:list"));
        assert!(p("*:*:*").covers("plan:task:report"));
        assert!(!p("system:user:list").covers("system:user:create"));
        assert!(!p("system:*:list").covers("system:user:create"));
        assert!(!p("system:user:list").covers("system:user"));
    }

    #[test]
    fn parse_refuses_other_shapes() {
        for bad in [
            "system:user",
            "System:user:list",
            "a:b:c:d",
            "a::c",
            "a:b:c d",
        ] {
            assert!(Permission::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn includes_all_refuses_escalation() {
        let city = PermissionSet(vec![p("system:user:*"), p("plan:task:list")]);
        assert!(city.includes_all(&[p("system:user:list"), p("plan:task:list")]));
        assert!(!city.includes_all(&[p("system:*:list")]));
        assert!(!city.includes_all(&[p("*:*:*")]));
    }
}
