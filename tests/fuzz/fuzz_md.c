/* libFuzzer target: a Markdown body → md_node tree → plain text. */
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
	struct md_node *n = md_parse(s, "f.md", 1);
	struct buf b;

	buf_init(&b);
	md_plain(n, &b);
	buf_free(&b);
	md_free(n);
	free(s);
	diag_set_min(DIAG_ERROR);
	diag_reset();
	return 0;
}
