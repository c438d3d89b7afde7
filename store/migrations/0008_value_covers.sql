-- 数据截至 and 同比增长 of each figure (template layout 3): the month the figure covers
-- (YYYY-MM; empty: the month the indicator's publication lag implies) and the growth in
-- percent a unit reported for a flow (NULL: none).
ALTER TABLE indicator_values ADD COLUMN covers TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator_values ADD COLUMN growth REAL;
