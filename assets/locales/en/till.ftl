# Sale, payment, cart, quick keys, scan capture and the till's keys. Same keys in ky/, ru/ and en/ (a test checks).

## Keys
key-back = Back one step: close this list or a dialog, cancel an approval, payment → cart, other screens → sale
help-arrows = Choose a search result (Enter adds it)
keys-on-screen = Keys on this screen

## Sale
void-cart = Void cart
cart-voided = The cart was voided; the next customer starts clean.
void-needs-manager = Voiding a cart this large needs a manager: they approve below, then it is voided.
discount-needs-manager = This discount is over your limit: a manager approves below, then it is applied.
approval-cancel = Cancel

## Payment
non-cash-over = { $kind ->
    [card] A card
   *[other] A QR
} payment cannot give change: { $amount } is more than the { $due } still due.

## Quick keys
till-qk-title = Quick keys
till-qk-at = Quick key { $pos } on the sale screen
till-qk-none = Not a quick key
till-qk-hint = Position 1–{ $max }
till-qk-set-button = Make quick key
till-qk-clear-button = Remove quick key
till-qk-set = Quick key { $pos } is set: the sale screen shows it.
till-qk-replaced = Quick key { $pos } is set; { $name } held that place and is no longer a quick key.
till-qk-cleared = No longer a quick key.
err-till-quick-key-position = Quick key position { $pos } is not between 1 and { $max }.

## Stock warnings
till-stock-left = Only { $left } of { $name } on hand: added all the same, check the shelf.
till-stock-unique = { $name } is one of a kind and sold beyond its stock ({ $left } on hand), approved.
till-stock-needs-manager = { $name } is one of a kind, { $left } on hand: a manager approves below, then it is added.
action-sell-beyond-stock = Selling a one-of-a-kind item beyond its stock

## Parked carts
till-park-default = Cart { $number }
till-park-name = Name of the parked cart (optional)
till-park-confirm = Park it (Enter)

## Payment QR
till-qr-scan = Scan with your bank app to pay
till-qr-missing = The shop's payment QR is not set up (Settings → Payment QR).
till-qr-title = Payment QR
till-qr-payload = The text the bank's QR holds (ELQR, MBank…)
till-qr-file = …or a file holding that text
till-qr-saved = Payment QR saved.
till-qr-cleared = Payment QR removed.
err-till-qr-too-long = The payment QR text is { $chars } characters long; a QR holds at most { $max }.
err-till-qr-unreadable = { $path } cannot be read: { $reason }
err-till-qr-not-qr = { $path } is neither a PNG picture nor the text of a QR.
till-qr-remove = Remove the QR
# The customer display, under a foreign total whose rate is more than three days older than the sale.
cust-rates-stale = Rate of { $date }: it may be out of date
