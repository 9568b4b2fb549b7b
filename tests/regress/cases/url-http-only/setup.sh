sed -i 's|^online: .*|online: http://|' ed/matters/birth-cert.md
