//! Failed sign-ins, counted per key: `user:<name>` for the account lock-out (any name, so that a
//! lock does not tell whether the account exists) and `ip:<address>` for the address throttle.
//!
//! A failure is counted in a write transaction that holds the key's row lock (`SELECT … FOR
//! UPDATE` on PostgreSQL; SQLite's write transactions are serialised), so concurrent guesses are
//! counted one by one and the one that reaches the limit starts the lock for everybody after it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect, Set};

use crate::Result;
use crate::entity::login_throttle;

/// Failures are forgotten after a day without one.
const WINDOW: Duration = Duration::hours(24);
/// The longest lock, however many failures.
const MAX_LOCK: Duration = Duration::hours(24);

pub fn user_key(username: &str) -> String {
    format!("user:{}", username.trim().to_lowercase())
}

pub fn ip_key(ip: &str) -> String {
    format!("ip:{ip}")
}

/// Until when `key` is locked, if it is now. With `for_update`, the key's row stays locked until
/// the transaction ends.
pub async fn locked_until<C: ConnectionTrait>(
    db: &C,
    key: &str,
    now: DateTime<Utc>,
    for_update: bool,
) -> Result<Option<DateTime<Utc>>> {
    let mut q = login_throttle::Entity::find_by_id(key.to_owned());
    if for_update {
        q = q.lock_exclusive();
    }
    Ok(q.one(db)
        .await?
        .and_then(|r| r.locked_until)
        .filter(|t| *t > now))
}

/// Counts one failure of `key` and returns `(failures, lock)`. Every `max` failures in the window
/// lock the key, for `lock` the first time and twice as long each further time (at most a day):
/// a patient guesser gets a few dozen tries a day, not hundreds.
pub async fn fail<C: ConnectionTrait>(
    txn: &C,
    key: &str,
    max: i64,
    lock: Duration,
    now: DateTime<Utc>,
) -> Result<(i32, Option<DateTime<Utc>>)> {
    let fresh = login_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(0),
        window_start: Set(now),
        locked_until: Set(None),
    };
    match login_throttle::Entity::insert(fresh)
        .on_conflict(
            OnConflict::column(login_throttle::Column::Key)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await
    {
        Ok(_) | Err(sea_orm::DbErr::RecordNotInserted) => {}
        Err(e) => return Err(e.into()),
    }
    let row = login_throttle::Entity::find_by_id(key.to_owned())
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    if let Some(until) = row.locked_until.filter(|t| *t > now) {
        // Already locked: the guess is refused, not counted again.
        return Ok((row.failures, Some(until)));
    }
    let (failures, window_start) = if row.window_start + WINDOW <= now {
        (1, now)
    } else {
        (row.failures + 1, row.window_start)
    };
    let max = max.max(1) as i32;
    let locked_until = (failures % max == 0).then(|| {
        let doublings = (failures / max - 1).min(16) as u32;
        now + (lock * 2_i32.pow(doublings)).min(MAX_LOCK)
    });
    login_throttle::Entity::update(login_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(failures),
        window_start: Set(window_start),
        locked_until: Set(locked_until),
    })
    .exec(txn)
    .await?;
    Ok((failures, locked_until))
}

/// Forgets the failures of `key` (a successful sign-in, an administrator's reset).
pub async fn clear<C: ConnectionTrait>(db: &C, key: &str) -> Result<()> {
    login_throttle::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_and_space() {
        assert_eq!(user_key(" LanZhou "), "user:lanzhou");
        assert_eq!(ip_key("10.0.0.1"), "ip:10.0.0.1");
    }
}

/// Counts one request of address `ip` to a public route `what` (`sanbao-check`, `survey`) inside
/// `txn`, which then holds the key's lock: past `max` requests the address is refused
/// (`request.rate_limited`) for `lock`, doubling as [`fail`] does.
pub async fn count_request<C: ConnectionTrait>(
    txn: &C,
    what: &str,
    ip: &str,
    max: i64,
    lock: Duration,
) -> Result<()> {
    let now = Utc::now();
    let key = format!("{what}:{}", ip_key(ip));
    if locked_until(txn, &key, now, true).await?.is_some() {
        return Err(crate::StoreError::Rule(
            longzhi_domain::ErrorCode::RequestRateLimited,
        ));
    }
    fail(txn, &key, max, lock, now).await?;
    Ok(())
}
