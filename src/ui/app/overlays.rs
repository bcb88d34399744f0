//! What can show over or inside a screen besides its own body: dialogs, strips under the top bar, the approval
//! strip, the sale's type-ahead and parked carts. The layout check opens each one the way the till does and
//! lays it out at every size; `App::overlays` says which are showing, so a check knows it looked at the right one.

use super::*;

listed! {
    /// Something a screen can show over or inside itself.
    pub enum Overlay {
        /// The sign-in form over a locked till.
        Login,
        /// The shortcut list (F1).
        Help,
        /// The receipt of a sale just paid, on the payment screen.
        Receipt,
        /// The tax-free dialog over a paid receipt.
        TaxFree,
        /// The strip asking for a manager's approval.
        ApprovalWanted,
        /// The strip saying whose approval waits for the next action.
        ApprovalGiven,
        /// The last print outcome, under the top bar.
        PrintNotice,
        /// Sales waiting for the fiscal register, under the top bar.
        FiscalPending,
        /// What the serial scanner last said about itself, under the top bar.
        ScannerNotice,
        /// The sale's type-ahead results.
        Suggestions,
        /// The name asked for a cart about to be parked.
        ParkNaming,
        /// The parked carts to take back.
        ParkedList,
        /// The product form on Inventory.
        ProductForm,
        /// The day's count against the expected cash, waiting to be confirmed.
        CloseConfirm,
    }
}

impl App {
    /// What shows now besides the screen's own body.
    pub fn overlays(&self) -> Vec<Overlay> {
        let on = |screen: Screen| !self.locked && !self.help && self.taxfree.is_none() && self.screen == screen;
        let sale = on(Screen::Sale) || (on(Screen::Payment) && self.payment.is_none());
        Overlay::ALL
            .iter()
            .copied()
            .filter(|o| match o {
                Overlay::Login => self.locked && self.screen != Screen::Setup,
                Overlay::Help => !self.locked && self.help,
                Overlay::Receipt => on(Screen::Payment) && self.payment.as_ref().is_some_and(|p| p.done.is_some()),
                Overlay::TaxFree => !self.locked && !self.help && self.taxfree.is_some(),
                Overlay::ApprovalWanted => {
                    !self.locked && self.services.approval_by().is_none() && self.services.approval_wanted().is_some()
                }
                Overlay::ApprovalGiven => !self.locked && self.services.approval_by().is_some(),
                Overlay::PrintNotice => !self.locked && self.print_notice.is_some(),
                Overlay::FiscalPending => !self.locked && self.fiscal_pending.0 > 0,
                Overlay::ScannerNotice => !self.locked && self.scanner_notice.is_some(),
                Overlay::Suggestions => sale && !self.sale.suggestions().is_empty(),
                Overlay::ParkNaming => sale && self.sale.naming(),
                Overlay::ParkedList => sale && self.sale.parked_open(),
                Overlay::ProductForm => on(Screen::Inventory) && self.inventory.form.is_some(),
                Overlay::CloseConfirm => on(Screen::Day) && self.day.confirming,
            })
            .collect()
    }
}
