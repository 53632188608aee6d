"""Development tooling kept out of the product: the national data generator (`scale/`,
`manage.py seed_scale`) and the benchmark (`bench/`, `make bench`, `make bench-load`).

Installed as an app only in the dev, test and bench settings; the production image leaves the
whole folder out (.dockerignore).
"""
