/*
 * h_static: the web app's files from web_root (GET / and GET /{file}).
 *
 * Only flat file names of [A-Za-z0-9._-] not starting with '.' are
 * served, so no request can name a path outside web_root ("..", "/",
 * hidden files).  Files are read whole (the app's files are small; the
 * cap is 8 MiB) and typed by extension.
 */
#include <stdio.h>
#include <string.h>

#include "api/handlers.h"
#include "api/problem.h"
#include "api/server.h"
#include "core/config.h"

static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{".html", "text/html; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".json", "application/json"},
	{".webmanifest", "application/manifest+json"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".ico", "image/x-icon"},
};

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++) {
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	}
	return NULL;
}

static int read_file(const char *path, struct buf *out)
{
	char chunk[16384];
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!f)
		return ERR_NOTFOUND;
	for (n = fread(chunk, 1, sizeof chunk, f); n > 0 && rc == 0;
	     n = fread(chunk, 1, sizeof chunk, f))
		rc = buf_append(out, chunk, n);
	if (rc == 0 && ferror(f))
		rc = ERR_IO;
	fclose(f);
	return rc;
}

int h_static(struct req *r)
{
	const char *name = req_param(r, "file");
	const char *type;
	char path[2048];
	struct buf data;
	int rc;

	if (!name)
		name = "index.html";
	type = type_of(name);
	if (name[0] == '.' || !type || !req_is_token(name, 255))
		return problem_reply(r, PROBLEM_NO_ROUTE, NULL, NULL, NULL, NULL);
	snprintf(path, sizeof path, "%s/%s",
		 api_server_config(r->srv)->web_root, name);
	buf_init(&data, 8 * 1024 * 1024);
	rc = read_file(path, &data);
	if (rc)
		rc = problem_reply(r, PROBLEM_NO_ROUTE, NULL, NULL, NULL, NULL);
	else
		rc = req_reply_bytes(r, 200, type, buf_cstr(&data), data.len,
				     "Cache-Control", "no-cache");
	buf_fini(&data);
	return rc;
}
