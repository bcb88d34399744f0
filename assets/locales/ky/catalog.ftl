# Товарлардын сүрөттөрү, кол өнөр маалыматы жана онлайн аянтчалар үчүн каталогдор.
cat-technique = Кол өнөр ыкмасы
cat-no-technique = Ыкма көрсөтүлгөн эмес
cat-materials-ky = Материалдар (кыргызча)
cat-materials-ru = Материалдар (орусча)
cat-materials-en = Материалдар (англисче)
cat-sell-online = Онлайн сатуу (аянтчалардын каталогуна)
cat-photo-path = Сүрөт файлы (JPEG, PNG, WebP)
cat-add-photo = Сүрөт кошуу
cat-photo-added = { $count } сүрөт кошулду; товардын сүрөттөрү: { $shown }.
cat-photos = Сүрөттөр: { $count }
