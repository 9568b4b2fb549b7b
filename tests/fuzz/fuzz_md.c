/*
 * libFuzzer target: a Markdown body → md_node tree → plain text, and
 * the rule builds and `check` rely on: a body md_may_be_unsafe calls
 * safe is not kept parsed (nor parsed by `check`), so parsing it must
 * report nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/util.h"
#include "../../compiler/diag.h"
#include "../../compiler/md.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	int safe = !md_may_be_unsafe(s);
	struct md_node *n;
	struct buf b;

	diag_reset();
	n = md_parse(s, "f.md", 1);
	if (safe && (diag_count(DIAG_ERROR) || diag_count(DIAG_WARNING)))
		abort();	/* md_may_be_unsafe missed what md_parse reports */

	buf_init(&b);
	md_plain(n, &b);
	buf_free(&b);
	md_free(n);
	free(s);
	diag_set_min(DIAG_ERROR);
	diag_reset();
	return 0;
}
