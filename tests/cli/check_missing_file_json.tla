\* tlc-rs check does_not_exist.tla --format json
---- MODULE check_missing_file_json ----
\* The spec file does not exist: one JSON object with the error, exit 153.
====
