"""The ``bitext`` command line: thin wrappers over the library (one module a subcommand)."""
