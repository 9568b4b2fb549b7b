sed -i 's/^transit:/\ttransit:/' ed/offices/city-hall.md
