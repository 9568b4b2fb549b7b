sed -i 's/^disclosure:/extra: 基本编码 440100\ndisclosure:/' ed/matters/hukou.md
sed -i 's/form: 原件, copies: 1}/form: 原件, copies: 1, extra: {编码: A1}}/' ed/matters/birth-cert.md
sed -i 's/^phone:/扩展:\n  楼层: 1F\n  楼层: 2F\n  电梯: TODO\nphone:/' ed/offices/city-hall.md
