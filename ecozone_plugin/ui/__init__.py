"""Dock widgets and dialogs; they call core and run algorithms as tasks."""
