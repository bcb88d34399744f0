# Inventory, product form, units, labels, settings, users and PINs. Same keys in ky/, ru/ and en/.

## Товардын формасы жана өлчөм бирдиктери
unit = Өлчөм бирдиги
unit-piece = даана
unit-metre = метр
unit-kilogram = килограмм
qty-piece = { $qty } даана
qty-metre = { $qty } м
qty-kilogram = { $qty } кг
tax-group-choice = { $group } · КНС { $vat }%
tax-group-standard = Негизги
tax-group-exempt = КНСсыз
no-artisan = Чебери жок (дүкөндүн өз товары)
pick-category = Категорияны тандаңыз
new-category = Жаңы категория
new-category-names = Жаңы категориянын аталышы үч тилде
create-category = Категорияны түзүү
category-created = Категория түзүлдү.
print-labels = { $count } этикетка басып чыгаруу
labels-queued = Басып чыгарууга { $count } этикетка жөнөтүлдү.
labels-queued-no-printer = { $count } этикетка кезекте турат: принтер Жөндөөлөрдө орнотулганда басылат.

## Жөндөөлөр: бөлүмдөр, чектөөлөр, колдонуучулар жана PIN-коддор
section-saved = { $time } сакталды.
lock-never = Эч качан
minutes = { $n } мүн
cashier-limits = Кассирдин чектөөлөрү
discount-limit = Менеджерсиз арзандатуу, %
void-cart-above = Мындан кымбат себетти жокко чыгарууга менеджер керек, сом
users-and-pins = Колдонуучулар жана PIN-коддор
users-admin-only = Колдонуучуларды кошуп, PIN-коддорду администратор гана алмаштырат.
role = Ролу
role-cashier = Кассир
role-manager = Менеджер
role-admin = Администратор
user-name = Аты
pin = PIN-код (4–8 сан)
add-user = Колдонуучу кошуу
user-added = Колдонуучу кошулду.
user-inactive = өчүрүлгөн
new-pin = Жаңы PIN-код
set-pin = PIN-кодду коюу
reset-pin = PIN-кодду алмаштыруу
pin-reset = PIN-код алмашты.
deactivate = Өчүрүү
user-deactivated = Колдонуучу өчүрүлдү: ал мындан ары кире албайт.
attributes = Касиеттери (size=58|colour=white|colour.ky=ак)
