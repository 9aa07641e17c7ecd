-- Cohort views read one column across all samples.
CREATE INDEX fields_column ON fields(column_id, sample_id);
