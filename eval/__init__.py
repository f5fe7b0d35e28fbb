"""Evaluation: alignment scoring against gold, split evaluation, benchmarks."""
