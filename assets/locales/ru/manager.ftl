# Inventory, product form, units, labels, settings, users and PINs. Same keys in ky/, ru/ and en/.

## Карточка товара и единицы
unit = Единица
unit-piece = штука
unit-metre = метр
unit-kilogram = килограмм
qty-piece = { $qty } шт
qty-metre = { $qty } м
qty-kilogram = { $qty } кг
tax-group-choice = { $group } · НДС { $vat }%
tax-group-standard = Стандартная
tax-group-exempt = Без НДС
no-artisan = Без мастера (товар магазина)
pick-category = Выберите категорию
new-category = Новая категория
new-category-names = Название новой категории на трёх языках
create-category = Создать категорию
category-created = Категория создана.
print-labels = Напечатать этикетки: { $count }
labels-queued = Этикеток отправлено на печать: { $count }.
labels-queued-no-printer = Этикеток в очереди: { $count }. Они напечатаются, когда принтер будет настроен в Настройках.

## Настройки: разделы, лимиты, пользователи и PIN-коды
section-saved = Сохранено в { $time }.
lock-never = Никогда
minutes = { $n } мин
cashier-limits = Лимиты кассира
discount-limit = Скидка без менеджера, %
void-cart-above = Отмена чека дороже этой суммы — с менеджером, сом
users-and-pins = Пользователи и PIN-коды
users-admin-only = Добавлять пользователей и сбрасывать PIN-коды может только администратор.
role = Роль
role-cashier = Кассир
role-manager = Менеджер
role-admin = Администратор
user-name = Имя
pin = PIN-код (4–8 цифр)
add-user = Добавить пользователя
user-added = Пользователь добавлен.
user-inactive = отключён
new-pin = Новый PIN-код
set-pin = Задать PIN-код
reset-pin = Сбросить PIN-код
pin-reset = PIN-код изменён.
deactivate = Отключить
user-deactivated = Пользователь отключён: он больше не сможет войти.
attributes = Свойства (size=58|colour=white|colour.ru=белый)
