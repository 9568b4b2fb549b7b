/*
 * load.c — loading an edition as a pipeline: read → assemble
 * (inheritance, exclude) → resolve references (model_build, model.c)
 * → check (check.c, which only reads the model) → publish
 * (model_publish). A base edition goes through the pipeline before the
 * editions built on it, and only once however many name it.
 */
#include <stddef.h>

#include "model.h"
#include "check.h"

static void
check_and_publish(struct edition *ed)
{
	if (ed == NULL || ed->published)
		return;
	ed->published = 1;
	check_and_publish(ed->base);
	check_edition(ed);
	model_publish(ed);
}

struct edition *
model_load(const char *dir)
{
	struct edition *ed = model_build(dir);

	check_and_publish(ed);
	return ed;
}
