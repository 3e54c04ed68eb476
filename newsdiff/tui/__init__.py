"""The interactive viewer (Textual)."""
