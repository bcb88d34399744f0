# Inventory, product form, units, labels, settings, users and PINs. Same keys in ky/, ru/ and en/.
