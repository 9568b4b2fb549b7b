/*
 * libFuzzer target: a picture file (PNG or JPEG, or anything) → image.c,
 * as the handbook reads the pictures of bodies from assets/. The bytes
 * go to a file because libpng and libjpeg read files here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../compiler/image.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct image im;
	const char *why;
	FILE *fp;
	int w, h;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/fuzz_image.%ld", (long)getpid());
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	if (image_size(path, &w, &h, &why) == 0 &&
	    image_load(path, 200.0f, &im, &why) == 0) {
		if (im.w <= 0 || im.h <= 0 || im.rgb == NULL)
			abort();	/* a success must give pixels */
		image_free(&im);
	}
	return 0;
}
