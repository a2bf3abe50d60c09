"""caucbib: a citation and bibliography manager for az/tr/ru/en reference lists."""

__version__ = "0.1.0"
