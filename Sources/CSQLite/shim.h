#pragma once
#include <sqlite3.h>

// Variadic SQLite functions cannot be called from Swift; wrap the ones we need.
static inline int csqlite_db_config_defensive(sqlite3 *db, int on) {
  return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, (int *)0);
}

// Extended result codes are macros built with `|`, which Swift does not import.
static inline int csqlite_constraint_primarykey(void) { return SQLITE_CONSTRAINT_PRIMARYKEY; }
static inline int csqlite_constraint_foreignkey(void) { return SQLITE_CONSTRAINT_FOREIGNKEY; }
static inline int csqlite_constraint_unique(void) { return SQLITE_CONSTRAINT_UNIQUE; }
