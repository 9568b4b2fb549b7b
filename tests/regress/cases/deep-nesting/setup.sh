{ printf -- '---\nid: deep\nname: '; i=0; while [ $i -lt 40 ]; do printf '['; i=$((i+1)); done; i=0; while [ $i -lt 40 ]; do printf ']'; i=$((i+1)); done; printf '\n---\n'; } > ed/offices/deep.md
