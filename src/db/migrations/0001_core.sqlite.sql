-- 0001 core (SQLite variant): areas, customers, meters, daily usage.
-- Keep in step with 0001_core.pg.sql: same tables, columns and keys.
-- SQLite differences: INTEGER PRIMARY KEY makes customer_id the rowid,
-- and daily_usage is WITHOUT ROWID so its primary key is the table.

CREATE TABLE areas (
  code TEXT PRIMARY KEY,
  parent_code TEXT REFERENCES areas (code),
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
  name TEXT NOT NULL,
  name_ascii TEXT NOT NULL
);
CREATE INDEX areas_parent ON areas (parent_code);

CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) = 13),
  area_code TEXT NOT NULL REFERENCES areas (code),
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  phone TEXT,
  tariff_class TEXT NOT NULL
    CHECK (tariff_class IN ('household', 'business', 'administrative')),
  cycle_day INTEGER NOT NULL CHECK (cycle_day BETWEEN 1 AND 28),
  household_quota INTEGER NOT NULL DEFAULT 1 CHECK (household_quota >= 1),
  has_smartphone INTEGER NOT NULL DEFAULT 0 CHECK (has_smartphone IN (0, 1)),
  created_at INTEGER NOT NULL
);
CREATE INDEX customers_area ON customers (area_code, has_smartphone);

CREATE TABLE meters (
  customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
  meter_id INTEGER NOT NULL,
  serial TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('remote', 'manual')),
  installed_on TEXT NOT NULL,
  PRIMARY KEY (customer_id, meter_id)
);

CREATE TABLE daily_usage (
  customer_id INTEGER NOT NULL,
  meter_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  energy_wh INTEGER NOT NULL CHECK (energy_wh >= 0),
  PRIMARY KEY (customer_id, meter_id, day),
  FOREIGN KEY (customer_id, meter_id) REFERENCES meters (customer_id, meter_id)
) WITHOUT ROWID;
