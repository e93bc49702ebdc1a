-- Every column of `fanout scan` and `fanout http` output: until V4 the history kept the columns
-- of V1 only, so `history show` lost what later versions added to a result (an HTTP reply's
-- version, Server header and title; a scan's --resolve-names name; the TLS certificate of
-- --tls / an https URL). Each is null where the result has none, as its CSV cell is empty.
-- A certificate is there when cert_not_after is. Portable SQL, as V1.

ALTER TABLE tcp_results ADD COLUMN name TEXT;
ALTER TABLE tcp_results ADD COLUMN tls_version TEXT;
ALTER TABLE tcp_results ADD COLUMN cert_subject TEXT;
ALTER TABLE tcp_results ADD COLUMN cert_issuer TEXT;
ALTER TABLE tcp_results ADD COLUMN cert_sans TEXT;
ALTER TABLE tcp_results ADD COLUMN cert_not_after TEXT;
ALTER TABLE tcp_results ADD COLUMN cert_days_left BIGINT;
ALTER TABLE tcp_results ADD COLUMN cert_trusted BOOLEAN;

ALTER TABLE http_results ADD COLUMN http_version TEXT;
ALTER TABLE http_results ADD COLUMN server TEXT;
ALTER TABLE http_results ADD COLUMN title TEXT;
ALTER TABLE http_results ADD COLUMN tls_version TEXT;
ALTER TABLE http_results ADD COLUMN cert_subject TEXT;
ALTER TABLE http_results ADD COLUMN cert_issuer TEXT;
ALTER TABLE http_results ADD COLUMN cert_sans TEXT;
ALTER TABLE http_results ADD COLUMN cert_not_after TEXT;
ALTER TABLE http_results ADD COLUMN cert_days_left BIGINT;
ALTER TABLE http_results ADD COLUMN cert_trusted BOOLEAN;
