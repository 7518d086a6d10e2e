"""The full-screen app (Textual): it renders what the core says and computes no time itself."""
