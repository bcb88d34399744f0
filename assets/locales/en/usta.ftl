# Usta — English interface strings. Keep the same keys in ky/ and ru/ (a test checks).

## Top bar and navigation
nav-sale = Sale
nav-returns = Returns
nav-inventory = Inventory
nav-stocktake = Stocktake
nav-settings = Settings
customer-display = Customer screen
shortcuts = Keyboard shortcuts
help = This list of shortcuts
help-pay-kinds = Payment: cash, card, QR
help-enter = Scan, add a payment, confirm, start the next sale
help-escape = Back to the sale, close this list
loading = Loading…
all = All

## Sale
scan-placeholder = Scan a barcode or type a name…
cart-empty = The cart is empty. Scan an item to start.
added = Added: { $name }
unknown-barcode = Unknown barcode { $code }: no product has this code. Check the label or add the product in Inventory.
discount = Discount
discount-hint = 10% or 150
sale-discount = Sale discount (10% or 150)
bad-discount = “{ $text }” is not a discount; type 10% or an amount.
apply = Apply
subtotal = Before discount
total = Total
vat-line = VAT { $rate }%
sales-tax-line = Sales tax { $rate }%
park = Park
parked = Cart parked as number { $number }.
parked-carts = Parked carts
no-parked = No parked carts.
park-first = Finish or park the current cart first.
cart-restored = The open cart was restored.
pay = Pay

## Payment
payment = Payment
pay-cash = Cash
pay-card = Card
pay-qr = QR mobile
amount = Amount
add = Add
exact = Exact
paid = Paid
change = Change
remaining = Still to pay
rounding = Rounding
confirm = Confirm payment
back-to-cart = Back to the cart
bad-amount = “{ $text }” is not an amount.
sale-done = Sale complete — receipt { $number }
new-sale = New sale

## Returns
returns = Returns
receipt-number = Receipt number or receipt barcode
find = Find
receipt-not-found = Receipt { $number } was not found on this register.
bad-receipt-number = “{ $text }” is not a receipt number.
receipt-of = Receipt { $number } of { $date }
return-line = sold { $sold }, returned { $returned }, paid { $paid }
more-than-sold = Cannot return more than was sold.
all-returned = Everything on this receipt has already been returned.
refund-over-drawer = The drawer should hold only { $drawer }: a cash refund of { $refund } needs a manager's approval.
return-all = Return everything left
refund-by = Refund by
refund = Refund
confirm-return = Confirm return
pick-lines = Pick what comes back first.
pick-refund = Pick how the money goes back.
return-done = Return recorded as receipt { $number }.
cancel = Cancel

## Inventory
inventory = Inventory
search = Search by name or barcode
low-stock = Low stock
new-product = New product
pick-product = Pick a product from the list, or add a new one.
name-ky = Name (Kyrgyz)
name-ru = Name (Russian)
name-en = Name (English)
price = Price, som (tax included)
category = Category
tax-group = Tax group
barcode = Barcode
generate = Generate in-store code
artisan = Artisan
save = Save
product-saved = Product saved.
on-hand = On hand: { $qty }
quantity = Quantity
reason = Reason or note
receive = Receive
adjust = Adjust
bad-quantity = “{ $text }” is not a quantity.
stock-now = Stock on hand is now { $qty }.
history = Movement history
move-receive = Received
move-sale = Sold
move-return = Returned
move-adjust = Adjusted
move-count = Counted

## Stocktake
stocktake = Stocktake
count-placeholder = Scan each item (each scan counts one)
product = Product
expected = Expected
counted = Counted: { $name }
counted-header = Counted
variance = Variance
variance-money = Variance, som
items-counted = Products counted
apply-count = Apply count
stocktake-applied = Stocktake applied: { $count } corrections recorded.

## Settings
shop = Shop
shop-name = Shop name
address = Address
tin = TIN (14 digits)
reg-no = Register registration number
phone = Phone
register = Register id
taxes = Taxes
vat-rate = VAT, % (standard goods)
sales-tax-cash = Sales tax on cash, %
sales-tax-card = Sales tax on card, %
sales-tax-qr = Sales tax on QR, %
currencies = Currencies
rate-of = Som per 1 { $currency }
accept-foreign-cash = Accept foreign cash (change is always in som)
appearance = Appearance
language = Language
ui-scale = Interface size
dark-theme = Dark theme for night markets
settings-saved = Settings saved.

## First start
welcome = Welcome to Usta
welcome-text = This database has no shop yet. Open the demo shop in Bishkek to try everything, or set up your own shop.
open-demo = Open the demo shop
set-up-shop = Set up my shop
admin-name = First administrator’s name
create-shop = Create the shop

## Errors
error = Could not do that: { $reason }

## Printing
reprint = Print a copy
printed = Printed ({ $count }).
print-failed = The printer did not print: { $reason }. { $count } job(s) wait in the queue; the sale is saved.
retry-print = Retry printing

## Scanner
scanner-rejected = The scanner sent “{ $code }”, which was refused: { $reason }. Scan again.
scanner-disconnected = Scanner disconnected ({ $reason }). It reconnects by itself when plugged back in; keyboard entry still works.
scanner-connected = Scanner ready on { $port }.

## Devices
devices = Printer and scanner
printer-uri = Receipt printer (tcp://192.168.1.50:9100, usb:/dev/usb/lp0, serial:/dev/ttyUSB0?baud=19200)
printer-profile = Printer model
test-print = Print a test page
scanner-port = Serial scanner port (/dev/ttyACM0 or usb:VID:PID; empty for keyboard scanners)
detected-ports = Ports found
none-found = none found
last-scan = Last scan: { $code }
no-scan-yet = Scan something to test the scanner.

# Day and reports
nav-day = Day
nav-reports = Reports
day-opened = The business day is open.
cash-in-done = Cash in: { $amount }
cash-out-done = Cash out: { $amount }
day-closed-backing-up = Business day { $day } is closed; the Z report is stored. New sales go to the next day. Backing up…
day-closed-backed-up = Business day { $day } is closed, backed up: { $path }. New sales go to the next day.
day-closed-backup-failed = Business day { $day } is closed; the Z report is stored. Backup failed: { $reason }
x-report = X report
z-report = Z report
day-sales = Sales
day-returns = Returns
day-net = Net takings
drawer-expected = Should be in the drawer,
drawer-counted = Counted
drawer-variance = Variance
day-open-since = Business day { $day } is open since { $at }.
day-none-open = No business day is open. The first sale opens one; or open it here with the float.
day-float = Opening float (e.g. 5000 or KGS:5000 USD:100)
day-open = Open the day
cash-amount = Amount (som, or USD:100)
cash-reason = Reason
cash-in = Cash in
cash-out = Cash out
cash-count = Cash count
count-other = Other currencies counted (USD:100 EUR:20)
day-close = Close the day
no-sales = No sales yet.
by-category = By category
by-artisan = By artisan
refresh = Refresh
report-today = Today
report-month = This month
artisan-statements = Artisans this month
statement-owed = Earned
statement-paid = Paid
statement-balance = Balance owed
payout-amount = Amount to pay, som
payout-pay = Pay in cash
payout-done = Paid { $amount } som to { $artisan }; still owed { $balance } som. The slip is queued for printing.
## Tax-free
taxfree = Tax-free form
taxfree-title = Tax-free form for receipt № { $number }
taxfree-mrz = Passport MRZ: scan the passport or paste its two lines
taxfree-mrz-read = Passport read; every check digit is correct.
taxfree-mrz-bad = The passport was not read: { $reason }
taxfree-name = Name as in the passport
taxfree-passport = Passport number
taxfree-country = Citizenship (country code)
taxfree-residence = Country of residence (if not the same)
taxfree-birth = Date of birth (YYYY-MM-DD)
taxfree-eligible-goods = Goods on the form
taxfree-vat = VAT in them
taxfree-refund = Refund to the traveller
taxfree-deadline = Take the goods out of the country by
taxfree-left-out = Not on the form: { $name } ({ $why })
taxfree-why-category = the scheme does not cover this kind of goods
taxfree-why-novat = no VAT was charged
taxfree-why-returned = returned
taxfree-below-minimum = Below the tax-free minimum of { $minimum }: { $missing } more is needed.
taxfree-resident = Residents of { $country } cannot get a tax-free refund.
taxfree-excluded = Citizens of { $country } are not covered by the tax-free scheme.
taxfree-nothing-eligible = No goods on this receipt qualify for tax-free.
taxfree-already = This receipt already has tax-free form { $form }.
taxfree-not-sale = This receipt is a return, not a sale.
taxfree-incomplete = Fill in every traveller field or scan the passport.
taxfree-issue = Issue the form
taxfree-issued = Form { $number } issued. Print both copies: one for the traveller, one for the shop.
taxfree-print = Print both copies
taxfree-close = Close

## Fiscal register
fiscal-pending = { $count } receipt(s) are not registered with the fiscal register yet ({ $reason }). The sales are saved.
fiscal-retry = Register now
## Backups
backups = Backups
last-backup = Last backup: { $when }
no-backup-yet = No backup has been made yet.
back-up-now = Back up now
backup-done = Backed up to { $path }
backup-progress = Backing up: { $done } / { $total } pages
cancel-job = Cancel

## Sign-in
login-title = Sign in
login-who = Who is at the till?
login-keys = ↑ ↓ choose who you are, then type the PIN and press Enter
login-pin = PIN
login-sign-in = Sign in
login-pick = Pick your name first.
login-wrong = Wrong name or PIN.
login-locked = { $name } is locked for { $wait } after { $count } wrong PINs.
switch-user = Switch user
auto-lock = Lock after
approval-wanted = A manager's approval is needed: { $reason }
approval-manager = Manager
approve = Approve
approval-given = Approved by { $name }: do it again now.
