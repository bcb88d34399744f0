# Usta — строки интерфейса на русском. Ключи те же, что в en/ и ky/ (проверяется тестом).

## Top bar and navigation
nav-sale = Продажа
nav-returns = Возвраты
nav-inventory = Товары
nav-stocktake = Инвентаризация
nav-settings = Настройки
customer-display = Покупателю
shortcuts = Горячие клавиши
help = Этот список клавиш
help-pay-kinds = Оплата: наличные, карта, QR
help-enter = Сканировать, добавить оплату, подтвердить, начать новую продажу
help-escape = Вернуться к продаже, закрыть этот список
loading = Загрузка…
all = Все

## Sale
scan-placeholder = Сканируйте или введите название…
cart-empty = Корзина пуста. Отсканируйте товар, чтобы начать.
added = Добавлено: { $name }
unknown-barcode = Неизвестный штрихкод { $code }: такого товара нет. Проверьте этикетку или добавьте товар в разделе «Товары».
discount = Скидка
discount-hint = 10% или 150
sale-discount = Скидка: 10% или 150
bad-discount = «{ $text }» — не скидка; введите 10% или сумму.
apply = Применить
subtotal = До скидки
total = Итого
vat-line = НДС { $rate }%
sales-tax-line = НсП { $rate }%
park = Отложить
parked = Чек отложен под номером { $number }.
parked-carts = Отложенные чеки
no-parked = Отложенных чеков нет.
park-first = Сначала завершите или отложите текущий чек.
cart-restored = Открытый чек восстановлен.
pay = Оплата

## Payment
payment = Оплата
pay-cash = Наличные
pay-card = Карта
pay-qr = QR-оплата
amount = Сумма
add = Добавить
exact = Без сдачи
paid = Оплачено
change = Сдача
remaining = Осталось оплатить
rounding = Округление
confirm = Подтвердить оплату
back-to-cart = Назад к корзине
bad-amount = «{ $text }» — не сумма.
sale-done = Продажа завершена — чек { $number }
new-sale = Новая продажа

## Returns
returns = Возвраты
receipt-number = Номер чека или штрихкод чека
find = Найти
receipt-not-found = Чек { $number } на этой кассе не найден.
bad-receipt-number = «{ $text }» — не номер чека.
receipt-of = Чек { $number } от { $date }
return-line = продано { $sold }, возвращено { $returned }, оплачено { $paid }
more-than-sold = Нельзя вернуть больше, чем продано.
all-returned = Всё из этого чека уже возвращено.
refund-over-drawer = В кассе должно быть только { $drawer }: возврат { $refund } наличными требует подтверждения менеджера.
return-all = Вернуть всё оставшееся
refund-by = Вернуть деньги
refund = К возврату
confirm-return = Подтвердить возврат
pick-lines = Сначала выберите, что возвращается.
pick-refund = Выберите, как вернуть деньги.
return-done = Возврат оформлен чеком { $number }.
cancel = Отмена

## Inventory
inventory = Товары
search = Поиск по названию или штрихкоду
low-stock = Мало на складе
new-product = Новый товар
pick-product = Выберите товар в списке или добавьте новый.
name-ky = Название (кыргызча)
name-ru = Название (по-русски)
name-en = Название (English)
price = Цена, сом (с налогами)
category = Категория
tax-group = Налоговая группа
barcode = Штрихкод
generate = Создать внутренний код
artisan = Мастер
save = Сохранить
product-saved = Товар сохранён.
on-hand = На складе: { $qty }
quantity = Количество
reason = Причина или примечание
receive = Приход
adjust = Корректировка
bad-quantity = «{ $text }» — не количество.
stock-now = Теперь на складе { $qty }.
history = История движения
move-receive = Приход
move-sale = Продажа
move-return = Возврат
move-adjust = Корректировка
move-count = Инвентаризация

## Stocktake
stocktake = Инвентаризация
count-placeholder = Сканируйте товары по одному
product = Товар
expected = Ожидается
counted = Посчитано: { $name }
counted-header = Посчитано
variance = Расхождение
variance-money = Расхождение, сом
items-counted = Посчитано товаров
apply-count = Провести инвентаризацию
stocktake-applied = Инвентаризация проведена: записано исправлений — { $count }.

## Settings
shop = Магазин
shop-name = Название магазина
address = Адрес
tin = ИНН (14 цифр)
reg-no = Регистрационный номер ККМ
phone = Телефон
register = Код кассы
taxes = Налоги
vat-rate = НДС, % (обычные товары)
sales-tax-cash = НсП при оплате наличными, %
sales-tax-card = НсП при оплате картой, %
sales-tax-qr = НсП при QR-оплате, %
currencies = Валюты
rate-of = Сомов за 1 { $currency }
accept-foreign-cash = Принимать иностранную валюту (сдача всегда в сомах)
appearance = Внешний вид
language = Язык
ui-scale = Размер интерфейса
dark-theme = Тёмная тема для вечерних рынков
settings-saved = Настройки сохранены.

## First start
welcome = Добро пожаловать в Usta
welcome-text = В этой базе ещё нет магазина. Откройте демо-магазин в Бишкеке, чтобы всё попробовать, или настройте свой магазин.
open-demo = Открыть демо-магазин
set-up-shop = Настроить мой магазин
admin-name = Имя первого администратора
create-shop = Создать магазин

## Errors
error = Не получилось: { $reason }

## Printing
reprint = Печать копии
printed = Напечатано ({ $count }).
print-failed = Принтер не напечатал: { $reason }. В очереди ждут заданий: { $count }; продажа сохранена.
retry-print = Повторить печать

## Scanner
scanner-rejected = Сканер прислал «{ $code }», код отклонён: { $reason }. Отсканируйте ещё раз.
scanner-disconnected = Сканер отключён ({ $reason }). Он подключится сам, когда его вставят обратно; ввод с клавиатуры работает.
scanner-connected = Сканер готов: { $port }.

## Devices
devices = Принтер и сканер
printer-uri = Чековый принтер (tcp://192.168.1.50:9100, usb:/dev/usb/lp0, serial:/dev/ttyUSB0?baud=19200)
printer-profile = Модель принтера
test-print = Напечатать тестовую страницу
scanner-port = Порт сканера (/dev/ttyACM0 или usb:VID:PID; пусто для сканера-клавиатуры)
detected-ports = Найденные порты
none-found = не найдено
last-scan = Последний скан: { $code }
no-scan-yet = Отсканируйте что-нибудь, чтобы проверить сканер.

# Day and reports
nav-day = Смена
nav-reports = Отчёты
day-opened = Рабочий день открыт.
cash-in-done = Внесение: { $amount }
cash-out-done = Изъятие: { $amount }
day-closed-backing-up = Рабочий день { $day } закрыт, Z-отчёт сохранён. Новые продажи пойдут в следующий день. Создаётся резервная копия…
day-closed-backed-up = Рабочий день { $day } закрыт, резервная копия сохранена: { $path }. Новые продажи пойдут в следующий день.
day-closed-backup-failed = Рабочий день { $day } закрыт, Z-отчёт сохранён. Резервная копия не создана: { $reason }
x-report = X-отчёт
z-report = Z-отчёт
day-sales = Продажи
day-returns = Возвраты
day-net = Выручка
drawer-expected = Должно быть в кассе,
drawer-counted = Пересчитано
drawer-variance = Расхождение
day-open-since = Рабочий день { $day } открыт с { $at }.
day-none-open = Рабочий день не открыт. Первая продажа откроет его сама, или откройте здесь с разменом.
day-float = Размен на начало (например 5000 или KGS:5000 USD:100)
day-open = Открыть день
cash-amount = Сумма (сом или USD:100)
cash-reason = Причина
cash-in = Внесение
cash-out = Изъятие
cash-count = Пересчёт кассы
count-other = Другие валюты (USD:100 EUR:20)
day-close = Закрыть день
no-sales = Продаж пока нет.
by-category = По категориям
by-artisan = По мастерам
refresh = Обновить
report-today = Сегодня
report-month = Этот месяц
artisan-statements = Мастера за этот месяц
statement-owed = Заработано
statement-paid = Выплачено
statement-balance = К выплате
payout-amount = Сумма выплаты, сом
payout-pay = Выплатить наличными
payout-done = Выплачено { $amount } сом мастеру { $artisan }; осталось { $balance } сом. Квитанция в очереди печати.
## Tax-free
taxfree = Форма tax-free
taxfree-title = Форма tax-free по чеку № { $number }
taxfree-mrz = Машиночитаемая зона паспорта: отсканируйте паспорт или вставьте две строки
taxfree-mrz-read = Паспорт прочитан, все контрольные цифры верны.
taxfree-mrz-bad = Паспорт не прочитан: { $reason }
taxfree-name = Имя как в паспорте
taxfree-passport = Номер паспорта
taxfree-country = Гражданство (код страны)
taxfree-residence = Страна проживания (если другая)
taxfree-birth = Дата рождения (ГГГГ-ММ-ДД)
taxfree-eligible-goods = Товары в форме
taxfree-vat = НДС в них
taxfree-refund = К возврату путешественнику
taxfree-deadline = Вывезти товары из страны до
taxfree-left-out = Не входит в форму: { $name } ({ $why })
taxfree-why-category = схема не распространяется на такие товары
taxfree-why-novat = НДС не начислялся
taxfree-why-returned = возвращено
taxfree-below-minimum = Меньше минимальной суммы tax-free { $minimum }: не хватает { $missing }.
taxfree-resident = Резиденты { $country } не получают возврат НДС.
taxfree-excluded = Граждане { $country } не входят в схему tax-free.
taxfree-nothing-eligible = Ни один товар в этом чеке не подходит для tax-free.
taxfree-already = По этому чеку уже выдана форма tax-free { $form }.
taxfree-not-sale = Это чек возврата, а не продажи.
taxfree-incomplete = Заполните все данные путешественника или отсканируйте паспорт.
taxfree-issue = Выдать форму
taxfree-issued = Форма { $number } выдана. Напечатайте оба экземпляра: путешественнику и магазину.
taxfree-print = Напечатать оба экземпляра
taxfree-close = Закрыть

## Fiscal register
fiscal-pending = Чеков, не зарегистрированных в фискальном регистраторе: { $count } ({ $reason }). Продажи сохранены.
fiscal-retry = Зарегистрировать сейчас
## Backups
backups = Резервные копии
last-backup = Последняя резервная копия: { $when }
no-backup-yet = Резервных копий ещё не было.
back-up-now = Создать копию сейчас
backup-done = Копия сохранена: { $path }
backup-progress = Копирование: { $done } / { $total } страниц
cancel-job = Отменить

## Sign-in
login-title = Вход
login-who = Кто за кассой?
login-keys = ↑ ↓ выберите себя, затем введите PIN и нажмите Enter
login-pin = PIN-код
login-sign-in = Войти
login-pick = Сначала выберите своё имя.
login-wrong = Неверное имя или PIN-код.
login-locked = { $name } заблокирован(а) на { $wait } после { $count } неверных PIN-кодов.
switch-user = Сменить пользователя
auto-lock = Блокировать через
approval-wanted = Нужно разрешение менеджера: { $reason }
approval-manager = Менеджер
approve = Разрешить
approval-given = Разрешил(а) { $name }: повторите действие.
