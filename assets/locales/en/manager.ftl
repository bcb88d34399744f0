# Inventory, product form, units, labels, settings, users and PINs. Same keys in ky/, ru/ and en/.

## Product form and units
unit = Unit
unit-piece = piece
unit-metre = metre
unit-kilogram = kilogram
qty-piece = { $qty } pcs
qty-metre = { $qty } m
qty-kilogram = { $qty } kg
tax-group-choice = { $group } · VAT { $vat }%
tax-group-standard = Standard
tax-group-exempt = Exempt
no-artisan = No artisan (the shop's own)
pick-category = Pick a category
new-category = New category
new-category-names = The new category's name in three languages
create-category = Create category
category-created = Category created.
print-labels = Print { $count } labels
labels-queued = { $count } labels sent to the printer.
labels-queued-no-printer = { $count } labels are queued: they print once a printer is set up in Settings.

## Settings: sections, limits, users and PINs
section-saved = Saved at { $time }.
lock-never = Never
minutes = { $n } min
cashier-limits = Cashier's limits
discount-limit = Discount without a manager, %
void-cart-above = Voiding a cart above this needs a manager, som
users-and-pins = Users and PINs
users-admin-only = Only an administrator adds users and resets PINs.
role = Role
role-cashier = Cashier
role-manager = Manager
role-admin = Administrator
user-name = Name
pin = PIN (4–8 digits)
add-user = Add user
user-added = User added.
user-inactive = deactivated
new-pin = New PIN
set-pin = Set PIN
reset-pin = Reset PIN
pin-reset = The PIN is changed.
deactivate = Deactivate
user-deactivated = User deactivated: they can no longer sign in.
attributes = Attributes (size=58|colour=white|colour.ru=белый)
