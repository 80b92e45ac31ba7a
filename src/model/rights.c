/* rights.c: the one table of roles and rights (see rights.h, docs/web.md). */
#include "model/rights.h"

#include <string.h>

static const char *const RIGHT_NAMES[RIGHT_COUNT] = {
	"signed-in", "read", "data", "setup", "publish", "accounts", "projects", "leads", "cases",
	"index",
};

#define B(r) (1u << (r))

static const struct {
	const char *role;
	unsigned rights;
} TABLE[] = {
	{ "admin", B(RIGHT_ACCOUNTS) | B(RIGHT_READ) },
	{ "statistician", B(RIGHT_READ) | B(RIGHT_DATA) | B(RIGHT_SETUP) | B(RIGHT_PUBLISH) },
	{ "clerk", B(RIGHT_READ) | B(RIGHT_DATA) },
	{ "projects", B(RIGHT_READ) | B(RIGHT_PROJECTS) },
	{ "promotion", B(RIGHT_READ) | B(RIGHT_LEADS) },
	{ "cases", B(RIGHT_READ) | B(RIGHT_CASES) },
	{ "index", B(RIGHT_READ) | B(RIGHT_INDEX) },
	{ "leader", B(RIGHT_READ) },
	{ "enterprise", B(RIGHT_READ) | B(RIGHT_DATA) },
};

const char *const ROLES[] = {
	"admin", "statistician", "clerk", "projects", "promotion", "cases", "index", "leader",
	"enterprise", NULL,
};

const char *right_name(enum right r)
{
	return r >= 0 && r < RIGHT_COUNT ? RIGHT_NAMES[r] : "?";
}

int role_known(const char *role)
{
	for (size_t i = 0; i < sizeof TABLE / sizeof TABLE[0]; i++)
		if (strcmp(TABLE[i].role, role) == 0)
			return 1;
	return 0;
}

int role_gives(const char *role, enum right r)
{
	for (size_t i = 0; i < sizeof TABLE / sizeof TABLE[0]; i++)
		if (strcmp(TABLE[i].role, role) == 0)
			return r == RIGHT_NONE || (TABLE[i].rights & B(r)) != 0;
	return 0;
}
