"""`make bench`: the in-process benchmark on the national data set (issue #7).

`python -m devtools.bench.run` signs in as the bench users of `devtools/scale/portal.py`, times
every main page and htmx partial through the whole Django stack with the test client, times the
scheduled jobs, and writes `results.json` and `RESULTS.md` beside this file. Run it through
`scripts/bench.sh`, which builds the data set first (`scripts/bench-data.sh`).
"""
