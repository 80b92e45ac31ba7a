/* schema.h: the store's versioned migrations (see schema.c). SQLite only. */
#ifndef KFQ_SCHEMA_H
#define KFQ_SCHEMA_H

/* X(1) X(2) ... X(12): the twelve months of a row of obs_m (schema 23),
 * written out in SQL text. */
#define SCHEMA_M12(X) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12)

/* Number of migrations: the latest schema version. */
int schema_count(void);
/* The SQL that upgrades a database at version from_version by one. */
const char *schema_migration(int from_version);
/* What that migration adds in the engine's own terms (a view, its triggers),
 * after it: SQLite's, or PostgreSQL's when postgres; "" when nothing. */
const char *schema_migration_triggers(int from_version, int postgres);

/* Every table of the latest schema, NULL-terminated, in an order in which
 * each table comes after those it refers to (kfq copy writes them so). */
extern const char *const SCHEMA_TABLES[];

/* The columns that refer to a row of their own table (a unit's parent, a
 * case merged into another ...): {table, column} pairs, ending with NULLs. */
extern const char *const SCHEMA_SELF_REFS[][2];

/* The tables whose key is an id the engine gives (INTEGER PRIMARY KEY),
 * NULL-terminated. */
extern const char *const SCHEMA_ID_TABLES[];

#endif
