//! Signing in with a PIN, a manager's approval on the spot, the role check every guarded use case calls, and
//! managing users. PINs are hashed with argon2id (PHC string, random salt, the crate's default cost).

use super::{AppError, Ctx, Result};
use crate::domain::user::{Action, Actor, Role, check_pin};
use crate::store::users::UserRecord;
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, FixedOffset};

/// A manager (or admin) who typed their PIN to allow one action of someone with fewer rights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub by: Actor,
}

/// An argon2id PHC string for `pin` with a fresh random salt.
pub fn hash_pin(pin: &str) -> Result<String> {
    check_pin(pin)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| super::input::InputProblem::PinHash { reason: e.to_string() }.into())
}

fn pin_matches(hash: &str, pin: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(pin.as_bytes(), &parsed).is_ok())
}

fn actor(user: &UserRecord) -> Actor {
    Actor {
        id: Some(user.id),
        name: user.name.clone(),
        role: user.role,
    }
}

/// Wrong PINs in a row after which a user is locked out.
pub const MAX_WRONG_PINS: u32 = 5;
/// The first lockout; each further wrong PIN doubles it.
pub const FIRST_LOCKOUT_SECS: i64 = 30;

/// How long a user with `failures` wrong PINs in a row, the last at `last`, stays locked at `now`: none below
/// [`MAX_WRONG_PINS`], else 30 s from the last failure, doubled for each failure beyond the fifth.
pub fn lockout_left(failures: u32, last: Option<&str>, now: DateTime<FixedOffset>) -> Option<i64> {
    if failures < MAX_WRONG_PINS {
        return None;
    }
    let doublings = (failures - MAX_WRONG_PINS).min(16);
    let delay = chrono::Duration::seconds(FIRST_LOCKOUT_SECS << doublings);
    // A stamp that does not read back counts as just now: the lockout errs on the side of refusing.
    let since = last.and_then(|l| DateTime::parse_from_rfc3339(l).ok()).unwrap_or(now);
    let left = (since + delay - now).num_seconds();
    (left > 0).then_some(left)
}

/// "30 s", "4 min 16 s".
pub fn wait_text(seconds: i64) -> String {
    if seconds < 120 {
        format!("{seconds} s")
    } else {
        format!("{} min {} s", seconds / 60, seconds % 60)
    }
}

/// Checks `name`'s PIN; the same message for an unknown user, an inactive one and a wrong PIN, so the till does
/// not tell a stranger which names exist. A wrong PIN for a known user is journaled and committed before the
/// refusal; after [`MAX_WRONG_PINS`] in a row the user is refused, right PIN or not, until the lockout ends or
/// an admin unlocks them (`unlock`). The count lives in the journal, so every process on the database shares it.
pub fn sign_in(ctx: &mut Ctx<'_>, name: &str, pin: &str) -> Result<Actor> {
    let wrong = || AppError::SignIn("wrong user or PIN".into());
    let Some(user) = ctx.store.user_by_name(name)? else {
        return Err(wrong());
    };
    let (failures, last) = ctx.store.pin_failures(&user.name)?;
    let locked = |failures: u32, seconds: i64| AppError::Locked {
        name: user.name.clone(),
        failures,
        seconds,
    };
    if let Some(seconds) = lockout_left(failures, last.as_deref(), ctx.now) {
        return Err(locked(failures, seconds));
    }
    let at = ctx.stamp();
    if user.active && pin_matches(&user.pin_hash, pin) {
        if failures > 0 {
            ctx.store
                .reset_pin_failures(&user.name, crate::store::users::PIN_OK, &at, &user.name)?;
        }
        return Ok(actor(&user));
    }
    ctx.store.record_pin_failure(&user.name, &at)?;
    match lockout_left(failures + 1, Some(&at), ctx.now) {
        Some(seconds) => Err(locked(failures + 1, seconds)),
        None => Err(wrong()),
    }
}

/// A manager's approval: their name and PIN, and a role of manager or above.
pub fn approve(ctx: &mut Ctx<'_>, manager: &str, pin: &str) -> Result<Approval> {
    let by = sign_in(ctx, manager, pin)?;
    if by.role < Role::Manager {
        return Err(AppError::SignIn(format!("{} is a {}, not a manager", by.name, by.role)));
    }
    Ok(Approval { by })
}

/// Ends `name`'s lockout and their count of wrong PINs (admin only; journaled with who unlocked).
pub fn unlock(ctx: &mut Ctx<'_>, name: &str) -> Result<()> {
    authorize(ctx, Action::Users)?;
    let at = ctx.stamp();
    let by = ctx.actor.name.clone();
    Ok(ctx
        .store
        .reset_pin_failures(name, crate::store::users::USER_UNLOCK, &at, &by)?)
}

/// Whether `name` is locked out now, and for how many seconds more (for the users list).
pub fn locked_for(ctx: &Ctx<'_>, name: &str) -> Result<Option<i64>> {
    let (failures, last) = ctx.store.pin_failures(name)?;
    Ok(lockout_left(failures, last.as_deref(), ctx.now))
}

/// The role check of every guarded use case: the actor may do `action`, or carries an approval from someone who
/// may. An approval is journaled in the transaction of the write it allows.
pub fn authorize(ctx: &mut Ctx<'_>, action: Action) -> Result<()> {
    if ctx.actor.may(action) {
        return Ok(());
    }
    match &ctx.approval {
        Some(approval) if approval.by.may(action) => {
            let payload = serde_json::json!({
                "action": action.code(),
                "approved_by": approval.by.name,
                "approver_id": approval.by.id,
                "for": ctx.actor.name,
                "for_id": ctx.actor.id,
            });
            let at = ctx.stamp();
            ctx.store.stage_approval(at, payload);
            ctx.approval_used = true;
            Ok(())
        }
        _ => Err(AppError::NotAllowed {
            action,
            role: ctx.actor.role,
        }),
    }
}

/// Who changes the catalog, for its journal entries: the actor, and the approver when an approval was used.
pub(crate) fn changed_by(ctx: &Ctx<'_>) -> crate::store::ChangedBy {
    crate::store::ChangedBy {
        user: ctx.actor.name.clone(),
        approver: ctx
            .approval
            .as_ref()
            .filter(|_| ctx.approval_used)
            .map(|a| a.by.name.clone()),
    }
}

/// The name to record on a sale: the signed-in user, or none for the system.
pub(crate) fn recorded_name(ctx: &Ctx<'_>) -> Option<String> {
    ctx.actor.id.map(|_| ctx.actor.name.clone())
}

/// The active users' names for the sign-in screen (no hashes, no right needed: a till shows who may sign in).
pub fn names(ctx: &Ctx<'_>) -> Result<Vec<String>> {
    Ok(ctx
        .store
        .users()?
        .into_iter()
        .filter(|u| u.active)
        .map(|u| u.name)
        .collect())
}

/// The active users who may approve at the till (managers and admins): the approval strip offers only them, so
/// a cashier is never asked for and never told "not a manager".
pub fn approvers(ctx: &Ctx<'_>) -> Result<Vec<String>> {
    Ok(ctx
        .store
        .users()?
        .into_iter()
        .filter(|u| u.active && u.role >= Role::Manager)
        .map(|u| u.name)
        .collect())
}

pub fn list(ctx: &mut Ctx<'_>) -> Result<Vec<UserRecord>> {
    authorize(ctx, Action::Users)?;
    Ok(ctx.store.users()?)
}

pub fn add(ctx: &mut Ctx<'_>, name: &str, role: Role, pin: &str) -> Result<UserRecord> {
    super::master::refuse(ctx.store, super::master::MasterPart::Users)?;
    if name.trim().is_empty() {
        return Err(crate::domain::user::UserError::Name.into());
    }
    authorize(ctx, Action::Users)?;
    let hash = hash_pin(pin)?;
    let at = ctx.stamp();
    Ok(ctx.store.add_user(name, role, &hash, &at, &ctx.actor.name)?)
}

pub fn set_pin(ctx: &mut Ctx<'_>, name: &str, pin: &str) -> Result<()> {
    super::master::refuse(ctx.store, super::master::MasterPart::Users)?;
    authorize(ctx, Action::Users)?;
    let hash = hash_pin(pin)?;
    let at = ctx.stamp();
    Ok(ctx.store.set_user_pin(name, &hash, &at, &ctx.actor.name)?)
}

pub fn deactivate(ctx: &mut Ctx<'_>, name: &str) -> Result<()> {
    super::master::refuse(ctx.store, super::master::MasterPart::Users)?;
    authorize(ctx, Action::Users)?;
    let at = ctx.stamp();
    Ok(ctx.store.deactivate_user(name, &at, &ctx.actor.name)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lockout_starts_at_five_wrong_pins_and_doubles() {
        let now = DateTime::parse_from_rfc3339("2026-11-28T12:00:00+06:00").expect("time");
        let last = Some("2026-11-28T12:00:00+06:00");
        for (failures, left) in [
            (4, None),
            (5, Some(30)),
            (6, Some(60)),
            (7, Some(120)),
            (100, Some(30 << 16)),
        ] {
            assert_eq!(lockout_left(failures, last, now), left, "{failures}");
        }
        let later = now + chrono::Duration::seconds(30);
        assert_eq!(lockout_left(5, last, later), None, "over after 30 s");
        assert_eq!(lockout_left(6, last, later), Some(30));
        assert_eq!(
            lockout_left(5, Some("garbage"), now),
            Some(30),
            "an unreadable stamp locks"
        );
        assert_eq!(wait_text(30), "30 s");
        assert_eq!(wait_text(256), "4 min 16 s");
    }

    #[test]
    fn a_pin_hash_is_a_salted_argon2_phc_string_that_checks_only_the_right_pin() {
        let a = hash_pin("1234").expect("hash");
        let b = hash_pin("1234").expect("hash");
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(!a.contains("1234"));
        assert!(pin_matches(&a, "1234"));
        assert!(!pin_matches(&a, "1235"));
        assert!(hash_pin("12").is_err());
    }
}
