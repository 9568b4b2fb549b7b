# A district's theme.yaml with print: written twice: only the first would
# count, so it is an error, from check as from build.
mkdir -p ../themes/dup
printf 'name: dup\nprint:\n  bleed: 3\nleaflet:\n  duplex: false\nprint:\n  impose: saddle\n' >../themes/dup/theme.yaml
sed -i '0,/^title:/s/^title:/theme: dup\ntitle:/' ed/edition.md
