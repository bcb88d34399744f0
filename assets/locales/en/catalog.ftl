# Product photos, craft data and online catalog feeds.
cat-technique = Craft technique
cat-no-technique = No technique
cat-materials-ky = Materials (Kyrgyz)
cat-materials-ru = Materials (Russian)
cat-materials-en = Materials (English)
cat-sell-online = Sell online (catalog feeds)
cat-photo-path = Photo file (JPEG, PNG, WebP)
cat-add-photo = Add photo
cat-photo-added = { $count ->
    [one] One photo added; the product shows { $shown }.
   *[other] { $count } photos added; the product shows { $shown }.
}
cat-photos = Photos: { $count }
