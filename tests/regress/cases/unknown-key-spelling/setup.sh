sed -i 's/^time_limit:/Time-Limit:/; s/^updated:/updated:/; s/^visits:/visit:/' ed/matters/hukou.md
sed -i 's/^accessibility:/accesibility:/' ed/offices/city-hall.md
