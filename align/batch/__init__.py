"""``bitext batch``: a whole crawl of document pairs aligned into one RUN_DIR.

``inputs`` (INPUT layouts and manifests → ``DocumentPair``), ``worker`` (one document in a
worker process, one aligner a process), ``engines`` (local processes or Dask behind one
``Engine``), ``resume`` (keys: what a rerun skips), ``progress`` (the bar) and ``runner``
(``run_batch``: the driver that owns the RUN_DIR, whose format is ``corpus.rundir``).
"""
