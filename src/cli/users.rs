//! `usta users …`: list, add, deactivate and re-PIN users (admin only), and how the command line signs in.

use super::Cli;
use super::output::print_json;
use crate::app::permissions::UseCase;
use crate::app::{Ctx, users};
use crate::domain::user::{Actor, Role};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List every user with role and whether they can sign in
    List,
    /// Add a user, e.g. `usta --as Админ --pin 9999 users add Айгүл --role manager --new-pin 1234`
    Add {
        name: String,
        /// cashier, manager or admin
        #[arg(long)]
        role: Role,
        /// Their PIN, 4 to 8 digits, stored only as an argon2 hash (`--pin` is the signed-in admin's own)
        #[arg(long, value_name = "PIN")]
        new_pin: String,
    },
    /// Stop a user from signing in (users are never deleted: their sales keep their name)
    Deactivate { name: String },
    /// Let a user locked out after wrong PINs sign in again now (their count of wrong PINs starts over)
    Unlock { name: String },
    /// Give a user a new PIN
    Pin {
        name: String,
        /// The new PIN, 4 to 8 digits
        #[arg(long, value_name = "PIN")]
        new_pin: String,
    },
}

/// Who runs this command: `--as NAME --pin PIN` (or USTA_USER/USTA_PIN) when given; otherwise the shop's admin
/// on a database without users, or an unnamed cashier when users exist (so manager jobs need `--as`).
pub fn sign_in(cli: &Cli, ctx: &mut Ctx<'_>) -> anyhow::Result<()> {
    match (&cli.user, &cli.pin) {
        (Some(name), Some(pin)) => {
            ctx.actor = users::sign_in(ctx, name, pin)?;
        }
        (Some(name), None) => {
            anyhow::bail!("--as {name} needs --pin PIN (or USTA_PIN)")
        }
        (None, _) if ctx.store.has_users()? => {
            ctx.actor = unsigned();
        }
        (None, _) => {}
    }
    Ok(())
}

/// Who the command line signs in as on `store` (for commands that check before they open the shop's database
/// for work: restore, demo --force), and whether they may do `case`.
pub fn check_on(cli: &Cli, store: &mut crate::store::Store, case: UseCase) -> anyhow::Result<()> {
    let mut ctx = Ctx::new(store, super::shop_now(), cli.lang());
    sign_in(cli, &mut ctx)?;
    crate::app::permissions::check(&ctx.actor, case).map_err(|e| explain(e.into()))?;
    Ok(crate::app::master::refuse_case(ctx.store, case)?)
}

/// Who runs a command without `--as` on a shop with users: a cashier without a name.
fn unsigned() -> Actor {
    Actor {
        id: None,
        name: "command line".into(),
        role: Role::Cashier,
    }
}

/// Turns a refusal for lack of rights into the command line's own advice.
pub fn explain(e: anyhow::Error) -> anyhow::Error {
    match e.downcast_ref::<crate::app::AppError>() {
        Some(crate::app::AppError::NotAllowed { action, .. }) => {
            let needs = crate::app::permissions::article(action.needs());
            e.context(format!(
                "sign in as {needs}: --as NAME --pin PIN (or USTA_USER and USTA_PIN)"
            ))
        }
        Some(crate::app::AppError::RefundOverDrawer { .. }) => {
            let needs = crate::app::permissions::article(crate::domain::user::Action::CashRefundOverDrawer.needs());
            e.context(format!(
                "sign in as {needs}: --as NAME --pin PIN (or USTA_USER and USTA_PIN)"
            ))
        }
        Some(crate::app::AppError::Forbidden { needs, .. }) => {
            let needs = crate::app::permissions::article(*needs);
            e.context(format!(
                "sign in as {needs}: --as NAME --pin PIN (or USTA_USER and USTA_PIN)"
            ))
        }
        _ => e,
    }
}

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, command: &UsersCommand) -> anyhow::Result<()> {
    match command {
        UsersCommand::List => {
            let list = users::list(ctx)?;
            if cli.json {
                return print_json(&list);
            }
            for u in list {
                let state = if u.active { "" } else { "  (deactivated)" };
                println!("{:<20} {:<8}{state}", u.name, u.role);
            }
        }
        UsersCommand::Add { name, role, new_pin } => {
            let user = users::add(ctx, name, *role, new_pin)?;
            if cli.json {
                return print_json(&user);
            }
            println!("Added {} ({}).", user.name, user.role);
        }
        UsersCommand::Deactivate { name } => {
            users::deactivate(ctx, name)?;
            if cli.json {
                return print_json(&serde_json::json!({ "deactivated": name }));
            }
            println!("{name} can no longer sign in.");
        }
        UsersCommand::Unlock { name } => {
            users::unlock(ctx, name)?;
            if cli.json {
                return print_json(&serde_json::json!({ "unlocked": name }));
            }
            println!("{name} may sign in again.");
        }
        UsersCommand::Pin { name, new_pin } => {
            users::set_pin(ctx, name, new_pin)?;
            if cli.json {
                return print_json(&serde_json::json!({ "pin_changed": name }));
            }
            println!("New PIN set for {name}.");
        }
    }
    Ok(())
}
