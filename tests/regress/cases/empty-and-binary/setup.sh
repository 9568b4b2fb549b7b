: > ed/offices/empty.md
printf 'PK\003\004\000\000binary' > ed/offices/zip.md
printf -- '---\n---\n' > ed/offices/blank.md
printf 'no front matter here\n' > ed/offices/plain.md
printf -- '---\n- a\n- b\n---\n' > ed/offices/list.md
