sed -i 's/^title:/tittle: x\ntitle:/' ed/matters/hukou.md
