/*
 * harness: see harness.h.  The server runs as a child process exactly as
 * an operator runs it, so the tests cover argument parsing, migration at
 * start, signals and logging as well as the handlers.
 */
#include "harness.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"

static int free_port(void)
{
	struct sockaddr_in a = {0};
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&a, sizeof a);
	getsockname(fd, (struct sockaddr *)&a, &len);
	port = ntohs(a.sin_port);
	close(fd);
	return port;
}

int harness_run(const char *bin, const char *const *args, const char *out,
		const char *err)
{
	const char *argv[32];
	int n = 0, status = 0;
	pid_t pid;

	argv[n++] = bin;
	for (; args && *args && n < 31; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	pid = fork();
	if (pid == 0) {
		int o = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC,
			     0600);
		int e = open(err ? err : "/dev/null",
			     O_WRONLY | O_CREAT | O_APPEND, 0600);

		dup2(o, 1);
		dup2(e, 2);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int wait_healthy(struct harness *h)
{
	for (int i = 0; i < 200; i++) {
		struct http_resp r;

		if (http_get(h, "/healthz", &r) == 0 && r.status == 200) {
			http_resp_fini(&r);
			return 0;
		}
		http_resp_fini(&r);
		usleep(50000);
	}
	return -1;
}

int harness_start(struct harness *h, const char *bin, int customers,
		  const char *const *extra)
{
	char db[512], port_arg[32], n[16];
	const char *argv[32];
	int i = 0;

	memset(h, 0, sizeof *h);
	snprintf(h->dir, sizeof h->dir, "/tmp/gc-api-XXXXXX");
	if (!mkdtemp(h->dir))
		return -1;
	if (getenv("GC_API_DB") && *getenv("GC_API_DB"))
		snprintf(db, sizeof db, "%s", getenv("GC_API_DB"));
	else
		snprintf(db, sizeof db, "%s/gc.db", h->dir);
	snprintf(h->log_path, sizeof h->log_path, "%s/serve.log", h->dir);
	snprintf(n, sizeof n, "%d", customers);
	{
		const char *seed[] = {"seed-demo", "--db", db, "--customers", n,
				      "--seed", "3", "--until", "2026-11-24",
				      "--replace", NULL};

		if (harness_run(bin, seed, NULL, h->log_path) != 0)
			return -1;
	}
	h->port = free_port();
	snprintf(port_arg, sizeof port_arg, "127.0.0.1:%d", h->port);
	snprintf(h->base, sizeof h->base, "http://127.0.0.1:%d", h->port);
	argv[i++] = bin;
	argv[i++] = "serve";
	argv[i++] = "--db";
	argv[i++] = db;
	argv[i++] = "--listen";
	argv[i++] = port_arg;
	for (; extra && *extra && i < 31; extra++)
		argv[i++] = *extra;
	argv[i] = NULL;
	h->pid = fork();
	if (h->pid == 0) {
		int e = open(h->log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);

		dup2(e, 2);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	return wait_healthy(h);
}

int harness_stop(struct harness *h)
{
	int status = 0;

	if (h->pid <= 0)
		return -1;
	kill(h->pid, SIGTERM);
	waitpid(h->pid, &status, 0);
	h->pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static size_t on_data(char *p, size_t size, size_t n, void *user)
{
	buf_append(user, p, size * n);
	return size * n;
}

int http_do(const struct harness *h, const char *method, const char *path,
	    const char *const *headers, const char *body, size_t body_len,
	    struct http_resp *out)
{
	struct curl_slist *hl = NULL;
	struct buf b, hd;
	char url[512];
	CURL *c = curl_easy_init();
	CURLcode rc;

	memset(out, 0, sizeof *out);
	buf_init(&b, 64 << 20);
	buf_init(&hd, 1 << 20);
	snprintf(url, sizeof url, "%s%s", h->base, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &hd);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	for (; headers && *headers; headers++)
		hl = curl_slist_append(hl, *headers);
	if (hl)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)body_len);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	curl_slist_free_all(hl);
	curl_easy_cleanup(c);
	out->body_len = b.len;
	out->body = buf_take(&b);
	out->headers = buf_take(&hd);
	out->json = json_loads(out->body, 0, NULL);
	return rc == CURLE_OK ? 0 : -1;
}

int http_get(const struct harness *h, const char *path, struct http_resp *out)
{
	return http_do(h, "GET", path, NULL, NULL, 0, out);
}

int http_header(const struct http_resp *r, const char *name, char *out,
		size_t size)
{
	size_t n = strlen(name);

	for (const char *p = r->headers; p && *p;) {
		const char *eol = strstr(p, "\r\n");
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (len > n + 1 && strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;

			while (*v == ' ')
				v++;
			snprintf(out, size, "%.*s", (int)(p + len - v), v);
			return 1;
		}
		p += len + (eol ? 2 : 0);
	}
	return 0;
}

void http_resp_fini(struct http_resp *r)
{
	free(r->headers);
	free(r->body);
	json_decref(r->json);
	memset(r, 0, sizeof *r);
}

int http_raw(const struct harness *h, const char *bytes, char *out,
	     size_t size)
{
	struct sockaddr_in a = {0};
	struct timeval tv = {5, 0};
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	size_t got = 0;
	ssize_t n;

	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)h->port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	if (write(fd, bytes, strlen(bytes)) < 0) {
		close(fd);
		return -1;
	}
	while (got + 1 < size) {
		n = read(fd, out + got, size - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	out[got] = '\0';
	close(fd);
	return 0;
}
