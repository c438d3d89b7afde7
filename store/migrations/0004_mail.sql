-- How a return reached the office: where its received time comes from (a mail server's
-- Received header, the mail's Date, the clerk, the file's time, the clock), and, for a return
-- that came by e-mail, the sender's address and name and the subject.
ALTER TABLE submissions ADD COLUMN time_source TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN sender TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN sender_name TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN subject TEXT NOT NULL DEFAULT '';
