# Inventory, product form, units, labels, settings, users and PINs. Same keys in ky/, ru/ and en/.

## Товардын формасы жана өлчөм бирдиктери
unit = Өлчөм бирдиги
unit-piece = даана
unit-metre = метр
unit-kilogram = килограмм
qty-piece = { $qty } даана
qty-metre = { $qty } м
qty-kilogram = { $qty } кг
whole-only = { $name } даана менен сатылат: { $qty } бүтүн сан эмес.
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
