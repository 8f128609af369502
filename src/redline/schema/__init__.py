"""The published JSON Schema of ``redline extract`` output."""
