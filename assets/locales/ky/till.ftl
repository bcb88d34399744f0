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
# $amount and $due are amounts in som as shown (they end in «сом»), so «{ $due }дон» reads «2 500,00 сомдон».
non-cash-over = { $kind ->
    [card] Карта менен төлөм
   *[other] QR төлөм
} кайтарым бербейт: { $amount } калган { $due }дон көп.

## Quick keys
till-qk-title = Тез баскычтар
till-qk-at = Сатуу экранындагы { $pos }-тез баскыч
till-qk-none = Тез баскыч эмес
till-qk-hint = Орун 1–{ $max }
till-qk-set-button = Тез баскыч кылуу
till-qk-clear-button = Тез баскычты алып салуу
till-qk-set = { $pos }-тез баскыч коюлду: ал сатуу экранында.
till-qk-replaced = { $pos }-тез баскыч коюлду; бул орунда { $name } турган, ал эми тез баскыч эмес.
till-qk-cleared = Эми тез баскыч эмес.
err-till-quick-key-position = Тез баскычтын орду { $pos } 1ден { $max } чейин болушу керек.

## Stock warnings
till-stock-left = Кампада { $name } болгону { $left } калды: кошулду, текчени текшериңиз.
till-stock-unique = { $name } жалгыз нуска, калдыктан ашык сатылды (кампада { $left }), уруксат берилди.
till-stock-needs-manager = { $name } жалгыз нуска, кампада { $left }: менеджер төмөндө ырастайт, анан товар кошулат.
action-sell-beyond-stock = Жалгыз нусканы калдыктан ашык сатуу

## Parked carts
till-park-default = Чек { $number }
till-park-name = Калтырылган чектин аты (милдеттүү эмес)
till-park-confirm = Калтыруу (Enter)

## Payment QR
till-qr-scan = Төлөө үчүн банк тиркемеси менен скандаңыз
till-qr-missing = Дүкөндүн төлөм QR коду коюлган эмес (Жөндөөлөр → Төлөм QR).
till-qr-title = Төлөм QR
till-qr-payload = Банктын QR кодундагы текст (ELQR, MBank…)
till-qr-file = …же ошол текст жазылган файл
till-qr-saved = Төлөм QR сакталды.
till-qr-cleared = Төлөм QR өчүрүлдү.
err-till-qr-too-long = Төлөм QR тексти { $chars } белгиден турат; QR эң көп { $max } белги батырат.
err-till-qr-unreadable = { $path } окулбайт: { $reason }
err-till-qr-not-qr = { $path } PNG сүрөт да, QR тексти да эмес.
till-qr-remove = QR кодду өчүрүү
# The customer display, under a foreign total whose rate is more than three days older than the sale.
cust-rates-stale = { $date } күнкү курс: эскирген болушу мүмкүн
