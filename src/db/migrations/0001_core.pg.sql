-- 0001 core (PostgreSQL variant): areas, customers, meters, daily usage.
-- Keep in step with 0001_core.sqlite.sql: same tables, columns and keys.
-- Every customer-scoped table leads its primary key with customer_id so
-- the tables can be co-located and distributed by customer later.

CREATE TABLE areas (
  code TEXT PRIMARY KEY,
  parent_code TEXT REFERENCES areas (code),
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
  name TEXT NOT NULL,
  name_ascii TEXT NOT NULL
);
CREATE INDEX areas_parent ON areas (parent_code);

CREATE TABLE customers (
  customer_id BIGINT PRIMARY KEY,
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
  created_at BIGINT NOT NULL
);
CREATE INDEX customers_area ON customers (area_code, has_smartphone);

CREATE TABLE meters (
  customer_id BIGINT NOT NULL REFERENCES customers (customer_id),
  meter_id BIGINT NOT NULL,
  serial TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('remote', 'manual')),
  installed_on TEXT NOT NULL,
  PRIMARY KEY (customer_id, meter_id)
);

CREATE TABLE daily_usage (
  customer_id BIGINT NOT NULL,
  meter_id BIGINT NOT NULL,
  day TEXT NOT NULL,
  energy_wh BIGINT NOT NULL CHECK (energy_wh >= 0),
  PRIMARY KEY (customer_id, meter_id, day),
  FOREIGN KEY (customer_id, meter_id) REFERENCES meters (customer_id, meter_id)
);
