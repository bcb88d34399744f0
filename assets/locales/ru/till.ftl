# Sale, payment, cart, quick keys, scan capture and the till's keys. Same keys in ky/, ru/ and en/ (a test checks).

## Keys
key-back = Шаг назад: закрыть этот список или окно, отменить одобрение, оплата → корзина, другие экраны → продажа
help-arrows = Выбрать результат поиска (Enter добавляет его)
keys-on-screen = Клавиши этого экрана

## Sale
void-cart = Аннулировать чек
cart-voided = Чек аннулирован; следующий покупатель начинает с чистого листа.
void-needs-manager = Аннулировать такой крупный чек можно только с менеджером: он подтверждает ниже, и чек аннулируется.
discount-needs-manager = Эта скидка больше вашего лимита: менеджер подтверждает ниже, и скидка применяется.
approval-cancel = Отмена

## Payment
non-cash-over = { $kind ->
    [card] Оплата картой
   *[other] Оплата по QR
} не даёт сдачи: { $amount } больше, чем осталось оплатить ({ $due }).

## Quick keys
till-qk-title = Быстрые кнопки
till-qk-at = Быстрая кнопка { $pos } на экране продажи
till-qk-none = Не быстрая кнопка
till-qk-hint = Место 1–{ $max }
till-qk-set-button = Сделать быстрой кнопкой
till-qk-clear-button = Убрать быструю кнопку
till-qk-set = Быстрая кнопка { $pos } назначена: она на экране продажи.
till-qk-replaced = Быстрая кнопка { $pos } назначена; { $name } стоял на этом месте и больше не быстрая кнопка.
till-qk-cleared = Больше не быстрая кнопка.
err-till-quick-key-position = Место быстрой кнопки { $pos } должно быть от 1 до { $max }.

## Stock warnings
till-stock-left = На складе осталось только { $left } — { $name }: добавлено, проверьте полку.
till-stock-unique = { $name } — единственный экземпляр, продан сверх остатка ({ $left } на складе) с разрешения.
till-stock-needs-manager = { $name } — единственный экземпляр, на складе { $left }: менеджер подтверждает ниже, затем товар добавится.
action-sell-beyond-stock = Продажа единственного экземпляра сверх остатка

## Parked carts
till-park-default = Чек { $number }
till-park-name = Название отложенного чека (необязательно)
till-park-confirm = Отложить (Enter)

## Payment QR
till-qr-scan = Отсканируйте приложением банка, чтобы оплатить
till-qr-missing = QR для оплаты магазина не настроен (Настройки → QR для оплаты).
till-qr-title = QR для оплаты
till-qr-payload = Текст, который хранит QR банка (ELQR, MBank…)
till-qr-file = …или файл с этим текстом
till-qr-saved = QR для оплаты сохранён.
till-qr-cleared = QR для оплаты удалён.
err-till-qr-too-long = Текст QR для оплаты длиной { $chars } символов; QR вмещает не больше { $max }.
err-till-qr-unreadable = { $path } не читается: { $reason }
err-till-qr-not-qr = { $path } — не картинка PNG и не текст QR.
till-qr-remove = Удалить QR
# The customer display, under a foreign total whose rate is more than three days older than the sale.
cust-rates-stale = Курс на { $date }: может быть устаревшим
