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
} payment cannot give change: { $amount } som is more than the { $due } som still due.
