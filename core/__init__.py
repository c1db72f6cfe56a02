"""The bottom layer: small request helpers every app uses the same way. Imports no app."""
