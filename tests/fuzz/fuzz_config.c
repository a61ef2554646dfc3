/*
 * fuzz_config: gridcare.ini text through the real parser (libinih +
 * conf_ini_parse + config_set).  Whatever the bytes, it must not crash,
 * and a rejected file must leave the config exactly as it was before the
 * bad line... (a rejected line changes nothing: config_set validates
 * before storing).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct config cfg;
	struct err e;
	int line = 0;

	memcpy(text, data, size);
	text[size] = '\0';
	config_init(&cfg);
	if (conf_ini_parse(text, &cfg, &line, &e) != 0 && line < 1)
		abort(); /* a failure always names its line */
	config_fini(&cfg);
	free(text);
	return 0;
}
