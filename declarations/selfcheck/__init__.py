"""A procurer organization's private self-check against the guideline's customer category:
what it answers (``queries``) and the form it answers on (``forms``); the writer is
``services.selfcheck``."""
