-- Closed ports, packed. A port scan's results are nearly all refused connects ("closed"), and a
-- tcp_results row for each made recording cost a full-range scan of 127.0.0.1 ~45% of its time
-- (SQLite's insert of a row, ~2-5 us, is as much as the connect it records). The closed ports of
-- one host within one batch of results (up to 10,000) are one row here instead; every other
-- result, and a closed port with anything more to say (a banner, an error, another service
-- name), stays a row of tcp_results. A run's results are the rows of both tables.
-- The lists are comma-separated numbers, one per port, in the order the ports' results arrived:
--   ports '8081,22,9000', latencies_us '41,38,' (empty where unknown),
--   seqs '0,3,7' (each port's seq less first_seq: its place in the run's order of arrival).
-- Portable SQL, as V1.

CREATE TABLE tcp_closed (
    run_id       BIGINT NOT NULL REFERENCES runs (id),
    host         TEXT NOT NULL,
    ip           TEXT NOT NULL,
    first_seq    BIGINT NOT NULL,            -- the seq of the first of them
    last_seq     BIGINT NOT NULL,            -- the seq of the last of them
    port_count   INTEGER NOT NULL,           -- how many ports the lists hold
    ports        TEXT NOT NULL,
    latencies_us TEXT NOT NULL,
    seqs         TEXT NOT NULL,
    PRIMARY KEY (run_id, host, first_seq)
);
