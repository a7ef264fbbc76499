-- Segment analysis (issue 21): the attributes a unit had at its first exposure (customer type, device, region, ...),
-- given with the exposure as {"segments": {"device": "mobile", ...}}. Results per segment are computed on request.
alter table units add column segments jsonb;
