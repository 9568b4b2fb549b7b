{ printf -- '---\nid: bomb\n'; printf 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for i in b c d e f g h i; do printf '%s: &%s [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n' $i $i; done; printf -- '---\n'; } > ed/offices/bomb.md
