"""Forms of the workflows app: the Undo button's."""

from django import forms

# A signed, compressed token (core.undo). The longest comes from reopening a rejection: it
# carries the outcome's reason (10,000 characters at most) to put it back. Measured: 10,000
# random CJK characters make a token of about 35,000 characters, 10,000 random characters
# outside the BMP (the worst case: JSON writes each as two \u escapes) about 55,000. Far below
# DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB).
UNDO_TOKEN_MAX_LENGTH = 100_000


class UndoForm(forms.Form):
    token = forms.CharField(max_length=UNDO_TOKEN_MAX_LENGTH)
