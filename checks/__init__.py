"""The checks: one module per family; each rule registers itself with @rule."""
