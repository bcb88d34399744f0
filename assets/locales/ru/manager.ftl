# Inventory, product form, units, labels, settings, users and PINs. Same keys in ky/, ru/ and en/.

## Карточка товара и единицы
unit = Единица
unit-piece = штука
unit-metre = метр
unit-kilogram = килограмм
qty-piece = { $qty } шт
qty-metre = { $qty } м
qty-kilogram = { $qty } кг
whole-only = { $name } продаётся поштучно: { $qty } — не целое число.
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
