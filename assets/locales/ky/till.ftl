# Sale, payment, cart, quick keys, scan capture and the till's keys. Same keys in ky/, ru/ and en/ (a test checks).

## Keys
key-back = Бир кадам артка: бул тизмени же терезени жабуу, уруксатты жокко чыгаруу, төлөм → себет, башка экрандар → сатуу
help-arrows = Издөө жыйынтыгын тандоо (Enter аны кошот)
keys-on-screen = Бул экрандын баскычтары

## Sale
void-cart = Чекти жокко чыгаруу
cart-voided = Чек жокко чыгарылды; кийинки кардар таза чектен баштайт.
void-needs-manager = Мындай чоң чекти жокко чыгарууга менеджер керек: ал төмөндө ырастайт, анан чек жокко чыгат.
discount-needs-manager = Бул арзандатуу сиздин чектен ашат: менеджер төмөндө ырастайт, анан арзандатуу колдонулат.
approval-cancel = Жокко чыгаруу

## Payment
non-cash-over = { $kind ->
    [card] Карта менен төлөм
   *[other] QR төлөм
} кайтарым бербейт: { $amount } сом калган { $due } сомдон көп.
