sed -i 's/^version: .*/version: 待填写/' ed/edition.md
mkdir -p ../out/ed && echo 'previous good output' > ../out/ed/index.html

