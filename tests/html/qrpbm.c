/*
 * qrpbm.c — test helper: encode argv[1] with qr.c and write a PBM
 * (4 px per module, quiet zone) to stdout, for zbarimg to decode.
 */
#include <stdio.h>
#include "../../compiler/util.h"
#include "../../compiler/qr.h"

int
main(int argc, char *argv[])
{
	struct qr *q;
	int s = 4, full, x, y;

	if (argc != 2 || (q = qr_encode(argv[1])) == NULL)
		return 1;
	full = (q->width + 8) * s;
	printf("P1\n%d %d\n", full, full);
	for (y = 0; y < full; y++) {
		for (x = 0; x < full; x++)
			putchar(qr_dark(q, x / s - 4, y / s - 4) ? '1' : '0');
		putchar('\n');
	}
	qr_free(q);
	return 0;
}
