"""nlp_service: who must do what, by when — extraction from Vietnamese HĐND/UBND notices."""

__version__ = "0.1.0"
