\* tlc-rs check check_parse_error_json.tla --config unknown_cfg_keyword.cfg --format json
---- MODULE check_parse_error_json ----
VARIABLE x
Init == x = = 0
====
