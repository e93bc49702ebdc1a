-- Shards (fanout scan --shard I/N --seed S): the N shards of one job, run by many processes or
-- machines into one history, read as one run. Portable SQL, as V1: one column per ALTER TABLE.
-- The shards of one execution of a job share group_id: the id of the first of them to start.
-- Runs recorded before this migration have none of these (null): each is a group of its own.

ALTER TABLE runs ADD COLUMN shard INTEGER;      -- I of I/N, 1-based (1 for a run of the whole job)
ALTER TABLE runs ADD COLUMN shards INTEGER;     -- N of I/N (1 for a run of the whole job)
ALTER TABLE runs ADD COLUMN seed BIGINT;        -- seed of the target order; null for sequential order
ALTER TABLE runs ADD COLUMN group_key TEXT;     -- the job less which shard, with N: equal for the N shards
ALTER TABLE runs ADD COLUMN group_id BIGINT;    -- the execution of the group this run belongs to
CREATE INDEX runs_by_group ON runs (group_key, group_id);
