-- 0010_inquiry_type.sql — tasks 5, 6 and 7 count the inquiries of one type
-- each (会议, 书面, 网上询问): the dashboard's tally of a type's records of a
-- year, closed or falling due, is read from this index alone.
CREATE INDEX inquiry_type_dash ON inquiry(inquiry_type, asked_on, replied_on, due);
