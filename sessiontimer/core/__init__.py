"""The pure core: timing, planning, validation and storage. No Textual import in here."""
