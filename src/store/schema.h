/* schema.h: the store's versioned migrations (see schema.c). SQLite only. */
#ifndef KFQ_SCHEMA_H
#define KFQ_SCHEMA_H

/* Number of migrations: the latest schema version. */
int schema_count(void);
/* The SQL that upgrades a database at version from_version by one. */
const char *schema_migration(int from_version);

#endif
