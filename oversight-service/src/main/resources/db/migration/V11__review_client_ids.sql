-- Client ids (README, "Ids"): a request may carry any 1-128 characters of A-Z a-z 0-9 . _ : - as its id. A UUID is
-- the review's id as it is; any other id is mapped to a name-based UUID (version 5) and kept here as the client sent
-- it, so that the API can show it. Null means the client's id was the UUID in "id" (and for every row stored before).
alter table reviews add column client_id text;
