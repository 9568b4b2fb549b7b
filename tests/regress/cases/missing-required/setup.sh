sed -i '/^title:/d; /^kind:/d' ed/matters/hukou.md
