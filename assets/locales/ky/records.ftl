# Returns, tax-free forms, day open/close, reports, help, and errors shown in the window. Same keys in ky/, ru/ and en/.
