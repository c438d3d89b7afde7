-- A refused file that could not be read (an old .xls or .et) but was attributed to its unit by
-- its file name alone: shown as 收到无法读取的文件, never standing over an accepted version.
ALTER TABLE submissions ADD COLUMN by_file_name INTEGER NOT NULL DEFAULT 0;
