sed -i 's/^hotline:/排出: [ins]\nhotline:/' ed/edition.md
