"""Data package: what ships with fazhi (mandates.yaml, examples/, samples/), installed as assistant.corpus."""
