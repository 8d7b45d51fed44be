-- Issue 10: a client id names one message. The SHA-256 (hex) of the request that made an own
-- entry, so that a client id reused for another message is told apart from a retry (409); null
-- for entries re-indexed from the log and for every entry from before this version.
ALTER TABLE messages ADD COLUMN request_digest TEXT;
