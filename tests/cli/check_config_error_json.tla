\* tlc-rs check check_config_error_json.tla --config unknown_cfg_keyword.cfg --format json
---- MODULE check_config_error_json ----
\* The module is fine; the config has an unknown keyword: exit 151, error filled.
VARIABLE x
Init == x = 0
Next == x' = x
Inv == x = 0
====
