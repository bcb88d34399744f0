//! Quick keys: up to [`MAX`] of the shop's favourite products in a grid on the sale screen, each at a numbered
//! position, so goods sold by the dozen (magnets, keychains) are one tap instead of a scan.

use super::catalog::ProductId;
use serde::{Deserialize, Serialize};

/// How many quick keys the sale screen's grid holds.
pub const MAX: u8 = 24;

/// One key: a product at a position (1 is the top left).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickKey {
    pub pos: u8,
    pub product: ProductId,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuickKeyError {
    #[error("quick key position {0} is not between 1 and {MAX}")]
    Position(u32),
}

/// The shop's quick keys, ordered by position; a position holds one product and a product one position.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct QuickKeys(Vec<QuickKey>);

impl QuickKeys {
    /// Puts `product` at `pos`: it leaves its old position, and the product that held `pos` loses its key (its
    /// id is returned, so the manager can be told what was replaced).
    pub fn set(&mut self, product: ProductId, pos: u32) -> Result<Option<ProductId>, QuickKeyError> {
        let pos = u8::try_from(pos)
            .ok()
            .filter(|p| (1..=MAX).contains(p))
            .ok_or(QuickKeyError::Position(pos))?;
        self.0.retain(|k| k.product != product);
        let displaced = self
            .0
            .iter()
            .position(|k| k.pos == pos)
            .map(|i| self.0.remove(i).product);
        self.0.push(QuickKey { pos, product });
        self.0.sort_by_key(|k| k.pos);
        Ok(displaced)
    }

    /// Takes `product` off the grid; false when it was not on it.
    pub fn clear(&mut self, product: ProductId) -> bool {
        let before = self.0.len();
        self.0.retain(|k| k.product != product);
        self.0.len() != before
    }

    pub fn position_of(&self, product: ProductId) -> Option<u8> {
        self.0.iter().find(|k| k.product == product).map(|k| k.pos)
    }

    /// The keys by position.
    pub fn keys(&self) -> &[QuickKey] {
        &self.0
    }

    /// The first position no product holds, for a product marked without one.
    pub fn first_free(&self) -> Option<u8> {
        (1..=MAX).find(|p| self.0.iter().all(|k| k.pos != *p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(steps: &[(i64, u32)], expected: &[(u8, i64)]) {
        let mut keys = QuickKeys::default();
        for (product, pos) in steps {
            keys.set(ProductId(*product), *pos).expect("valid position");
        }
        let got: Vec<(u8, i64)> = keys.keys().iter().map(|k| (k.pos, k.product.0)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn positions_hold_one_product_and_products_one_position() {
        check(&[(7, 2), (5, 1)], &[(1, 5), (2, 7)]);
        // Moving a product frees its old position.
        check(&[(7, 2), (7, 5)], &[(5, 7)]);
        // Taking a held position replaces the product there.
        check(&[(7, 2), (9, 2)], &[(2, 9)]);
        check(&[(1, 24), (2, 1)], &[(1, 2), (24, 1)]);
    }

    #[test]
    fn a_position_off_the_grid_is_refused_and_changes_nothing() {
        let mut keys = QuickKeys::default();
        assert_eq!(keys.set(ProductId(1), 0), Err(QuickKeyError::Position(0)));
        assert_eq!(keys.set(ProductId(1), 25), Err(QuickKeyError::Position(25)));
        assert_eq!(keys.set(ProductId(1), 300), Err(QuickKeyError::Position(300)));
        assert!(keys.keys().is_empty());
        assert_eq!(keys.set(ProductId(1), 3), Ok(None));
        assert_eq!(keys.set(ProductId(2), 3), Ok(Some(ProductId(1))));
        assert!(!keys.clear(ProductId(1)));
        assert!(keys.clear(ProductId(2)));
        assert_eq!(keys.first_free(), Some(1));
    }
}
