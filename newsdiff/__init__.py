"""newsdiff: compare versions of a news article paragraph by paragraph."""

__version__ = "0.1.0"
