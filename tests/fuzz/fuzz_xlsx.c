/*
 * libFuzzer target: a workbook's bytes → xlsx_read.c, as `ybt import`
 * reads a department's .xlsx. A success must give well-formed sheets
 * (a name each, rows in increasing order); a failure a message. Then
 * import_sheet.c finds each sheet's header (title rows, two-row
 * headers) and reads every cell as a date, as import.c does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/xlsx_read.h"
#include "../../compiler/import.h"

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
		static const struct sheetdef sd = { "事项", KIND_MATTER,
		    { "事项编号", NULL } };
		struct xsheet *sh = &bk.sheets[i];
		char nd[32];

		if (sh->name == NULL)
			abort();
		for (size_t j = 1; j < sh->nrows; j++)
			if (sh->rows[j].r <= sh->rows[j - 1].r)
				abort();
		imp_find_header(&sd, sh);
		for (size_t j = 0; j < sh->nrows; j++)
			for (int c = 0; c < sh->rows[j].ncells; c++)
				if (sh->rows[j].cells[c] != NULL &&
				    imp_norm_date(sh->rows[j].cells[c], nd) == 0 &&
				    strlen(nd) != 10)
					abort();
	}
	xbook_free(&bk);
	return 0;
}
