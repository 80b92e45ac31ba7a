/* schema.h: the store's versioned migrations (see schema.c). SQLite only. */
#ifndef KFQ_SCHEMA_H
#define KFQ_SCHEMA_H

/* Number of migrations: the latest schema version. */
int schema_count(void);
/* The SQL that upgrades a database at version from_version by one. */
const char *schema_migration(int from_version);

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
