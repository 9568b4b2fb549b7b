/* libFuzzer target: bytes → encoding detection → front matter YAML. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../compiler/util.h"
#include "../../compiler/diag.h"
#include "../../compiler/source.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = NULL;
	size_t len;
	enum encoding enc;

	if (source_decode("f.md", (const char *)data, size, &text, &len,
	    &enc) == 0) {
		ynode_free(source_yaml("f.md", text, len, 1));
		free(text);
	}
	diag_set_min(DIAG_ERROR);
	diag_reset();
	return 0;
}
