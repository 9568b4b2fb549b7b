sed -i 's/open: "08:30", close: "17:30"/open: "8:30", close: "25:00"/' ed/offices/police.md
sed -i 's/{days: 周六, open: "09:00", close: "12:00"}/{days: 周六, open: "12:00", close: "09:00"}/' ed/offices/city-hall.md
sed -i 's/^fee: 不收费/fee: 免收/' ed/matters/hukou.md
sed -i 's/^fee: 不收费/fee:\n  - {item: 工本费, amount: 20元, basis: 粤价〔2003〕123号}/' ed/matters/birth-cert.md
