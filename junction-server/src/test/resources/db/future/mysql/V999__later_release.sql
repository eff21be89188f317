-- A migration of a later release, for MigrationsTest: this build does not know version 999.
CREATE TABLE later_release (id INTEGER PRIMARY KEY);
