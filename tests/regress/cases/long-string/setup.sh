{ printf -- '---\nid: long\nname: "'; head -c 70000 /dev/zero | tr '\0' 'x'; printf '"\n---\n'; } > ed/offices/long.md
