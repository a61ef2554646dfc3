/*
 * pg: the PostgreSQL 15 driver behind db.h, on libpq.
 *
 * Design:
 *  1. Placeholders.  Callers write ?N; PostgreSQL wants $N.  prepare
 *     rewrites them outside string literals, quoted identifiers and
 *     comments, and remembers the highest N as the parameter count.
 *  2. Prepared statements are server-side (PQprepare) and named "gc<N>"
 *     with a per-connection counter.  Parameters travel as text, so every
 *     type goes through PostgreSQL's own input functions; results are
 *     read in text format and integers parsed with core/num.
 *  3. A result is fetched whole by PQexecPrepared and walked row by row by
 *     db_step.  Queries that could return very many rows should page with
 *     LIMIT (as the API's cursor pagination does).
 *  4. Reconnect.  When the server restarts, libpq reports CONNECTION_BAD;
 *     the next call PQreset()s the connection, bumps `generation`, and
 *     every statement re-prepares itself on its next use.  A transaction
 *     that was open is lost (the caller sees the error and rolls back).
 *  5. Write transactions are SERIALIZABLE, the PostgreSQL level that gives
 *     callers what SQLite's single writer gives them; a serialization
 *     failure (40001) or deadlock (40P01) is ERR_BUSY, meaning "retry".
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/num.h"
#include "db/db_int.h"

enum { PG_MAX_PARAMS = 64 };

struct pg_conn {
	PGconn *conn;        /* libpq connection, owned */
	unsigned next_name;  /* counter for statement names */
	unsigned generation; /* bumped on every reconnect */
	int64_t changes;     /* rows affected by the last command */
};

struct pg_stmt {
	char name[24];                 /* server-side statement name */
	char *sql;                     /* rewritten SQL ($N), owned */
	unsigned generation;           /* connection generation prepared in */
	int n_params;                  /* highest placeholder number */
	char *params[PG_MAX_PARAMS];   /* text values, owned, NULL = NULL */
	PGresult *res;                 /* current result, owned, or NULL */
	int row;                       /* next row of res to return */
	int n_rows;                    /* rows in res */
};

static int classify(const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if (!state)
		return ERR_DB;
	if (strncmp(state, "23", 2) == 0)
		return ERR_CONFLICT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
		return ERR_BUSY;
	return ERR_DB;
}

static int fail(struct pg_conn *c, const PGresult *res, struct err *e,
		const char *what)
{
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(c->conn);
	char line[200];
	size_t n;

	snprintf(line, sizeof line, "%s", msg ? msg : "");
	n = strcspn(line, "\n");
	line[n] = '\0';
	return err_set(e, classify(res), NULL, "postgresql %s: %s", what, line);
}

/* Reconnect if the server went away; 0 when usable. */
static int ensure_conn(struct pg_conn *c, struct err *e)
{
	if (PQstatus(c->conn) == CONNECTION_OK)
		return 0;
	PQreset(c->conn);
	if (PQstatus(c->conn) != CONNECTION_OK)
		return err_set(e, ERR_DB, NULL, "postgresql: reconnect failed");
	c->generation++;
	return 0;
}

static int pg_open(struct db *db, const char *target, struct err *e)
{
	struct pg_conn *c = xcalloc(1, sizeof *c);
	int rc;

	c->conn = PQconnectdb(target);
	if (PQstatus(c->conn) != CONNECTION_OK) {
		rc = err_set(e, ERR_DB, "db", "cannot connect to PostgreSQL: %.120s",
			     PQerrorMessage(c->conn));
		PQfinish(c->conn);
		free(c);
		return rc;
	}
	PQsetClientEncoding(c->conn, "UTF8");
	db->impl = c;
	return 0;
}

static void pg_close(struct db *db)
{
	struct pg_conn *c = db->impl;

	PQfinish(c->conn);
	free(c);
}

static int pg_exec(struct db *db, const char *sql, struct err *e)
{
	struct pg_conn *c = db->impl;
	PGresult *res;
	int rc = 0;

	if (ensure_conn(c, e))
		return ERR_DB;
	res = PQexec(c->conn, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = fail(c, res, e, "exec");
	PQclear(res);
	return rc;
}

/* Rewrite ?N to $N outside quotes and comments; count parameters. */
static char *rewrite(const char *sql, int *n_params)
{
	struct buf b;
	char quote = 0;
	int max = 0;

	buf_init(&b, 1024 * 1024);
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (p[0] == '-' && p[1] == '-') {
			quote = '\n';
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			size_t len = end ? (size_t)(end + 2 - p) : strlen(p);

			buf_append(&b, p, len); /* a comment, copied as it is */
			p += len - 1;
			continue;
		} else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
			int64_t n = 0;
			size_t len = 1;

			while (p[len] >= '0' && p[len] <= '9')
				len++;
			if (num_parse_i64n(p + 1, len - 1, 1, PG_MAX_PARAMS, &n) == 0 &&
			    n > max)
				max = (int)n;
			buf_append(&b, "$", 1);
			buf_append(&b, p + 1, len - 1);
			p += len - 1;
			continue;
		}
		buf_append(&b, p, 1);
	}
	*n_params = max;
	return buf_take(&b);
}

static int do_prepare(struct pg_conn *c, struct pg_stmt *s, struct err *e)
{
	PGresult *res = PQprepare(c->conn, s->name, s->sql, 0, NULL);
	int rc = 0;

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = fail(c, res, e, "prepare");
	PQclear(res);
	if (rc == 0)
		s->generation = c->generation;
	return rc;
}

static int pg_prepare(struct db *db, struct db_stmt *st, struct err *e)
{
	struct pg_conn *c = db->impl;
	struct pg_stmt *s = xcalloc(1, sizeof *s);
	int rc;

	s->sql = rewrite(st->sql, &s->n_params);
	snprintf(s->name, sizeof s->name, "gc%u", c->next_name++);
	rc = ensure_conn(c, e);
	if (rc == 0)
		rc = do_prepare(c, s, e);
	if (rc) {
		free(s->sql);
		free(s);
		return rc;
	}
	st->impl = s;
	return 0;
}

static void clear_params(struct pg_stmt *s)
{
	for (int i = 0; i < PG_MAX_PARAMS; i++) {
		free(s->params[i]);
		s->params[i] = NULL;
	}
}

static void pg_reset(struct db_stmt *st)
{
	struct pg_stmt *s = st->impl;

	PQclear(s->res);
	s->res = NULL;
	s->row = 0;
	s->n_rows = 0;
	clear_params(s);
}

static void pg_finalize(struct db_stmt *st)
{
	struct pg_stmt *s = st->impl;

	/* The server forgets prepared statements when the session ends. */
	pg_reset(st);
	free(s->sql);
	free(s);
}

static int set_param(struct db_stmt *st, int idx, char *value)
{
	struct pg_stmt *s = st->impl;

	if (idx < 1 || idx > PG_MAX_PARAMS) {
		free(value);
		return ERR_INVALID;
	}
	free(s->params[idx - 1]);
	s->params[idx - 1] = value;
	return 0;
}

static int pg_bind_i64(struct db_stmt *st, int idx, int64_t v)
{
	char tmp[24];

	snprintf(tmp, sizeof tmp, "%lld", (long long)v);
	return set_param(st, idx, xstrdup(tmp));
}

static int pg_bind_text(struct db_stmt *st, int idx, const char *v)
{
	return set_param(st, idx, xstrdup(v));
}

static int pg_bind_null(struct db_stmt *st, int idx)
{
	return set_param(st, idx, NULL);
}

static int execute(struct db_stmt *st, struct err *e)
{
	struct pg_conn *c = st->db->impl;
	struct pg_stmt *s = st->impl;
	ExecStatusType status;
	int rc;

	rc = ensure_conn(c, e);
	if (rc == 0 && s->generation != c->generation)
		rc = do_prepare(c, s, e);
	if (rc)
		return rc;
	s->res = PQexecPrepared(c->conn, s->name, s->n_params,
				(const char *const *)s->params, NULL, NULL, 0);
	status = PQresultStatus(s->res);
	if (status == PGRES_TUPLES_OK) {
		s->n_rows = PQntuples(s->res);
	} else if (status != PGRES_COMMAND_OK) {
		rc = fail(c, s->res, e, "step");
		PQclear(s->res);
		s->res = NULL;
		return rc;
	}
	c->changes = 0;
	if (*PQcmdTuples(s->res))
		num_parse_i64(PQcmdTuples(s->res), 0, INT64_MAX, &c->changes);
	return 0;
}

static int pg_step(struct db_stmt *st, struct err *e)
{
	struct pg_stmt *s = st->impl;
	int rc;

	if (!s->res) {
		rc = execute(st, e);
		if (rc)
			return rc;
	}
	if (s->row < s->n_rows) {
		s->row++;
		return DB_ROW;
	}
	return DB_DONE;
}

static const char *cell(struct db_stmt *st, int col)
{
	struct pg_stmt *s = st->impl;

	if (!s->res || s->row < 1 || col >= PQnfields(s->res))
		return NULL;
	if (PQgetisnull(s->res, s->row - 1, col))
		return NULL;
	return PQgetvalue(s->res, s->row - 1, col);
}

static int64_t pg_col_i64(struct db_stmt *st, int col)
{
	const char *v = cell(st, col);
	int64_t n = 0;

	if (!v)
		return 0;
	if (strcmp(v, "t") == 0)
		return 1;
	(void)num_parse_i64(v, INT64_MIN, INT64_MAX, &n);
	return n;
}

static const char *pg_col_text(struct db_stmt *st, int col)
{
	const char *v = cell(st, col);

	return v ? v : "";
}

static int pg_col_is_null(struct db_stmt *st, int col)
{
	return cell(st, col) == NULL;
}

static int64_t pg_changes(struct db *db)
{
	return ((struct pg_conn *)db->impl)->changes;
}

/*
 * COPY table (cols) FROM STDIN with the rows already in text format.
 * libpq's PQputCopyData queues and sends in its own chunks, so one call
 * with the whole batch is fine.
 */
static int pg_copy(struct db *db, const char *table, const char *cols,
		   const char *data, size_t len, struct err *e)
{
	struct pg_conn *c = db->impl;
	PGresult *res;
	struct buf sql;
	int rc = 0;

	if (ensure_conn(c, e))
		return ERR_DB;
	buf_init(&sql, 64 * 1024);
	buf_printf(&sql, "COPY %s (%s) FROM STDIN", table, cols);
	res = PQexec(c->conn, buf_cstr(&sql));
	buf_fini(&sql);
	if (PQresultStatus(res) != PGRES_COPY_IN)
		rc = fail(c, res, e, "copy");
	PQclear(res);
	if (rc)
		return rc;
	if (PQputCopyData(c->conn, data, (int)len) != 1 ||
	    PQputCopyEnd(c->conn, NULL) != 1)
		return fail(c, NULL, e, "copy");
	for (res = PQgetResult(c->conn); res; res = PQgetResult(c->conn)) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0)
			rc = fail(c, res, e, "copy");
		PQclear(res);
	}
	return rc;
}

const struct db_driver db__pg_driver = {
	.kind = DB_PG,
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_i64 = pg_bind_i64,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_i64 = pg_col_i64,
	.col_text = pg_col_text,
	.col_is_null = pg_col_is_null,
	.reset = pg_reset,
	.changes = pg_changes,
	.copy = pg_copy,
	.begin_sql = "BEGIN ISOLATION LEVEL SERIALIZABLE",
};
