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
} не даёт сдачи: { $amount } сом больше, чем осталось оплатить ({ $due } сом).
