# Usta — интерфейстин кыргызча саптары. Ачкычтар en/ жана ru/ менен бирдей (тест текшерет).

## Top bar and navigation
nav-sale = Сатуу
nav-returns = Кайтаруу
nav-inventory = Товарлар
nav-stocktake = Эсепке алуу
nav-settings = Жөндөөлөр
customer-display = Сатып алуучунун экраны
shortcuts = Тез баскычтар
help = Бул баскычтардын тизмеси
help-pay-kinds = Төлөм: накталай, карта, QR
help-enter = Скандоо, төлөм кошуу, ырастоо, жаңы сатууну баштоо
help-escape = Сатууга кайтуу, бул тизмени жабуу
loading = Жүктөлүүдө…
all = Баары

## Sale
scan-placeholder = Штрихкодду скандаңыз же атын жазыңыз…
cart-empty = Себет бош. Баштоо үчүн товарды скандаңыз.
added = Кошулду: { $name }
unknown-barcode = Белгисиз штрихкод { $code }: мындай товар жок. Этикетканы текшериңиз же товарды «Товарлар» бөлүмүнө кошуңуз.
discount = Арзандатуу
discount-hint = 10% же 150
sale-discount = Чекке арзандатуу (10% же 150)
bad-discount = «{ $text }» арзандатуу эмес; 10% же сумманы жазыңыз.
apply = Колдонуу
subtotal = Арзандатууга чейин
total = Жалпы
vat-line = КНС { $rate }%
sales-tax-line = Сатуудан салык { $rate }%
park = Кийинкиге калтыруу
parked = Чек { $number } номери менен калтырылды.
parked-carts = Калтырылган чектер
no-parked = Калтырылган чек жок.
park-first = Адегенде учурдагы чекти бүтүрүңүз же калтырыңыз.
cart-restored = Ачык чек калыбына келтирилди.
pay = Төлөө

## Payment
payment = Төлөм
pay-cash = Накталай
pay-card = Карта
pay-qr = QR төлөм
amount = Сумма
add = Кошуу
exact = Так сумма
paid = Төлөндү
change = Кайтарым
remaining = Дагы төлөнөт
rounding = Тегеректөө
confirm = Төлөмдү ырастоо
back-to-cart = Себетке кайтуу
bad-amount = «{ $text }» сумма эмес.
sale-done = Сатуу аяктады — чек { $number }
new-sale = Жаңы сатуу

## Returns
returns = Кайтаруу
receipt-number = Чектин номери же штрихкоду
find = Табуу
receipt-not-found = { $number } чеги бул кассадан табылган жок.
bad-receipt-number = «{ $text }» чектин номери эмес.
receipt-of = { $date } күнкү { $number } чеги
return-line = сатылды { $sold }, кайтарылды { $returned }, төлөндү { $paid }
more-than-sold = Сатылгандан көптү кайтарууга болбойт.
all-returned = Бул чектеги баары мурунтан кайтарылган.
return-all = Калганын баарын кайтаруу
refund-by = Акчаны кайтаруу
refund = Кайтарылат
confirm-return = Кайтарууну ырастоо
pick-lines = Адегенде эмне кайтарыларын тандаңыз.
pick-refund = Акча кантип кайтарыларын тандаңыз.
return-done = Кайтаруу { $number } чеги менен жазылды.
cancel = Жокко чыгаруу

## Inventory
inventory = Товарлар
search = Аты же штрихкоду боюнча издөө
low-stock = Кампада аз калды
new-product = Жаңы товар
pick-product = Тизмеден товар тандаңыз же жаңысын кошуңуз.
name-ky = Аты (кыргызча)
name-ru = Аты (орусча)
name-en = Аты (англисче)
price = Баасы, сом (салыктар менен)
category = Категория
tax-group = Салык тобу
barcode = Штрихкод
generate = Ички код түзүү
artisan = Уста
save = Сактоо
product-saved = Товар сакталды.
on-hand = Кампада: { $qty }
quantity = Саны
reason = Себеби же эскертүү
receive = Кирим
adjust = Түзөтүү
bad-quantity = «{ $text }» сан эмес.
stock-now = Эми кампада { $qty }.
history = Кыймыл тарыхы
move-receive = Кирим
move-sale = Сатуу
move-return = Кайтаруу
move-adjust = Түзөтүү
move-count = Эсепке алуу

## Stocktake
stocktake = Эсепке алуу
count-placeholder = Ар бир товарды скандаңыз (ар бир скан — бир даана)
product = Товар
expected = Күтүлгөн
counted = Саналды: { $name }
counted-header = Саналды
variance = Айырма
variance-money = Айырма, сом
items-counted = Саналган товарлар
apply-count = Эсепке алууну жүргүзүү
stocktake-applied = Эсепке алуу жүргүзүлдү: { $count } оңдоо жазылды.

## Settings
shop = Дүкөн
shop-name = Дүкөндүн аты
address = Дарек
tin = ИСН (14 сан)
reg-no = ККМдин каттоо номери
phone = Телефон
register = Кассанын коду
taxes = Салыктар
vat-rate = КНС, % (кадимки товарлар)
sales-tax-cash = Накталай төлөмдөгү сатуудан салык, %
sales-tax-card = Карта менен төлөмдөгү сатуудан салык, %
sales-tax-qr = QR төлөмдөгү сатуудан салык, %
currencies = Валюталар
rate-of = 1 { $currency } үчүн сом
accept-foreign-cash = Чет өлкө валютасын кабыл алуу (кайтарым дайыма сом менен)
appearance = Көрүнүшү
language = Тил
ui-scale = Интерфейстин өлчөмү
dark-theme = Кечки базарлар үчүн караңгы тема
settings-saved = Жөндөөлөр сакталды.

## First start
welcome = Usta'га кош келиңиз
welcome-text = Бул базада азырынча дүкөн жок. Баарын сынап көрүү үчүн Бишкектеги демо-дүкөндү ачыңыз же өз дүкөнүңүздү жөндөңүз.
open-demo = Демо-дүкөндү ачуу
set-up-shop = Менин дүкөнүмдү жөндөө
admin-name = Биринчи администратордун аты
create-shop = Дүкөн түзүү

## Errors
error = Аткарылган жок: { $reason }

## Printing
reprint = Көчүрмөсүн басып чыгаруу
printed = Басылды ({ $count }).
print-failed = Принтер баскан жок: { $reason }. Кезекте { $count } тапшырма күтүп турат; сатуу сакталды.
retry-print = Кайра басуу

## Scanner
scanner-rejected = Сканер «{ $code }» жөнөттү, код четке кагылды: { $reason }. Кайра скандаңыз.
scanner-disconnected = Сканер ажыратылды ({ $reason }). Кайра сайылганда өзү туташат; клавиатура менен киргизүү иштейт.
scanner-connected = Сканер даяр: { $port }.

## Devices
devices = Принтер жана сканер
printer-uri = Чек принтери (tcp://192.168.1.50:9100, usb:/dev/usb/lp0, serial:/dev/ttyUSB0?baud=19200)
printer-profile = Принтердин модели
test-print = Сынак баракты басып чыгаруу
scanner-port = Сканердин порту (/dev/ttyACM0 же usb:VID:PID; клавиатура-сканер үчүн бош)
detected-ports = Табылган порттор
none-found = табылган жок
last-scan = Акыркы скан: { $code }
no-scan-yet = Сканерди текшерүү үчүн бир нерсе скандаңыз.

## Backups
backups = Камдык көчүрмөлөр
last-backup = Акыркы камдык көчүрмө: { $when }
no-backup-yet = Камдык көчүрмө азырынча жасала элек.
back-up-now = Азыр көчүрмө жасоо
backup-done = Көчүрмө сакталды: { $path }
