/*
 * libFuzzer target: a workbook's bytes → xlsx_read.c, as `ybt import`
 * reads a department's .xlsx. A success must give well-formed sheets
 * (a name each, rows in increasing order); a failure a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/xlsx_read.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xbook bk;
	char err[256];

	if (xlsx_read_mem(data, size, &bk, err, sizeof(err)) == -1) {
		if (err[0] == '\0')
			abort();	/* a refusal must say why */
		return 0;
	}
	for (size_t i = 0; i < bk.nsheets; i++) {
		if (bk.sheets[i].name == NULL)
			abort();
		for (size_t j = 1; j < bk.sheets[i].nrows; j++)
			if (bk.sheets[i].rows[j].r <= bk.sheets[i].rows[j - 1].r)
				abort();
	}
	xbook_free(&bk);
	return 0;
}
