sed -i 's/^basis:$/basis: \&laws/' ed/matters/birth-cert.md
printf -- '---\nid: x1\nname: &n 甲\nfoo: *n\n---\n' > ed/offices/x1.md
printf -- '---\nid: x2\nname: !!str 乙\n---\n' > ed/offices/x2.md
