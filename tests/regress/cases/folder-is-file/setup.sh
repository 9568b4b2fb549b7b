rm -rf ed/procedures && echo "not a folder" > ed/procedures
