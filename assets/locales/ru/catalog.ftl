# Фото товаров, данные о ремесле и каталоги для интернет-площадок.
cat-technique = Техника ремесла
cat-no-technique = Без техники
cat-materials-ky = Материалы (по-кыргызски)
cat-materials-ru = Материалы (по-русски)
cat-materials-en = Материалы (по-английски)
cat-sell-online = Продавать онлайн (в каталогах площадок)
cat-photo-path = Файл фото (JPEG, PNG, WebP)
cat-add-photo = Добавить фото
cat-photo-added = { $count ->
    [one] Добавлено { $count } фото; у товара их { $shown }.
    [few] Добавлено { $count } фото; у товара их { $shown }.
   *[other] Добавлено { $count } фото; у товара их { $shown }.
}
cat-photos = Фото: { $count }
