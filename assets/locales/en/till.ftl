# Sale, payment, cart, quick keys, scan capture and the till's keys. Same keys in ky/, ru/ and en/ (a test checks).
