/* cache.c: each worker thread keeps the last responses of the routes
 * marked cacheable (figures, units, indicators, history, registers), keyed
 * by the account's unit and department, the language, the day, the path
 * and the query, and
 * valid while the database's data version is the one they were computed
 * at (store/db.h: a commit of any connection changes it). So a bulletin
 * asked for again is not computed again until something is written, and
 * is never stale. On an engine that cannot tell (PostgreSQL) nothing is
 * kept. */
#include "web/http.h"
#include "web/mhd_lib.h"
#include "base/xalloc.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 64
#define SESSION_SLOTS 16

struct slot {
	char *key;
	int64_t version;
	char *body;
	size_t len;
	const char *type;
	long long total;      /* the response's X-Total-Count, or -1 */
};

struct session_slot {
	char token[65];       /* "" when unused */
	int64_t version, at;
	struct account a;
	char csrf[33];
};

struct cache {
	struct slot v[CACHE_SLOTS];
	unsigned next;
	struct session_slot s[SESSION_SLOTS];
	unsigned snext;
};

static pthread_key_t cache_key;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* A worker thread's cache is freed when the thread ends. */
static void release(void *p)
{
	struct cache *c = p;
	for (int i = 0; i < CACHE_SLOTS; i++) {
		free(c->v[i].key);
		free(c->v[i].body);
	}
	free(c);
}

static void make_key(void)
{
	pthread_key_create(&cache_key, release);
}

static struct cache *mine(void)
{
	struct cache *c;
	pthread_once(&once, make_key);
	if (!(c = pthread_getspecific(cache_key))) {
		c = xcalloc(1, sizeof *c);
		pthread_setspecific(cache_key, c);
	}
	return c;
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
	struct sbuf *sb = cls;
	(void)kind;
	sbuf_adds(sb, key);
	sbuf_addc(sb, '=');
	if (value)
		sbuf_adds(sb, value);
	sbuf_addc(sb, '&');
	return MHD_YES;
}

static char *key_of(const struct web_req *q)
{
	struct sbuf sb;
	char today[16];
	ctx_today_iso(&q->cx, today, sizeof today);
	sbuf_init(&sb);
	/* what an answer depends on besides the path and the query: the
	 * account's unit and department (its scope), the language, the day */
	sbuf_addf(&sb, "%s\n%s\n%d\n%s\n%s?", q->account.unit, q->account.dept, (int)q->cx.lang,
	          today, q->path);
	mhd.MHD_get_connection_values(q->conn, MHD_GET_ARGUMENT_KIND, add_arg, &sb);
	return sbuf_detach(&sb);
}

int web_cache_get(struct web_req *q, struct web_res *r, int64_t version)
{
	struct cache *c;
	char *k;
	if (version < 0)
		return 0;
	c = mine();
	k = key_of(q);
	for (int i = 0; i < CACHE_SLOTS; i++) {
		const struct slot *s = &c->v[i];
		if (s->key && s->version == version && strcmp(s->key, k) == 0) {
			r->status = 200;
			r->type = s->type;
			r->total = s->total;
			sbuf_reset(&r->body);
			sbuf_add(&r->body, s->body, s->len);
			free(k);
			return 1;
		}
	}
	free(k);
	return 0;
}

void web_cache_put(struct web_req *q, const struct web_res *r, int64_t version)
{
	struct cache *c;
	struct slot *s;
	/* personal information is read afresh each time, each asking recorded */
	if (version < 0 || r->status != 200 || r->is_file || r->personal)
		return;
	c = mine();
	s = &c->v[c->next++ % CACHE_SLOTS];
	free(s->key);
	free(s->body);
	s->key = key_of(q);
	s->version = version;
	s->body = xmalloc(r->body.len + 1);
	memcpy(s->body, r->body.buf, r->body.len);
	s->len = r->body.len;
	s->type = r->type;
	s->total = r->total;
}

int web_session_get(const char *token, int64_t version, int64_t now, struct account *a,
                    char csrf[33])
{
	struct cache *c;
	if (version < 0 || strlen(token) != 64)
		return 0;
	c = mine();
	for (int i = 0; i < SESSION_SLOTS; i++) {
		const struct session_slot *x = &c->s[i];
		if (x->token[0] && x->version == version && x->at == now &&
		    sodium_memcmp(x->token, token, 64) == 0) {
			*a = x->a;
			memcpy(csrf, x->csrf, 33);
			return 1;
		}
	}
	return 0;
}

void web_session_put(const char *token, int64_t version, int64_t now, const struct account *a,
                     const char csrf[33])
{
	struct cache *c;
	struct session_slot *x = NULL;
	if (version < 0 || strlen(token) != 64)
		return;
	c = mine();
	for (int i = 0; i < SESSION_SLOTS && !x; i++)
		if (sodium_memcmp(c->s[i].token, token, 64) == 0)
			x = &c->s[i];
	if (!x)
		x = &c->s[c->snext++ % SESSION_SLOTS];
	memcpy(x->token, token, 64);
	x->token[64] = '\0';
	x->version = version;
	x->at = now;
	x->a = *a;
	memcpy(x->csrf, csrf, 33);
}
