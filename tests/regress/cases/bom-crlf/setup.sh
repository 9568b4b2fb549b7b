{ printf '\357\273\277'; sed 's/$/\r/' ed/offices/police.md; } > ed/offices/police.md.new && mv ed/offices/police.md.new ed/offices/police.md
