# Usta — интерфейстин кыргызча саптары. Ачкычтар en/ жана ru/ менен бирдей (тест текшерет).

## Top bar and navigation
nav-sale = Сатуу
nav-returns = Кайтаруу
nav-inventory = Товарлар
nav-stocktake = Эсепке алуу
nav-settings = Жөндөөлөр
customer-display = Кардар экраны
shortcuts = Тез баскычтар
help = Бул баскычтардын тизмеси
help-pay-kinds = Төлөм: накталай, карта, QR
help-enter = Скандоо, төлөм кошуу, ырастоо, жаңы сатууну баштоо
help-escape = Сатууга кайтуу, бул тизмени жабуу
loading = Жүктөлүүдө…
all = Баары

## Sale
scan-placeholder = Скандаңыз же атын жазыңыз…
cart-empty = Себет бош. Баштоо үчүн товарды скандаңыз.
added = Кошулду: { $name }
unknown-barcode = Белгисиз штрихкод { $code }: мындай товар жок. Этикетканы текшериңиз же товарды «Товарлар» бөлүмүнө кошуңуз.
discount = Арзандатуу
discount-hint = 10% же 150
sale-discount = Арзандатуу: 10% же 150
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
refund-over-drawer = Кассада болгону { $drawer } болушу керек: { $refund } накталай кайтарууга менеджердин уруксаты керек.
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
count-placeholder = Товарларды бирден скандаңыз
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

# Day and reports
nav-day = Күн
nav-reports = Отчёттор
day-opened = Иш күнү ачылды.
cash-in-done = Кассага салынды: { $amount }
cash-out-done = Кассадан алынды: { $amount }
day-closed-backing-up = { $day } иш күнү жабылды, Z-отчёт сакталды. Жаңы сатуулар кийинки күнгө түшөт. Камдык көчүрмө жасалууда…
day-closed-backed-up = { $day } иш күнү жабылды, камдык көчүрмө сакталды: { $path }. Жаңы сатуулар кийинки күнгө түшөт.
day-closed-backup-failed = { $day } иш күнү жабылды, Z-отчёт сакталды. Камдык көчүрмө жасалган жок: { $reason }
x-report = X-отчёт
z-report = Z-отчёт
day-sales = Сатуулар
day-returns = Кайтаруулар
day-net = Таза киреше
drawer-expected = Кассада болушу керек,
drawer-counted = Саналды
drawer-variance = Айырма
day-open-since = { $day } иш күнү { $at } бери ачык.
day-none-open = Иш күнү ачыла элек. Биринчи сатуу аны өзү ачат, же бул жерден баштапкы калдык менен ачыңыз.
day-float = Баштапкы калдык (мисалы 5000 же KGS:5000 USD:100)
day-open = Күндү ачуу
cash-amount = Сумма (сом же USD:100)
cash-reason = Себеби
cash-in = Кассага салуу
cash-out = Кассадан алуу
cash-count = Кассаны саноо
count-other = Башка валюталар (USD:100 EUR:20)
day-close = Күндү жабуу
no-sales = Азырынча сатуу жок.
by-category = Категория боюнча
by-artisan = Чебер боюнча
refresh = Жаңылоо
report-today = Бүгүн
report-month = Ушул ай
artisan-statements = Ушул айдагы чеберлер
statement-owed = Тапкан акысы
statement-paid = Төлөндү
statement-balance = Төлөнө турган калдык
payout-amount = Төлөм суммасы, сом
payout-pay = Накталай төлөө
payout-done = { $artisan } чеберге { $amount } сом төлөндү; калдык { $balance } сом. Квитанция басып чыгарууга кезекте.
## Tax-free
taxfree = Tax-free формасы
taxfree-title = № { $number } чек боюнча tax-free формасы
taxfree-mrz = Паспорттун машина окуучу алкагы: паспортту сканерлеңиз же эки сапты коюңуз
taxfree-mrz-read = Паспорт окулду, бардык текшерүү сандары туура.
taxfree-mrz-bad = Паспорт окулган жок: { $reason }
taxfree-name = Паспорттогудай аты-жөнү
taxfree-passport = Паспорттун номери
taxfree-country = Жарандыгы (өлкөнүн коду)
taxfree-residence = Жашаган өлкөсү (башка болсо)
taxfree-birth = Туулган күнү (ЖЖЖЖ-АА-КК)
taxfree-eligible-goods = Формадагы товарлар
taxfree-vat = Алардагы КНС
taxfree-refund = Саякатчыга кайтарылат
taxfree-deadline = Товарларды өлкөдөн чыгаруу мөөнөтү
taxfree-left-out = Формага кирбейт: { $name } ({ $why })
taxfree-why-category = схема мындай товарларды камтыбайт
taxfree-why-novat = КНС алынган эмес
taxfree-why-returned = кайтарылды
taxfree-below-minimum = Tax-free минималдуу суммасынан { $minimum } аз: дагы { $missing } керек.
taxfree-resident = { $country } тургундары КНС кайтарууну ала алышпайт.
taxfree-excluded = { $country } жарандары tax-free схемасына кирбейт.
taxfree-nothing-eligible = Бул чектеги бир да товар tax-free үчүн ылайык эмес.
taxfree-already = Бул чекке { $form } tax-free формасы буга чейин берилген.
taxfree-not-sale = Бул сатуу эмес, кайтаруу чеги.
taxfree-incomplete = Саякатчынын бардык маалыматын толтуруңуз же паспортту сканерлеңиз.
taxfree-issue = Форманы берүү
taxfree-issued = { $number } формасы берилди. Эки нусканы тең басып чыгарыңыз: саякатчыга жана дүкөнгө.
taxfree-print = Эки нусканы тең басып чыгаруу
taxfree-close = Жабуу

## Fiscal register
fiscal-pending = Фискалдык регистраторго катталбаган чектер: { $count } ({ $reason }). Сатуулар сакталды.
fiscal-retry = Азыр каттоо
## Backups
backups = Камдык көчүрмөлөр
last-backup = Акыркы камдык көчүрмө: { $when }
no-backup-yet = Камдык көчүрмө азырынча жасала элек.
back-up-now = Азыр көчүрмө жасоо
backup-done = Көчүрмө сакталды: { $path }
backup-progress = Көчүрүлүүдө: { $done } / { $total } барак
cancel-job = Жокко чыгаруу

## Sign-in
login-title = Кирүү
login-who = Кассада ким турат?
login-keys = ↑ ↓ өзүңүздү тандаңыз, анан PIN терип, Enter басыңыз
login-pin = PIN-код
login-sign-in = Кирүү
login-pick = Адегенде атыңызды тандаңыз.
login-wrong = Аты же PIN-код туура эмес.
login-locked = { $name } { $count } жолу туура эмес PIN-коддон кийин { $wait } бөгөттөлдү.
switch-user = Колдонуучуну алмаштыруу
auto-lock = Кулпулоо убактысы
approval-wanted = Менеджердин уруксаты керек: { $reason }
approval-manager = Менеджер
approve = Уруксат берүү
approval-given = { $name } уруксат берди: аракетти кайталаңыз.
