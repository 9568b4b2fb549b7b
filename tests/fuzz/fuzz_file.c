/*
 * libFuzzer target: a whole source file read as a matter, a guide, an
 * office and a procedure (the first byte picks which). Model items live
 * until exit by design, so run it with -detect_leaks=0.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../compiler/util.h"
#include "../../compiler/diag.h"
#include "../../compiler/model.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	static const enum kind kinds[] = { KIND_MATTER, KIND_GUIDE,
	    KIND_OFFICE, KIND_PROCEDURE };
	FILE *f;

	if (size < 1)
		return 0;
	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/ybt-fuzz-%ld.md",
		    (long)getpid());
	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	(void)model_read_file(path, kinds[data[0] % 4]);
	diag_set_min(DIAG_ERROR);
	diag_reset();
	return 0;
}
