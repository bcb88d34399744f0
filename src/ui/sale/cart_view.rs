//! The sale screen's cart lines (with their touch controls) and the totals column.

use super::{Edit, Message, Sale};
use crate::domain::payment::PaymentKind;
use crate::ui::i18n::I18n;
use crate::ui::theme;
use crate::ui::widgets::{big, total_row};
use iced::widget::{button, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

impl Sale {
    pub(super) fn lines_view<'a>(&'a self, i18n: &I18n) -> Element<'a, Message> {
        let totals = self.cart.totals();
        if totals.lines.is_empty() {
            return container(text(i18n.tr("cart-empty")).size(theme::BIG).style(theme::muted))
                .padding(24)
                .into();
        }
        let mut col = column![].spacing(8);
        for (line, total) in self.cart.active_lines().zip(&totals.lines) {
            let n = line.line_no;
            let name = line.product.shown_name(i18n.lang());
            let qty: Element<'a, Message> = match &self.edit {
                Some(Edit::Qty(l, t)) if *l == n => text_input(&line.qty.normalize().to_string(), t)
                    .id("edit")
                    .on_input(Message::EditText)
                    .on_submit(Message::EditCommit)
                    .width(80)
                    .size(theme::TEXT)
                    .padding(10)
                    .into(),
                _ => button(text(line.qty.normalize().to_string()).size(theme::BIG))
                    .on_press(Message::EditQty(n))
                    .style(button::text)
                    .height(theme::TOUCH)
                    .into(),
            };
            let discount: Element<'a, Message> = match &self.edit {
                Some(Edit::Discount(l, t)) if *l == n => text_input(&i18n.tr("discount-hint"), t)
                    .id("edit")
                    .on_input(Message::EditText)
                    .on_submit(Message::EditCommit)
                    .width(110)
                    .size(theme::TEXT)
                    .padding(10)
                    .into(),
                _ => button(
                    text("%")
                        .size(theme::TEXT)
                        .center()
                        .width(Length::Fill)
                        .height(Length::Fill),
                )
                .on_press(Message::EditDiscount(n))
                .style(button::secondary)
                .height(theme::TOUCH)
                .width(theme::TOUCH)
                .into(),
            };
            let mut amounts = column![text(i18n.money(total.amount)).size(theme::TEXT)].align_x(Alignment::End);
            if !(total.line_discount + total.sale_discount).is_zero() {
                amounts = amounts.push(
                    text(format!("−{}", i18n.money(total.line_discount + total.sale_discount)))
                        .size(theme::SMALL)
                        .style(theme::muted),
                );
            }
            let controls = row![
                button(text("−").size(theme::BIG))
                    .on_press(Message::Decrease(n))
                    .height(theme::TOUCH)
                    .width(theme::TOUCH),
                qty,
                button(text("+").size(theme::BIG))
                    .on_press(Message::Increase(n))
                    .height(theme::TOUCH)
                    .width(theme::TOUCH),
                discount,
                button(text("×").size(theme::BIG))
                    .on_press(Message::Remove(n))
                    .style(button::danger)
                    .height(theme::TOUCH)
                    .width(theme::TOUCH),
            ]
            .spacing(6)
            .align_y(Alignment::Center);
            let line_view = column![
                row![
                    column![
                        text(name).size(theme::TEXT),
                        text(format!("{} × {}", line.qty.normalize(), i18n.money(line.unit_price)))
                            .size(theme::SMALL)
                            .style(theme::muted)
                    ]
                    .width(Length::Fill),
                    amounts.width(Length::Shrink),
                ]
                .spacing(12),
                controls,
            ]
            .spacing(6);
            col = col.push(container(line_view).padding(10).width(Length::Fill).style(theme::card));
        }
        col.into()
    }

    pub(super) fn totals_view<'a>(&'a self, i18n: &I18n) -> iced::widget::Column<'a, Message> {
        let totals = self.cart.totals();
        let mut card = column![].spacing(6);
        if !totals.discount.is_zero() {
            card = card.push(total_row(i18n.tr("subtotal"), i18n.money(totals.subtotal), theme::TEXT));
            card = card.push(total_row(
                i18n.tr("discount"),
                format!("−{}", i18n.money(totals.discount)),
                theme::TEXT,
            ));
        }
        card = card.push(total_row(i18n.tr("total"), i18n.money(totals.total), theme::HUGE));
        if let Ok(tax) = self.cart.tax_preview(&self.tax, PaymentKind::Cash) {
            for t in tax {
                let vat = i18n.tr_args("vat-line", &[("rate", t.vat_pct.normalize().to_string())]);
                card = card.push(total_row(vat, i18n.money(t.vat), theme::SMALL));
                if !t.sales_tax.is_zero() {
                    let st = i18n.tr_args("sales-tax-line", &[("rate", t.sales_tax_pct.normalize().to_string())]);
                    card = card.push(total_row(st, i18n.money(t.sales_tax), theme::SMALL));
                }
            }
        }
        let foreign = self.rates.foreign_totals(totals.total);
        if !foreign.is_empty() {
            let shown: Vec<String> = foreign.iter().map(|m| i18n.amount(*m)).collect();
            card = card.push(
                text(format!("≈ {}", shown.join(" · ")))
                    .size(theme::SMALL)
                    .style(theme::muted),
            );
        }
        let discount = row![
            text_input(&i18n.tr("sale-discount"), &self.sale_discount)
                .on_input(Message::SaleDiscountText)
                .on_submit(Message::SaleDiscountCommit)
                .size(theme::TEXT)
                .padding(10),
            big(i18n.tr("apply"), Some(Message::SaleDiscountCommit)).style(button::secondary),
        ]
        .spacing(6);
        let parked_label = i18n.tr("parked-carts");
        column![
            container(card).padding(16).style(theme::card).width(Length::Fill),
            discount,
            row![
                big(i18n.tr("park"), (!self.cart.is_empty()).then_some(Message::Park)).style(button::secondary),
                big(parked_label, Some(Message::ToggleParked)).style(button::secondary),
            ]
            .spacing(6)
            .wrap()
            .vertical_spacing(6),
            big(
                format!(
                    "{}{}",
                    i18n.tr("void-cart"),
                    crate::ui::app::keys::hint(crate::ui::app::keys::Command::VoidCart)
                ),
                (!self.cart.is_empty()).then_some(Message::VoidCart),
            )
            .style(button::danger),
            big(format!("{} (F3)", i18n.tr("pay")), Some(Message::Pay))
                .width(Length::Fill)
                .height(theme::TOUCH * 1.5)
                .style(button::success),
        ]
        .spacing(12)
    }
}
