-- 0006_dashboard.sql — indexes the dashboard's counts read: each kind's
-- records of a year, with the columns that say whether they are closed and
-- when they fall due, so a year's tally is read from the index alone.
CREATE INDEX inquiry_dash ON inquiry(asked_on, replied_on, due);
CREATE INDEX letter_dash ON letter(year, state, due);
CREATE INDEX report_dash ON report(year, submitted_on, due);
CREATE INDEX rectification_dash ON rectification(deadline, closed_on);
CREATE INDEX accountability_dash ON accountability(year, state);
CREATE INDEX proposal_dash ON proposal(period, state, rule);
CREATE INDEX case_dash ON case_file(clue_on, stage);
CREATE INDEX vetting_dash ON vetting(started_on, concluded_on);
CREATE INDEX duty_letter_year ON duty_letter(year);
CREATE INDEX endorsement_year ON endorsement(year);
CREATE INDEX draw_drawn ON draw(drawn_at);
