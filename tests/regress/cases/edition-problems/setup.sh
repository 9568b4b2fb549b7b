sed -i 's/^title:.*/id: other\ntitle: 样例/; /^hotline:/d; s|^portal: .*|portal: www.example.gov.cn|' ed/edition.md
