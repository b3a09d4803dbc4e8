-- Publication packages (BagIt + RO-Crate) and lineage that follows the data.
-- export_job: how the export is packaged ('none' or 'bagit'), and the licence and author written into its crate.
-- data_file: the upstream pipeline run that produced the file (labexport files add --meta pipeline_run=...).
-- data_file.metadata keeps JSON values with their types from now on; older rows hold strings, still valid JSON.

ALTER TABLE export_job ADD COLUMN package_format VARCHAR(16) DEFAULT 'none' NOT NULL;
ALTER TABLE export_job ADD COLUMN license VARCHAR(1000);
ALTER TABLE export_job ADD COLUMN author VARCHAR(1000);
ALTER TABLE export_job ADD CONSTRAINT export_job_package_check CHECK (package_format IN ('none', 'bagit'));

ALTER TABLE data_file ADD COLUMN pipeline_run VARCHAR(200);
