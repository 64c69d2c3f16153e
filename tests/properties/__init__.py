"""Property tests: the spec, the generated models, the overlays and the sandbox agree (hypothesis)."""
