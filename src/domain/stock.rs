//! Stock as a ledger of movements. On-hand is never stored by itself: it is the sum of the movements.

use crate::domain::catalog::ProductId;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why stock moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MovementKind {
    /// Goods received from an artisan or supplier.
    Receive,
    Sale,
    Return,
    /// A correction with a reason (damaged, lost, found).
    Adjust,
    /// The difference found by a stocktake.
    Count,
}

impl MovementKind {
    pub fn code(self) -> &'static str {
        match self {
            MovementKind::Receive => "receive",
            MovementKind::Sale => "sale",
            MovementKind::Return => "return",
            MovementKind::Adjust => "adjust",
            MovementKind::Count => "count",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Receive, Self::Sale, Self::Return, Self::Adjust, Self::Count]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

impl fmt::Display for MovementKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One change of stock; `qty` is signed (+ in, − out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub product_id: ProductId,
    pub kind: MovementKind,
    pub qty: Decimal,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StockError {
    #[error("quantity received must be more than zero, got {0}")]
    Receive(Decimal),
    #[error("an adjustment of zero changes nothing")]
    ZeroAdjust,
    #[error("an adjustment needs a reason (damaged, lost, found…)")]
    NoReason,
    #[error("a counted quantity cannot be negative, got {0}")]
    NegativeCount(Decimal),
    #[error("quantity {0} has more than 3 decimals")]
    Precision(Decimal),
    #[error("quantity {0} is beyond what a quantity can hold")]
    OutOfRange(Decimal),
    #[error(transparent)]
    Limit(#[from] crate::domain::limits::LimitError),
}

/// At most 3 decimals and within the largest quantity a shop can have (see `limits`).
fn check_precision(qty: Decimal) -> Result<Decimal, StockError> {
    if qty.normalize().scale() > 3 {
        return Err(StockError::Precision(qty));
    }
    Ok(crate::domain::limits::check(
        "quantity",
        qty,
        crate::domain::limits::Bound::Qty,
    )?)
}

pub fn receive(product_id: ProductId, qty: Decimal, note: Option<String>) -> Result<Movement, StockError> {
    if check_precision(qty)? <= Decimal::ZERO {
        return Err(StockError::Receive(qty));
    }
    Ok(Movement {
        product_id,
        kind: MovementKind::Receive,
        qty,
        reason: note,
    })
}

pub fn adjust(product_id: ProductId, delta: Decimal, reason: &str) -> Result<Movement, StockError> {
    if check_precision(delta)?.is_zero() {
        return Err(StockError::ZeroAdjust);
    }
    if reason.trim().is_empty() {
        return Err(StockError::NoReason);
    }
    Ok(Movement {
        product_id,
        kind: MovementKind::Adjust,
        qty: delta,
        reason: Some(reason.trim().to_string()),
    })
}

/// The movement that brings `expected` to what was `counted`; none when they agree.
pub fn count(product_id: ProductId, expected: Decimal, counted: Decimal) -> Result<Option<Movement>, StockError> {
    if check_precision(counted)? < Decimal::ZERO {
        return Err(StockError::NegativeCount(counted));
    }
    let delta = counted - expected;
    Ok((!delta.is_zero()).then(|| Movement {
        product_id,
        kind: MovementKind::Count,
        qty: delta,
        reason: Some(format!("counted {counted}, expected {expected}")),
    }))
}

pub fn on_hand<'a>(movements: impl IntoIterator<Item = &'a Movement>) -> Decimal {
    movements.into_iter().map(|m| m.qty).sum()
}

/// Quantities are stored as integer thousandths so the database can sum them exactly.
///
/// Thousandths of a piece as an integer, as the database keeps quantities. A quantity too large for an i64 is an
/// error, never a panic and never a silently saturated number.
pub fn to_milli(qty: Decimal) -> Result<i64, StockError> {
    qty.checked_mul(Decimal::from(1000))
        .and_then(|m| i64::try_from(m.round()).ok())
        .ok_or(StockError::OutOfRange(qty))
}

pub fn from_milli(milli: i64) -> Decimal {
    Decimal::new(milli, 3).normalize()
}

/// What selling more than is on hand means for the cashier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortfall {
    /// More than the shelf holds: the till says how many are left and sells (the books may be behind).
    Warn { left: Decimal },
    /// A one-of-a-kind piece (one on hand) asked for twice: a manager must confirm before it is sold again.
    NeedsManager { left: Decimal },
}

/// Whether `wanted` (everything of the product in the cart) is beyond `on_hand`, and what that asks for.
pub fn shortfall(on_hand: Decimal, wanted: Decimal, unit: crate::domain::catalog::Unit) -> Option<Shortfall> {
    if wanted <= on_hand {
        return None;
    }
    let left = on_hand.max(Decimal::ZERO);
    Some(if on_hand == Decimal::ONE && !unit.divisible() {
        Shortfall::NeedsManager { left }
    } else {
        Shortfall::Warn { left }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: ProductId = ProductId(7);

    #[test]
    fn movements_sum_to_on_hand() {
        let moves = vec![
            receive(P, Decimal::from(10), None).expect("receive"),
            Movement {
                product_id: P,
                kind: MovementKind::Sale,
                qty: Decimal::from(-3),
                reason: None,
            },
            Movement {
                product_id: P,
                kind: MovementKind::Return,
                qty: Decimal::ONE,
                reason: None,
            },
            adjust(P, Decimal::from(-1), "damaged by rain").expect("adjust"),
        ];
        assert_eq!(on_hand(&moves), Decimal::from(7));
        let c = count(P, on_hand(&moves), Decimal::from(5))
            .expect("count")
            .expect("a difference");
        assert_eq!(c.qty, Decimal::from(-2));
        assert_eq!(count(P, Decimal::from(5), Decimal::from(5)), Ok(None));
    }

    #[test]
    fn refusals() {
        assert_eq!(receive(P, Decimal::ZERO, None), Err(StockError::Receive(Decimal::ZERO)));
        assert_eq!(adjust(P, Decimal::ONE, "  "), Err(StockError::NoReason));
        assert_eq!(adjust(P, Decimal::ZERO, "x"), Err(StockError::ZeroAdjust));
        assert_eq!(
            count(P, Decimal::ONE, Decimal::from(-1)),
            Err(StockError::NegativeCount(Decimal::from(-1)))
        );
        assert_eq!(
            receive(P, Decimal::new(1, 4), None),
            Err(StockError::Precision(Decimal::new(1, 4)))
        );
    }

    #[test]
    fn milli_round_trip() {
        for q in ["0", "1", "2.5", "0.001", "-3", "1000000"] {
            let d: Decimal = q.parse().expect("decimal");
            assert_eq!(to_milli(d).map(from_milli), Ok(d.normalize()));
        }
    }

    #[test]
    fn selling_beyond_stock_warns_and_a_single_piece_needs_a_manager() {
        use crate::domain::catalog::Unit;
        let d = |n: i64| Decimal::from(n);
        assert_eq!(shortfall(d(5), d(5), Unit::Piece), None);
        assert_eq!(shortfall(d(5), d(6), Unit::Piece), Some(Shortfall::Warn { left: d(5) }));
        assert_eq!(shortfall(d(0), d(1), Unit::Piece), Some(Shortfall::Warn { left: d(0) }));
        assert_eq!(
            shortfall(d(-2), d(1), Unit::Piece),
            Some(Shortfall::Warn { left: d(0) })
        );
        assert_eq!(shortfall(d(1), d(1), Unit::Piece), None);
        assert_eq!(
            shortfall(d(1), d(2), Unit::Piece),
            Some(Shortfall::NeedsManager { left: d(1) })
        );
        // A last metre of cloth is not a one-of-a-kind piece.
        assert_eq!(
            shortfall(d(1), Decimal::new(15, 1), Unit::Metre),
            Some(Shortfall::Warn { left: d(1) })
        );
    }
}
