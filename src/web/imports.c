/* imports.c: POST /api/v1/imports/{kind}: a CSV or XLSX file uploaded
 * (multipart/form-data with a part named "file", or the file itself as the
 * body with ?name=FILE) and imported all or nothing by the same library
 * call as kfq import, ?dry_run=1 to check it only. Rows naming a unit
 * outside the account's subtree are refused as unknown units. Bad rows
 * come back as the command line names them, with the file's own name. */
#include "web/http.h"
#include "web/mhd_lib.h"
#include "base/xalloc.h"
#include "io/import.h"
#include "model/rights.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Kinds whose rows name units (and so can be held to a subtree). */
static int unit_scoped(const char *kind)
{
	return strcmp(kind, "data") == 0 || strcmp(kind, "targets") == 0 ||
	       strcmp(kind, "groups") == 0;
}

/* The uploaded file: from a multipart body's part "file", else the body. */
struct upload {
	struct sbuf data;
	char name[128];
	int found;
	int twice;        /* a second part named file (its bytes would follow the first's) */
};

static enum MHD_Result part(void *cls, enum MHD_ValueKind kind, const char *key,
                            const char *filename, const char *type, const char *enc,
                            const char *data, uint64_t off, size_t size)
{
	struct upload *u = cls;
	(void)kind;
	(void)type;
	(void)enc;
	if (strcmp(key, "file") != 0)
		return MHD_YES;
	if (u->found && off == 0)
		u->twice = 1;
	if (!u->found && filename)
		snprintf(u->name, sizeof u->name, "%s", filename);
	u->found = 1;
	sbuf_add(&u->data, data, size);
	return MHD_YES;
}

/* A file name fit to stand in messages and on disk: its last path part,
 * no control characters; "upload.csv" when there is none. */
static void clean_name(const char *given, char *out, size_t n)
{
	const char *base = given ? given : "";
	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	snprintf(out, n, "%s", *base && *base != '.' ? base : "upload.csv");
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = '_';
}

static int read_upload(struct web_req *q, struct web_res *r, struct upload *u)
{
	const char *type = web_header(q, "Content-Type");
	sbuf_init(&u->data);
	u->name[0] = '\0';
	u->found = u->twice = 0;
	if (type && strncmp(type, "multipart/form-data", 19) == 0) {
		struct MHD_PostProcessor *pp =
			mhd.MHD_create_post_processor(q->conn, 64 * 1024, part, u);
		if (!pp ||
		    mhd.MHD_post_process(pp, q->body ? q->body : "", q->body_len) != MHD_YES ||
		    mhd.MHD_destroy_post_processor(pp) != MHD_YES || !u->found) {
			sbuf_release(&u->data);
			web_error(r, 400, "%s", web_text(q, "multipart 请求体须有名为 file 的文件",
			                                 "the multipart body needs a part named \"file\""));
			return -1;
		}
		if (u->twice) {
			sbuf_release(&u->data);
			web_error(r, 400, "%s", web_text(q, "multipart 请求体有不止一个名为 file 的部分："
			                                 "一次上传一个文件",
			                                 "the multipart body has more than one part named "
			                                 "\"file\": upload one file at a time"));
			return -1;
		}
	} else {
		sbuf_add(&u->data, q->body ? q->body : "", q->body_len);
		snprintf(u->name, sizeof u->name, "%s", web_query(q, "name") ? web_query(q, "name") : "");
	}
	{
		char given[sizeof u->name];
		memcpy(given, u->name, sizeof given);
		clean_name(given, u->name, sizeof u->name);
	}
	return 0;
}

/* Take "DIR/" out of text in place: messages name the file as uploaded. */
static void unprefix(char *text, const char *dir)
{
	size_t n = strlen(dir);
	for (char *p = text ? strstr(text, dir) : NULL; p; p = strstr(p, dir))
		memmove(p, p + n, strlen(p + n) + 1);
}

static int may_import(struct web_req *q, struct web_res *r, const char *kind)
{
	if (strcmp(kind, "data") != 0 && !account_can(&q->account, RIGHT_SETUP))
		return web_error(r, 403, "%s \"setup\" (%s: %s)",
		                 web_text(q, "此账号没有权限", "this account lacks the right"),
		                 web_text(q, "角色", "roles"), q->account.roles), -1;
	/* the other kinds are not held to a subtree: only an account of a
	 * top-level unit may import them */
	if (unit_scoped(kind) || q->account.top)
		return 0;
	return web_error(r, 403, "%s", web_text(q,
		"此类导入只允许顶层单位的账号（它不限于一个单位的下级）",
		"only an account of a top-level unit may import this kind (it is not held to one "
		"unit's subtree)")), -1;
}

int web_import(struct web_req *q, struct web_res *r)
{
	const char *kind = q->params[0];
	int dry = 0, back = 0;
	struct import_opts o = { 0 };
	struct import_result res = { 0 };
	struct kfq_err err = { 0 };
	struct upload u;
	char dir[] = "/tmp/kfq-upload.XXXXXX", path[256], prefix[64];
	json_t *v;
	int known = 0, fd, rc;

	for (size_t i = 0; IMPORT_KINDS[i]; i++)
		known |= strcmp(IMPORT_KINDS[i], kind) == 0;
	if (!known)
		return web_error(r, 404, "unknown import kind \"%s\"", kind);
	if (may_import(q, r, kind) < 0 || web_query_flag(q, r, "dry_run", &dry) < 0 ||
	    web_query_flag(q, r, "backfill", &back) < 0)
		return 0;
	/* a back-fill is never judged late: not a clerk's to declare */
	if (back && !account_can(&q->account, RIGHT_SETUP))
		return web_error(r, 403, "%s \"setup\" (backfill)",
		                 web_text(q, "此账号没有权限", "this account lacks the right"));
	if (read_upload(q, r, &u) < 0)
		return 0;
	if (!mkdtemp(dir)) {
		sbuf_release(&u.data);
		err.kind = KFQ_EFAULT;
		snprintf(err.msg, sizeof err.msg, "cannot make a folder for the upload in /tmp");
		return web_fail(q, r, &err);
	}
	snprintf(path, sizeof path, "%s/%s", dir, u.name);
	snprintf(prefix, sizeof prefix, "%s/", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	rc = fd >= 0 && write(fd, u.data.buf, u.data.len) == (ssize_t)u.data.len ? 0 : -1;
	if (fd >= 0 && close(fd) != 0)
		rc = -1;
	sbuf_release(&u.data);
	if (rc < 0) {
		unlink(path);
		rmdir(dir);
		err.kind = KFQ_EFAULT;
		snprintf(err.msg, sizeof err.msg, "cannot keep the upload in %s", dir);
		return web_fail(q, r, &err);
	}
	o.kind = kind;
	o.path = path;
	o.sheet = web_query(q, "sheet");
	o.dry_run = dry;
	o.backfill = back;
	/* every kind naming units is held to the account's tree (a top-level
	 * account's too: there may be other trees beside its own) */
	o.scope = q->account.unit;
	rc = import_run(&q->cx, q->db, &o, &res, &err);
	unlink(path);
	rmdir(dir);
	unprefix(res.messages, prefix);
	unprefix(res.messages_zh, prefix);
	unprefix(res.note, prefix);
	unprefix(res.warn, prefix);
	unprefix(res.warn_zh, prefix);
	unprefix(err.msg, prefix);
	unprefix(err.zh, prefix);
	if (rc < 0) {
		if (err.kind == KFQ_EFAULT) {
			import_result_release(&res);
			return web_fail(q, r, &err);
		}
		json_t *details = json_array();
		char *msgs = q->cx.lang == KFQ_ZH && res.messages_zh ? res.messages_zh : res.messages;
		for (char *line = msgs, *nl; line && *line; line = nl + 1) {
			if (!(nl = strchr(line, '\n')))
				nl = line + strlen(line);
			json_array_append_new(details, json_stringn(line, (size_t)(nl - line)));
			if (!*nl)
				break;
		}
		import_result_release(&res);
		return web_json(r, 400, json_pack("{s:{s:i, s:s, s:o}}", "error", "status", 400,
		                                   "message", web_err_text(q, &err), "details", details));
	}
	v = json_pack("{s:s, s:s, s:b, s:I, s:I, s:I, s:I}", "kind", kind, "file", u.name,
	              "dry_run", o.dry_run, "rows", (json_int_t)res.rows, "added",
	              (json_int_t)res.added, "changed", (json_int_t)res.changed, "unchanged",
	              (json_int_t)res.unchanged);
	if (res.note)
		json_object_set_new(v, "note", json_string(res.note));
	if (res.warn) {
		/* failed warning rules, kept as open findings (docs/quality.md) */
		json_t *w = json_array();
		char *lines = q->cx.lang == KFQ_ZH && res.warn_zh ? res.warn_zh : res.warn;
		for (char *line = lines, *nl; *line && (nl = strchr(line, '\n')); line = nl + 1)
			json_array_append_new(w, json_stringn(line, (size_t)(nl - line)));
		json_object_set_new(v, "warnings", w);
	}
	import_result_release(&res);
	return web_json(r, 200, v);
}
