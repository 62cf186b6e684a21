-- The Roles panel kept its offline copies in `settings` under `roles_<kind>:<profile>`;
-- they now live in `snapshots` with every other panel's, where clearing the cache finds them.
DELETE FROM settings WHERE key LIKE 'roles\_%:%' ESCAPE '\';
