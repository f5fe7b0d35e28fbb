"""Reading, sentence splitting and writing of bilingual documents.

Importing this package is cheap: dictionaries and models load in named calls.
"""
