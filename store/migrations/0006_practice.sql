-- 经验做法: the good practice a unit reports on a task (the plan asks for 工作进展、经验做法及存在的
-- 问题). Optional; empty for reports made before the template had the column.
ALTER TABLE task_reports ADD COLUMN practice TEXT NOT NULL DEFAULT '';
