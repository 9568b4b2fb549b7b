mkdir ed/matters/dir.md
ln -s loop.md ed/offices/loop.md
ln -s /dev/zero ed/offices/zero.md
mkfifo ed/offices/fifo.md
