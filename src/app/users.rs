//! Signing in with a PIN, a manager's approval on the spot, the role check every guarded use case calls, and
//! managing users. PINs are hashed with argon2id (PHC string, random salt, the crate's default cost).

use super::{AppError, Ctx, Result};
use crate::domain::user::{Action, Actor, Role, check_pin};
use crate::store::users::UserRecord;
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

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
        .map_err(|e| AppError::Input(format!("cannot hash the PIN: {e}")))
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

/// Checks `name`'s PIN; the same message for an unknown user, an inactive one and a wrong PIN, so the till does
/// not tell a stranger which names exist.
pub fn sign_in(ctx: &Ctx<'_>, name: &str, pin: &str) -> Result<Actor> {
    match ctx.store.user_by_name(name)? {
        Some(user) if user.active && pin_matches(&user.pin_hash, pin) => Ok(actor(&user)),
        _ => Err(AppError::SignIn("wrong user or PIN".into())),
    }
}

/// A manager's approval: their name and PIN, and a role of manager or above.
pub fn approve(ctx: &Ctx<'_>, manager: &str, pin: &str) -> Result<Approval> {
    let by = sign_in(ctx, manager, pin)?;
    if by.role < Role::Manager {
        return Err(AppError::SignIn(format!("{} is a {}, not a manager", by.name, by.role)));
    }
    Ok(Approval { by })
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

pub fn list(ctx: &mut Ctx<'_>) -> Result<Vec<UserRecord>> {
    authorize(ctx, Action::Users)?;
    Ok(ctx.store.users()?)
}

pub fn add(ctx: &mut Ctx<'_>, name: &str, role: Role, pin: &str) -> Result<UserRecord> {
    if name.trim().is_empty() {
        return Err(crate::domain::user::UserError::Name.into());
    }
    authorize(ctx, Action::Users)?;
    let hash = hash_pin(pin)?;
    let at = ctx.stamp();
    Ok(ctx.store.add_user(name, role, &hash, &at, &ctx.actor.name)?)
}

pub fn set_pin(ctx: &mut Ctx<'_>, name: &str, pin: &str) -> Result<()> {
    authorize(ctx, Action::Users)?;
    let hash = hash_pin(pin)?;
    let at = ctx.stamp();
    Ok(ctx.store.set_user_pin(name, &hash, &at, &ctx.actor.name)?)
}

pub fn deactivate(ctx: &mut Ctx<'_>, name: &str) -> Result<()> {
    authorize(ctx, Action::Users)?;
    let at = ctx.stamp();
    Ok(ctx.store.deactivate_user(name, &at, &ctx.actor.name)?)
}

#[cfg(test)]
mod tests {
    use super::*;

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
