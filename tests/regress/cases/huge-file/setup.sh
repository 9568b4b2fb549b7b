{ printf -- '---\nid: huge\nname: 大\n---\n'; head -c 4200000 /dev/zero | tr '\0' 'a'; } > ed/offices/huge.md
