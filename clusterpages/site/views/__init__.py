"""Views for templates: plain, already-formatted values built from the model (pure)."""
