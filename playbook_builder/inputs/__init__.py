"""Stage 1, read and validate: profile and library files become checked models, or every
problem as a located diagnostic (``file:line:col``, a code and a hint)."""
