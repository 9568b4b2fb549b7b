sed -i 's/^hotline:/扩展:\n  编制说明: 本版由样例市政务服务数据管理局编制\nhotline:/' ed/edition.md
sed -i 's/^disclosure:/extra:\n  主题: [出生, 户籍]\n  对接: {系统: 一网通办, 版本: 3}\ndisclosure:/' ed/guides/newborn.md
sed -i 's/^disclosure:/extra: {基本编码: 440100-000-XK-0001}\ndisclosure:/' ed/matters/hukou.md
sed -i 's/^steps:/扩展: {流程版本: "2"}\nsteps:/' ed/procedures/newborn-flow.md
sed -i 's/^phone:/extra:\n  楼层: 1F\n  停车:\n    - 地下停车场\nphone:/' ed/offices/city-hall.md
