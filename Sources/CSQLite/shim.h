#pragma once
#include <sqlite3.h>

// Variadic SQLite functions cannot be called from Swift; wrap the ones we need.
static inline int csqlite_db_config_defensive(sqlite3 *db, int on) {
  return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, (int *)0);
}
