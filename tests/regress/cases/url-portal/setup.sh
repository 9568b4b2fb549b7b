sed -i 's|^portal: .*|portal: https://|' ed/edition.md
