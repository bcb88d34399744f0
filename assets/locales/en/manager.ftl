# Inventory, product form, units, labels, settings, users and PINs. Same keys in ky/, ru/ and en/.

## Product form and units
unit = Unit
unit-piece = piece
unit-metre = metre
unit-kilogram = kilogram
qty-piece = { $qty } pcs
qty-metre = { $qty } m
qty-kilogram = { $qty } kg
whole-only = { $name } is sold by the piece: { $qty } is not a whole number.
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
