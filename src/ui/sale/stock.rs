//! Stock warnings at the cart: selling more than is on hand says how many are left, and a one-of-a-kind piece
//! sold beyond its stock waits for a manager's approval.

use super::{Action, Message, Sale};
use crate::app::till;
use crate::domain::cart::Cart;
use crate::domain::catalog::ProductId;
use crate::domain::stock::{Shortfall, shortfall};
use crate::ui::services::Services;
use crate::ui::theme::Tone;
use crate::ui::widgets::Notice;
use rust_decimal::Decimal;

/// "Only 1 left of Шырдак": the stock warning at the cart, gone with the next action.
fn stock_notice(key: &'static str, name: &str, left: Decimal) -> Notice {
    // A struct literal: the key test reads `Notice::new` calls for a literal key, and this key is the caller's.
    Notice {
        tone: Tone::Bad,
        key,
        args: Vec::new(),
    }
    .with("name", name.to_string())
    .with("left", left.normalize().to_string())
}

impl Sale {
    /// Makes `next` the cart after a change that touched `product`, unless it sells more than is on hand: then
    /// the cashier is told how many are left, and a one-of-a-kind piece waits for a manager.
    pub(super) fn apply(
        &mut self,
        next: Cart,
        product: Option<ProductId>,
        done: Option<Notice>,
        services: &Services,
    ) -> Action {
        let wanted = |cart: &Cart, id: ProductId| -> Decimal {
            cart.active_lines()
                .filter(|l| l.product.id == Some(id))
                .map(|l| l.qty)
                .sum()
        };
        let short = product.and_then(|id| {
            let (on_hand, unit) = *self.on_hand.get(&id)?;
            let name = next
                .active_lines()
                .find(|l| l.product.id == Some(id))
                .map(|l| l.product.names.clone())?;
            shortfall(on_hand, wanted(&next, id), unit).map(|s| (s, name))
        });
        match short {
            None => {
                self.cart = next;
                if done.is_some() {
                    self.notice = done;
                }
                self.changed(services)
            }
            Some((Shortfall::Warn { left }, names)) => {
                self.cart = next;
                self.notice = Some(stock_notice("till-stock-left", names.get(services.lang()), left));
                self.changed(services)
            }
            Some((Shortfall::NeedsManager { left }, names)) => {
                let notice = stock_notice("till-stock-unique", names.get(services.lang()), left);
                self.keep_beyond_stock(next, notice, services)
            }
        }
    }

    /// Asks whether the signed-in user (or a manager's approval) may keep a cart selling a one-of-a-kind piece
    /// beyond its stock.
    pub(super) fn keep_beyond_stock(&mut self, cart: Cart, notice: Notice, services: &Services) -> Action {
        let kept = cart.clone();
        Action::Run(services.task(
            move |ctx| till::sell_beyond_stock(ctx, &kept),
            move |r| Message::BeyondStock(Box::new(cart), Box::new(notice), r),
        ))
    }
}
