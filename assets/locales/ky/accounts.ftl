# Spreadsheets, exchange rates, photos, catalog feeds and progress of long jobs. Same keys in ky/, ru/ and en/.
