ALTER TABLE maintenance_windows ADD COLUMN recurrence TEXT;
UPDATE maintenance_windows SET series_id = id
 WHERE series_id IS NULL
   AND id IN (SELECT series_id FROM maintenance_windows WHERE series_id IS NOT NULL);
CREATE INDEX maintenance_windows_by_series ON maintenance_windows (series_id) WHERE series_id IS NOT NULL;
