-- Client ids (README, "Ids"): a client may send any 1-128 characters of A-Z a-z 0-9 . _ : - as an id. A UUID is the
-- row's id as it is; any other id is mapped to a name-based UUID (version 5) and kept here as the client sent it, so
-- that the API can show it. Null means the client's id was the UUID in "id" (and for every row stored before this).
alter table feedback_items add column client_id text;
alter table survey_responses add column client_id text;
