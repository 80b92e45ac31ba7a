/* rights.h: the roles an account can hold and the rights each gives: one
 * table (rights.c), read by the command line when a role is granted and
 * by the web server before any handler runs (docs/web.md lists it).
 *
 * Every right is exercised within the account's unit: it reads and
 * changes only that unit's subtree. Depends on nothing but libc. */
#ifndef KFQ_RIGHTS_H
#define KFQ_RIGHTS_H

enum right {
	RIGHT_NONE = 0,          /* any signed-in account */
	RIGHT_READ,              /* figures, units, indicators, registers */
	RIGHT_DATA,              /* enter and correct monthly values */
	RIGHT_SETUP,             /* units, indicators, targets, imports */
	RIGHT_PUBLISH,           /* approve and publish figures */
	RIGHT_ACCOUNTS,          /* accounts and their roles; the audit log */
	RIGHT_PROJECTS,          /* key projects */
	RIGHT_LEADS,             /* investment-promotion leads */
	RIGHT_CASES,             /* the visiting campaign's cases */
	RIGHT_INDEX,             /* the eyewear index: quotes, compute, publish */
	RIGHT_COUNT
};

/* The right's name ("read", "data" ...), as messages and docs give it. */
const char *right_name(enum right r);

/* Whether role is one of the roles (admin, statistician, clerk, projects,
 * promotion, cases, index, leader, enterprise). */
int role_known(const char *role);
/* The known roles, NULL-terminated, in the order docs/web.md lists them. */
extern const char *const ROLES[];
/* Whether role gives right r (RIGHT_NONE: every role). */
int role_gives(const char *role, enum right r);

#endif
